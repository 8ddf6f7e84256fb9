#include "jji/analysis/trackers/AiQuestion.h"

#include "jji/analysis/ai/AiCall.h"
#include "jji/analysis/workspace/Workspace.h"

#include <Poco/UUIDGenerator.h>

namespace jji {
namespace analysis {

std::string askAiOnce(const config::Settings& settings, storage::Database& db, AiCallLimiter& limiter, AiRequest ai,
                      const std::string& prompt, const std::string& usageJobId, const std::string& callType,
                      std::string& error)
{
    ai.peers.clear();
    ai.rawPrompt.clear();
    Workspace workspace(settings.dataDir, callType + "-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
    ai.workspace = workspace.path();
    std::vector<TokenUsage> usage;
    const std::string answer = callAi(settings, limiter, ai, prompt, usage, error);
    for (auto& call : usage)
        call.callType = callType;
    recordTokenUsage(db, usageJobId, ai, usage);
    return answer;
}

} // namespace analysis
} // namespace jji
