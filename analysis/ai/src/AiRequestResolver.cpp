#include "jji/analysis/ai/AiRequestResolver.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>

namespace jji {
namespace analysis {

namespace {

/// peer_ai_configs from the request ([] disables), else PEER_AI_CONFIGS ("provider:model,...").
std::vector<AiConfig> resolvePeers(const Poco::JSON::Object::Ptr& params, const config::Settings& settings)
{
    std::vector<AiConfig> peers;
    if (Poco::JSON::Array::Ptr given = params->getArray("peer_ai_configs")) {
        for (std::size_t i = 0; i < given->size(); ++i) {
            Poco::JSON::Object::Ptr entry = given->getObject(static_cast<unsigned>(i));
            peers.push_back({entry->optValue<std::string>("ai_provider", ""), entry->optValue<std::string>("ai_model", "")});
        }
    } else {
        Poco::StringTokenizer entries(settings.peerAiConfigs, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        for (const auto& entry : entries) {
            const auto colon = entry.find(':');
            peers.push_back({Poco::trim(entry.substr(0, colon)), colon == std::string::npos ? "" : Poco::trim(entry.substr(colon + 1))});
        }
    }
    for (const auto& peer : peers) {
        if (!settings.isKnownAiProvider(peer.provider))
            throw AnalysisConfigError("Unknown peer AI provider '" + peer.provider + "'");
        if (Poco::trim(peer.model).empty())
            throw AnalysisConfigError("Peer AI provider '" + peer.provider + "' has no model");
    }
    return peers;
}

} // namespace

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
    ai.reuseConfirmed = params->optValue<bool>("reuse_confirmed", true);
    if (params->has("ai_cli_timeout")) // clamped to a day: larger values would overflow the clock
        ai.timeout = std::chrono::minutes(std::min(params->getValue<long long>("ai_cli_timeout"), 24LL * 60));
    else if (settings.aiCliTimeoutSeconds > 0)
        ai.timeout = std::chrono::seconds(settings.aiCliTimeoutSeconds);
    else
        ai.timeout = std::chrono::minutes(settings.aiCliTimeoutMinutes);
    ai.peers = resolvePeers(params, settings);
    ai.peerMaxRounds = static_cast<int>(std::clamp(
        params->has("peer_analysis_max_rounds") ? params->getValue<long long>("peer_analysis_max_rounds")
                                                : static_cast<long long>(settings.peerAnalysisMaxRounds),
        1LL, 10LL));
    params->set("ai_provider", ai.provider);
    params->set("ai_model", ai.model);
    return ai;
}

} // namespace analysis
} // namespace jji
