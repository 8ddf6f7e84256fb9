#ifndef JJI_ANALYSIS_TRACKERS_ISSUECONTENT_H
#define JJI_ANALYSIS_TRACKERS_ISSUECONTENT_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

enum class IssueTracker
{
    GitHub, ///< Markdown body
    Jira    ///< plain-text body (Cloud renders it as an Atlassian Document)
};

/// What an issue is about: one stored failure (its effective, override-aware analysis)
/// and where it happened.
struct IssueSubject
{
    Poco::JSON::Object::Ptr failure; ///< FailureAnalysis as stored
    std::string jobName;             ///< "" for a direct analysis
    long long buildNumber = 0;
    std::string childJobName;
    long long childBuildNumber = 0;
    std::string reportUrl;           ///< set only when links are wanted and PUBLIC_BASE_URL is known
    std::string jenkinsUrl;          ///< likewise
    std::string issuePrompt;         ///< the team's instructions for its issues ("" = none)
};

struct IssueDraft
{
    std::string title;
    std::string body;
};

/// The title and body of a GitHub issue or Jira bug for a failure: written by the AI
/// when one is configured, else (or when it fails) from a fixed template. Links are
/// appended by the daemon, never left to the AI.
class IssueContent
{
public:
    static IssueDraft fromTemplate(IssueTracker tracker, const IssueSubject& subject);

    /// `ai` null: the template. Usage of every AI call made is appended to `usage`.
    static IssueDraft draft(IssueTracker tracker, const IssueSubject& subject, const config::Settings& settings,
                            AiCallLimiter& limiter, const AiRequest* ai, std::vector<TokenUsage>& usage);

    /// Words worth searching a tracker with for duplicates: the product bug report's
    /// Jira keywords when there are some, else the significant words of the title.
    static std::vector<std::string> searchWords(const IssueSubject& subject, const std::string& title);

private:
    static std::string prompt(IssueTracker tracker, const IssueSubject& subject, const IssueDraft& templateDraft);
    static std::string links(IssueTracker tracker, const IssueSubject& subject);
};

} // namespace analysis
} // namespace jji

#endif
