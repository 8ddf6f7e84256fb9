#ifndef JJI_ANALYSIS_TRACKERS_ISSUEFILING_H
#define JJI_ANALYSIS_TRACKERS_ISSUEFILING_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/review/FailureReview.h"
#include "jji/analysis/trackers/GitHubClient.h"
#include "jji/analysis/trackers/IssueContent.h"
#include "jji/analysis/trackers/TrackerCredentials.h"
#include "jji/analysis/trackers/TrackerHttp.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"
#include "jji/storage/SecretBox.h"

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// A preview or create request for one stored failure.
struct IssueRequest
{
    std::string testName;
    FailureScope scope;
    bool includeLinks = false;
    std::string aiProvider, aiModel; ///< preview: "" = the server default
    RequestedCredentials credentials;
    std::string githubRepoUrl;       ///< "" = the analysis' tests repo, then TESTS_REPO_URL
    std::string jiraProjectKey;      ///< "" = JIRA_PROJECT_KEY
    std::string jiraSecurityLevel;   ///< a level name; "" = none
    std::string title, body;         ///< create: the final text
    std::string issuePrompt;         ///< preview: extra instructions; "" = the job's (issuePromptOf)
    std::string username;            ///< "" when nobody is known: attribution and the linking comment
    std::string tokenOwner;          ///< whose saved tracker tokens may be used ("" for nobody's)
};

struct IssuePreview
{
    IssueDraft draft;
    std::vector<TrackerIssue> similar; ///< best effort: empty when the search could not run
};

struct CreatedIssue
{
    TrackerIssue issue;
    long long commentId = 0; ///< the comment linking it on the analysis; 0 without a username
};

/// Turns a triaged failure into a GitHub issue or a Jira bug: preview (AI-written or
/// template text, duplicate search) and create (through the tracker's REST API, with
/// reporter attribution and a comment on the analysis that links the new issue).
/// Errors: ReviewTargetError for the failure lookup, TrackerError for the tracker.
class IssueFiling
{
public:
    IssueFiling(const config::Settings& settings, storage::Database& db, const storage::SecretBox& secrets,
                AiCallLimiter& limiter)
        : _settings(settings), _db(db), _credentials(settings, db, secrets), _limiter(limiter)
    {
    }

    IssuePreview preview(IssueTracker tracker, const std::string& jobId, const IssueRequest& request);

    /// The instructions for writing a job's issues (GET /results/{job_id}/issue-prompt): the
    /// issue_prompt its analysis request gave, else the tests repository's
    /// JOB_INSIGHT_ISSUE_PROMPT.md as the analysis read it; "" when neither (or no such job).
    std::string issuePromptOf(const std::string& jobId);
    CreatedIssue create(IssueTracker tracker, const std::string& jobId, const IssueRequest& request);

    /// Whether the tracker's issue creation is switched on (TrackerError Disabled otherwise).
    void requireEnabled(IssueTracker tracker) const;

private:
    IssueSubject subject(const ReviewTarget& target, const std::string& jobId, bool includeLinks) const;
    /// The repository to file in; only on github.com or the hosts the server is configured
    /// for (GITHUB_API_URL, TESTS_REPO_URL), so requests cannot aim the daemon elsewhere.
    GitHubRepo githubRepo(const IssueRequest& request, const ReviewTarget& target) const;
    std::string jiraProject(const IssueRequest& request) const;

    const config::Settings& _settings;
    storage::Database& _db;
    TrackerCredentials _credentials;
    AiCallLimiter& _limiter;
};

} // namespace analysis
} // namespace jji

#endif
