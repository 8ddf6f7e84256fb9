#include "jji/analysis/ai/AiCliDiagnosis.h"

#include <Poco/String.h>

namespace jji {
namespace analysis {

namespace {

/// How each built-in CLI is given its credentials, and where it comes from.
struct CliFacts
{
    const char* keyFix;
    const char* package;
};

CliFacts factsOf(const std::string& provider)
{
    if (provider == "claude")
        return {"set ANTHROPIC_API_KEY or run `claude login` as the daemon's user", "npm install -g @anthropic-ai/claude-code"};
    if (provider == "gemini")
        return {"set GEMINI_API_KEY for the daemon's user (with security.auth.selectedType \"gemini-api-key\" in "
                "~/.gemini/settings.json)",
                "npm install -g @google/gemini-cli"};
    if (provider == "cursor")
        return {"set CURSOR_API_KEY or run `agent login` as the daemon's user", "curl https://cursor.com/install -fsS | bash"};
    return {"give the CLI its credentials in the daemon's environment", "install it"};
}

bool contains(const std::string& text, const char* needle)
{
    return Poco::toLower(text).find(needle) != std::string::npos;
}

} // namespace

std::string AiCliDiagnosis::forApiStatus(const std::string& provider, const std::string& model, int status,
                                         const std::string& reason, int retries)
{
    const std::string code = std::to_string(status);
    if (status == 401 || status == 403 || reason == "API_KEY_INVALID" || reason == "authentication_error")
        return provider + ": the API refused the key (" + (reason == "API_KEY_INVALID" ? reason : code) + "): " +
               factsOf(provider).keyFix;
    if (status == 404)
        return provider + ": the API does not know the model '" + model +
               "' (404): choose one the key can use (AI_MODEL, or the request's ai_model)";
    if (status == 429)
        return provider + ": the API answered 429 (rate limit or quota exhausted)" +
               (retries > 0 ? " on " + std::to_string(retries) + " tries" : std::string()) +
               ": wait for the quota to reset, lower MAX_CONCURRENT_AI_CALLS, or raise the account's limits";
    return "";
}

std::string AiCliDiagnosis::forCliMessage(const std::string& provider, const std::string& message)
{
    if (contains(message, "not logged in") || contains(message, "invalid api key") ||
        (contains(message, "must specify the") && contains(message, "api_key")))
        return provider + ": the CLI has no usable credentials (" + Poco::trim(message.substr(0, 200)) + "): " +
               factsOf(provider).keyFix;
    return "";
}

std::string AiCliDiagnosis::notInstalled(const std::string& provider, const std::string& executable, const std::string& why)
{
    return provider + ": cannot start the CLI '" + executable + "' (" + why + "): " + factsOf(provider).package +
           " for the daemon's user, or set JJI_AI_COMMAND_" + Poco::toUpper(provider) + " to its path";
}

} // namespace analysis
} // namespace jji
