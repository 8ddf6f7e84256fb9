#ifndef JJI_ANALYSIS_AI_AISTATUS_H
#define JJI_ANALYSIS_AI_AISTATUS_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/model/Model.h"
#include "jji/config/Settings.h"

#include <chrono>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Whether one configured AI provider answers, and if not, why.
struct AiProviderStatus
{
    std::string provider;
    std::string model;
    std::string command;   ///< the executable that was run
    std::string tools;     ///< JJI_AI_TOOLS mode it ran in
    bool ready = false;
    std::string error;     ///< the cause and the fix, when not ready
    long long durationMs = 0;
};

/// The configured providers' readiness, for `jji-server --check-ai` and GET /api/ai/status:
/// a tiny prompt goes through each real CLI exactly as an analysis would send it.
class AiStatus
{
public:
    /// AI_PROVIDER with AI_MODEL, each PEER_AI_CONFIGS pair, and each JJI_AI_COMMAND_<NAME>
    /// provider (with AI_MODEL), without repeats. A provider without a model is listed
    /// with an empty model (and reported as not ready).
    static std::vector<AiConfig> configured(const config::Settings& settings);

    /// Each provider's time limit in a check: the AI CLI timeout, at most two minutes.
    static std::chrono::milliseconds timeoutFor(const config::Settings& settings);

    /// Runs the check prompt through each configured provider, one after another, each
    /// in a scratch directory of its own, under the daemon-wide AI call limit.
    static std::vector<AiProviderStatus> check(const config::Settings& settings, AiCallLimiter& limiter,
                                               std::chrono::milliseconds timeoutEach);
};

} // namespace analysis
} // namespace jji

#endif
