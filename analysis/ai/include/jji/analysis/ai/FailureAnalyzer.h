#ifndef JJI_ANALYSIS_AI_FAILUREANALYZER_H
#define JJI_ANALYSIS_AI_FAILUREANALYZER_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/model/Model.h"
#include "jji/config/Settings.h"

#include <chrono>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Which AI to ask and how.
struct AiRequest
{
    std::string provider;
    std::string model;
    std::string rawPrompt;
    std::chrono::milliseconds timeout{std::chrono::minutes(10)};
    std::string workspace; ///< working directory of the CLI
    std::string context;   ///< what the workspace holds, told to the AI (e.g. downloaded artifacts)
    std::vector<AiConfig> peers; ///< peer reviewers; none: no debate
    int peerMaxRounds = 3;
};

/// Classifies failures: groups them by error signature, asks the AI once per group
/// (groups in parallel, under the daemon-wide AI call limit) and fans each answer out
/// to every test of its group (affected_tests lists the group, at most 20 names).
class FailureAnalyzer
{
public:
    struct Outcome
    {
        std::vector<FailureAnalysis> failures; ///< same order as the input
        std::size_t uniqueErrors = 0;
        std::vector<TokenUsage> calls;         ///< every AI call that ran: usage (when reported), duration, sizes
        TokenUsage totalUsage;
        std::vector<std::string> errors;       ///< AI calls that failed, one line each
    };

    FailureAnalyzer(const config::Settings& settings, AiCallLimiter& limiter) : _settings(settings), _limiter(limiter) {}

    Outcome analyze(const std::vector<TestFailure>& failures, const AiRequest& ai) const;

    /// "N failure(s) analyzed (M unique error types)"
    static std::string summary(std::size_t failures, std::size_t uniqueErrors);

private:
    struct GroupAnswer
    {
        AnalysisDetail detail;
        std::vector<TokenUsage> usage;
        std::string error;
        std::shared_ptr<const PeerDebateTrail> debate;
    };

    /// The peers' review of a group's answer (which it may revise).
    void debate(const std::vector<TestFailure>& group, const AiRequest& ai, GroupAnswer& answer) const;

    GroupAnswer analyzeGroup(const std::vector<TestFailure>& group, const AiRequest& ai) const;

    const config::Settings& _settings;
    AiCallLimiter& _limiter;
};

} // namespace analysis
} // namespace jji

#endif
