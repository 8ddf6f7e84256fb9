#include "jji/analysis/AiRequestResolver.h"

#include <Poco/String.h>

#include <algorithm>

namespace jji {
namespace analysis {

AiRequest resolveAiRequest(Poco::JSON::Object::Ptr params, const config::Settings& settings)
{
    AiRequest ai;
    ai.provider = params->optValue<std::string>("ai_provider", settings.aiProvider);
    ai.model = params->optValue<std::string>("ai_model", settings.aiModel);
    if (ai.provider.empty())
        throw AnalysisConfigError("No AI provider configured: pass ai_provider or set AI_PROVIDER on the server");
    if (!settings.isKnownAiProvider(ai.provider))
        throw AnalysisConfigError("Unknown AI provider '" + ai.provider + "'");
    if (Poco::trim(ai.model).empty())
        throw AnalysisConfigError("No AI model configured: pass ai_model or set AI_MODEL on the server");
    ai.rawPrompt = params->optValue<std::string>("raw_prompt", "");
    if (params->has("ai_cli_timeout")) // clamped to a day: larger values would overflow the clock
        ai.timeout = std::chrono::minutes(std::min(params->getValue<long long>("ai_cli_timeout"), 24LL * 60));
    else if (settings.aiCliTimeoutSeconds > 0)
        ai.timeout = std::chrono::seconds(settings.aiCliTimeoutSeconds);
    else
        ai.timeout = std::chrono::minutes(settings.aiCliTimeoutMinutes);
    params->set("ai_provider", ai.provider);
    params->set("ai_model", ai.model);
    return ai;
}

} // namespace analysis
} // namespace jji
