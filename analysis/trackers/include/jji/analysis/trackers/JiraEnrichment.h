#ifndef JJI_ANALYSIS_TRACKERS_JIRAENRICHMENT_H
#define JJI_ANALYSIS_TRACKERS_JIRAENRICHMENT_H

#include "jji/analysis/ai/IssueRelevance.h"
#include "jji/analysis/trackers/JiraClient.h"
#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// How an analysis searches Jira for known bugs, from its request params over the
/// server settings (enable_jira, jira_url, jira_email, jira_api_token, jira_pat,
/// jira_project_key, jira_ssl_verify, jira_max_results).
struct JiraSearchConfig
{
    bool enabled = false;  ///< asked for (or, when nobody said, Jira is fully configured)
    JiraConnection connection;
    std::string projectKey;
    int maxResults = 5;

    bool usable() const { return enabled && connection.usable() && !projectKey.empty(); }

    static JiraSearchConfig from(const Poco::JSON::Object::Ptr& params, const config::Settings& settings);
};

/// The enriching_jira step: for every PRODUCT BUG answer with jira_search_keywords in a
/// result tree (failures, child_job_analyses, failed_children), search the project and
/// set product_bug_report.jira_matches {key, summary, status, priority, url, score}.
/// Reports with the same keywords share one search. With an AI (`relevance`), it judges
/// the issues found against the first report's title and description: only those it
/// finds relevant are kept, with its score, best first, and none when it fails. Without
/// one, every issue found is kept, scored by the share of the keywords in its summary.
/// A Jira error leaves the matches empty (logged, counted).
class JiraEnrichment
{
public:
    explicit JiraEnrichment(JiraSearchConfig config, const IssueRelevance* relevance = nullptr)
        : _config(std::move(config)), _relevance(relevance)
    {
    }

    /// Whether the tree holds a product bug report with keywords to search.
    static bool hasCandidates(const Poco::JSON::Object::Ptr& result);

    /// Returns the number of searches made; the relevance filter's AI calls are appended to `usage`.
    std::size_t enrich(const Poco::JSON::Object::Ptr& result, std::vector<TokenUsage>& usage) const;

private:
    std::vector<JiraMatch> matchesFor(const Poco::JSON::Object::Ptr& bug, const std::vector<std::string>& words,
                                      const std::vector<TrackerIssue>& issues, std::vector<TokenUsage>& usage) const;

    JiraSearchConfig _config;
    const IssueRelevance* _relevance;
};

} // namespace analysis
} // namespace jji

#endif
