#include "jji/bridge/views/CapabilitiesJson.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/config/Capabilities.h"

namespace jji {
namespace bridge {

namespace {

/// The fields in the spec's order, each as the JSON value it is.
std::vector<std::pair<const char*, Poco::Dynamic::Var>> fields(const config::Settings& settings)
{
    const auto c = config::Capabilities::from(settings);
    return {{"github_issues_enabled", c.githubIssuesEnabled},
            {"jira_issues_enabled", c.jiraIssuesEnabled},
            {"server_github_token", c.serverGithubToken},
            {"server_jira_token", c.serverJiraToken},
            {"server_jira_email", c.serverJiraEmail},
            {"server_jira_project_key", c.serverJiraProjectKey},
            {"reportportal", c.reportportal},
            {"reportportal_project", c.reportportalProject},
            {"feedback_enabled", c.feedbackEnabled}}; // the original's, after the spec's eight
}

} // namespace

Poco::JSON::Object::Ptr capabilitiesJson(const config::Settings& settings)
{
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [name, value] : fields(settings))
        o->set(name, value);
    return o;
}

std::string capabilitiesJsonText(const config::Settings& settings)
{
    std::string out = "{";
    for (const auto& [name, value] : fields(settings)) {
        out += (out.size() > 1 ? ",\"" : "\"") + std::string(name) + "\":";
        out += value.isString() ? analysis::toJsonText(value.extract<std::string>()) : (value.extract<bool>() ? "true" : "false");
    }
    return out + "}";
}

} // namespace bridge
} // namespace jji
