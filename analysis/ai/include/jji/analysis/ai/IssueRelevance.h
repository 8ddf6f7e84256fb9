#ifndef JJI_ANALYSIS_AI_ISSUERELEVANCE_H
#define JJI_ANALYSIS_AI_ISSUERELEVANCE_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/analysis/model/Model.h"
#include "jji/config/Settings.h"

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// One issue a tracker search found, as the AI is shown it.
struct IssueCandidate
{
    std::string key; ///< Jira key, or a GitHub issue number as text
    std::string title;
    std::string description;
    std::string status;
};

/// A candidate the AI judged relevant, with its score (0 to 1, 1 = the same bug).
struct RelevantIssue
{
    std::string key;
    double score = 0.0;
};

/// Asks the AI which issues a tracker search found describe the same bug as a failure:
/// the relevance filter of the Jira matches (call type "jira_filter") and of the tests
/// repository's GitHub issues ("tests_repo_filter"). One call per search, through
/// callAi with the analysis's AI; the answer is a JSON array of {key, relevant, score}.
class IssueRelevance
{
public:
    IssueRelevance(const config::Settings& settings, AiCallLimiter& limiter, AiRequest ai, std::string callType);

    /// The relevant candidates, best first (equal scores keep the search's order), each
    /// key at most once and only keys of `candidates`. Empty when none is relevant, and
    /// also when the AI failed or its answer holds no readable array (logged): an unsure
    /// filter shows nothing rather than everything. Every call that ran is appended to
    /// `usage` with this filter's call type.
    std::vector<RelevantIssue> relevant(const std::string& bugTitle, const std::string& bugDescription,
                                        const std::vector<IssueCandidate>& candidates,
                                        std::vector<TokenUsage>& usage) const;

    /// The question: the new bug, the numbered candidates ("N. KEY [status] - title" and
    /// their descriptions, "No description" when empty) and the answer's shape.
    static std::string prompt(const std::string& bugTitle, const std::string& bugDescription,
                              const std::vector<IssueCandidate>& candidates);

    /// The verdicts of an answer: the keys judged relevant (a true "relevant" and a
    /// non-empty key, text or number), scored (an unreadable score is 0), best first.
    /// The array may stand alone or inside a ```json (or ```) fence and prose; nullopt
    /// when no JSON array can be read.
    static std::optional<std::vector<RelevantIssue>> parse(const std::string& answer);

    const std::string& callType() const { return _callType; }

private:
    const config::Settings& _settings;
    AiCallLimiter& _limiter;
    AiRequest _ai;
    std::string _callType;
};

} // namespace analysis
} // namespace jji

#endif
