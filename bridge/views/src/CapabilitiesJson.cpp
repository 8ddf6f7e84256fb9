#include "jji/bridge/views/CapabilitiesJson.h"

#include "jji/config/Capabilities.h"

namespace jji {
namespace bridge {

Poco::JSON::Object::Ptr capabilitiesJson(const config::Settings& settings)
{
    const auto c = config::Capabilities::from(settings);
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("github_issues_enabled", c.githubIssuesEnabled);
    o->set("jira_issues_enabled", c.jiraIssuesEnabled);
    o->set("server_github_token", c.serverGithubToken);
    o->set("server_jira_token", c.serverJiraToken);
    o->set("server_jira_email", c.serverJiraEmail);
    o->set("server_jira_project_key", c.serverJiraProjectKey);
    o->set("reportportal", c.reportportal);
    o->set("reportportal_project", c.reportportalProject);
    return o;
}

} // namespace bridge
} // namespace jji
