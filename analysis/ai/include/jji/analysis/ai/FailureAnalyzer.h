#ifndef JJI_ANALYSIS_AI_FAILUREANALYZER_H
#define JJI_ANALYSIS_AI_FAILUREANALYZER_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/ai/FailureKnowledge.h"
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
    bool reuseConfirmed = true;      ///< reuse_confirmed: analyses people confirmed may stand in for AI calls
    std::string historyInstructions; ///< replaces the built-in ones on weighing history ("" = built-in)
};

/// Classifies failures: groups them by error signature, takes what the FailureKnowledge
/// already knows (a rule, a confirmed analysis), asks the AI once per remaining group
/// with the group's history in the prompt (groups in parallel, under the daemon-wide AI
/// call limit) and fans each answer out to every test of its group (affected_tests lists
/// the group, at most 20 names).
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
        std::size_t reusedFailures = 0;        ///< given a confirmed earlier analysis
        std::size_t ruleFailures = 0;          ///< classified by a rule
        std::size_t aiGroups = 0;              ///< groups the AI was asked about

        /// "; N reused from confirmed analyses, R classified by rules, M AI call(s)" when
        /// anything was known, else "".
        std::string knownNote() const;
    };

    FailureAnalyzer(const config::Settings& settings, AiCallLimiter& limiter) : _settings(settings), _limiter(limiter) {}

    Outcome analyze(const std::vector<TestFailure>& failures, const AiRequest& ai,
                    const FailureKnowledge* knowledge = nullptr) const;

    /// "N failure(s) analyzed (M unique error types)"
    static std::string summary(std::size_t failures, std::size_t uniqueErrors);

private:
    struct GroupAnswer
    {
        AnalysisDetail detail;
        std::vector<TokenUsage> usage;
        std::string error;
        std::shared_ptr<const PeerDebateTrail> debate;
        KnownOrigin origin;
    };

    /// The peers' review of a group's answer (which it may revise).
    void debate(const std::vector<TestFailure>& group, const AiRequest& ai, GroupAnswer& answer) const;

    GroupAnswer analyzeGroup(const std::vector<TestFailure>& group, const AiRequest& ai, const std::string& history) const;

    const config::Settings& _settings;
    AiCallLimiter& _limiter;
};

} // namespace analysis
} // namespace jji

#endif
