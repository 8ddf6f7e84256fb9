#include "jji/analysis/ai/AiStatus.h"

#include "jji/analysis/ai/AiCall.h"
#include "jji/analysis/ai/AiProvider.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/TemporaryFile.h>

#include <algorithm>

namespace jji {
namespace analysis {

namespace {

const char* kCheckPrompt = "This is a connectivity check from Job Insight. Reply with exactly {\"ready\": true} and nothing else.";

void addOnce(std::vector<AiConfig>& list, AiConfig config)
{
    auto same = [&](const AiConfig& c) { return c.provider == config.provider && c.model == config.model; };
    if (!config.provider.empty() && std::none_of(list.begin(), list.end(), same))
        list.push_back(std::move(config));
}

} // namespace

std::vector<AiConfig> AiStatus::configured(const config::Settings& settings)
{
    std::vector<AiConfig> list;
    addOnce(list, {settings.aiProvider, settings.aiModel});
    Poco::StringTokenizer peers(settings.peerAiConfigs, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& entry : peers) {
        const auto colon = entry.find(':');
        addOnce(list, {Poco::trim(entry.substr(0, colon)), colon == std::string::npos ? "" : Poco::trim(entry.substr(colon + 1))});
    }
    for (const auto& command : settings.aiCommands) {
        const std::string& provider = command.first;
        if (std::none_of(list.begin(), list.end(), [&](const AiConfig& c) { return c.provider == provider; }))
            addOnce(list, {provider, settings.aiModel});
    }
    return list;
}

std::chrono::milliseconds AiStatus::timeoutFor(const config::Settings& settings)
{
    const std::chrono::milliseconds configured = settings.aiCliTimeoutSeconds > 0
                                                     ? std::chrono::milliseconds(std::chrono::seconds(settings.aiCliTimeoutSeconds))
                                                     : std::chrono::milliseconds(std::chrono::minutes(settings.aiCliTimeoutMinutes));
    return std::min<std::chrono::milliseconds>(configured, std::chrono::minutes(2));
}

std::vector<AiProviderStatus> AiStatus::check(const config::Settings& settings, AiCallLimiter& limiter,
                                              std::chrono::milliseconds timeoutEach)
{
    std::vector<AiProviderStatus> statuses;
    for (const AiConfig& config : configured(settings)) {
        AiProviderStatus status;
        status.provider = config.provider;
        status.model = config.model;
        status.command = settings.aiCommandFor(config.provider);
        status.tools = settings.aiTools;
        if (config.model.empty()) {
            status.error = config.provider + ": no model configured: set AI_MODEL";
            statuses.push_back(status);
            continue;
        }
        // A scratch directory like an analysis's workspace: new, empty, removed afterwards.
        Poco::Path scratch(Poco::TemporaryFile::tempName());
        Poco::File(scratch).createDirectories();
        AiRequest ai;
        ai.provider = config.provider;
        ai.model = config.model;
        ai.timeout = timeoutEach;
        ai.workspace = scratch.toString();
        std::vector<TokenUsage> usage;
        std::string error;
        const auto started = std::chrono::steady_clock::now();
        const std::string answer = callAi(settings, limiter, ai, kCheckPrompt, usage, error);
        status.durationMs =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        if (error.empty() && Poco::trim(answer).empty())
            error = config.provider + ": the CLI ran but gave no answer";
        status.ready = error.empty();
        status.error = error;
        try {
            Poco::File(scratch).remove(true);
        } catch (const std::exception&) {
            // a CLI may leave files it cannot be made to delete; the temp directory is the OS's to clean
        }
        statuses.push_back(status);
    }
    return statuses;
}

} // namespace analysis
} // namespace jji
