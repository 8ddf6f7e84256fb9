#ifndef JJI_ANALYSIS_TRACKERS_JIRAENRICHMENT_H
#define JJI_ANALYSIS_TRACKERS_JIRAENRICHMENT_H

#include "jji/analysis/trackers/JiraClient.h"
#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <string>

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
/// The score is the share of the keywords found in the summary. Each group's analysis
/// object is searched once; a Jira error leaves the matches empty (logged, counted).
class JiraEnrichment
{
public:
    explicit JiraEnrichment(JiraSearchConfig config) : _config(std::move(config)) {}

    /// Whether the tree holds a product bug report with keywords to search.
    static bool hasCandidates(const Poco::JSON::Object::Ptr& result);

    /// Returns the number of searches made.
    std::size_t enrich(const Poco::JSON::Object::Ptr& result) const;

private:
    JiraSearchConfig _config;
};

} // namespace analysis
} // namespace jji

#endif
