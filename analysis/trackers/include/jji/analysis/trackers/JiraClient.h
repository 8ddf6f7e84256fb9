#ifndef JJI_ANALYSIS_TRACKERS_JIRACLIENT_H
#define JJI_ANALYSIS_TRACKERS_JIRACLIENT_H

#include "jji/analysis/trackers/TrackerHttp.h"

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Where Jira is and who asks. With an e-mail it is Jira Cloud (REST v3, basic auth
/// e-mail + API token); without one, Jira Server/Data Center (REST v2, Bearer PAT).
struct JiraConnection
{
    std::string url;
    std::string email;
    std::string token;
    bool sslVerify = true;

    bool cloud() const { return !email.empty(); }
    bool usable() const { return !url.empty() && !token.empty(); }
};

struct JiraProject
{
    std::string key, name;
};

struct JiraSecurityLevel
{
    std::string id, name, description;
};

/// The Jira REST calls Job Insight makes: JQL search, bug creation (with a security
/// level by name), projects, security levels, the token's user and issue status.
class JiraClient
{
public:
    explicit JiraClient(const JiraConnection& connection);

    std::vector<TrackerIssue> search(const std::string& jql, int max) const;
    /// Creates an issue of type Bug. The description is plain text: Cloud gets it as an
    /// Atlassian Document, Server as wiki text. An unknown security level name is a
    /// Config error (nothing is created).
    TrackerIssue createBug(const std::string& projectKey, const std::string& summary, const std::string& description,
                           const std::string& securityLevelName) const;
    /// Projects whose key or name contains `query` (all when empty).
    std::vector<JiraProject> projects(const std::string& query) const;
    std::vector<JiraSecurityLevel> securityLevels(const std::string& projectKey) const;
    /// The display name of the token's user.
    std::string displayName() const;
    TrackerIssue issue(const std::string& key) const;

    /// JQL for a full-text search in a project: words stripped of Lucene operators and quoted.
    static std::string textSearchJql(const std::string& projectKey, const std::vector<std::string>& words,
                                     const std::string& extraClause = "");
    /// The browse URL of an issue key.
    std::string browseUrl(const std::string& key) const;

private:
    std::string api() const; ///< /rest/api/3 or /rest/api/2

    JiraConnection _connection;
    TrackerHttp _http;
};

} // namespace analysis
} // namespace jji

#endif
