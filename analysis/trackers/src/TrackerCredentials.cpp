#include "jji/analysis/trackers/TrackerCredentials.h"

#include "jji/storage/UserStore.h"

#include <Poco/String.h>

namespace jji {
namespace analysis {

TrackerCredentials::Saved TrackerCredentials::saved(const std::string& username) const
{
    Saved out;
    if (username.empty())
        return out;
    auto tokens = storage::UserStore(_db).tokens(username);
    if (!tokens)
        return out;
    auto open = [this](const std::string& sealed) -> std::string {
        try {
            return sealed.empty() ? "" : _secrets.open(sealed);
        } catch (const std::exception&) {
            return ""; // sealed under another key: unusable
        }
    };
    out.githubToken = open(tokens->githubTokenSealed);
    out.jiraToken = open(tokens->jiraTokenSealed);
    out.jiraEmail = tokens->jiraEmail;
    return out;
}

std::string TrackerCredentials::githubToken(const RequestedCredentials& requested, const std::string& owner) const
{
    if (!Poco::trim(requested.githubToken).empty())
        return Poco::trim(requested.githubToken);
    const std::string fromUser = saved(owner).githubToken;
    return fromUser.empty() ? _settings.githubToken : fromUser;
}

JiraConnection TrackerCredentials::jira(const RequestedCredentials& requested, const std::string& owner) const
{
    JiraConnection c;
    c.url = _settings.jiraUrl;
    c.sslVerify = _settings.jiraSslVerify;
    if (!Poco::trim(requested.jiraToken).empty()) {
        c.token = Poco::trim(requested.jiraToken);
        c.email = Poco::trim(requested.jiraEmail);
        return c;
    }
    const Saved user = saved(owner);
    if (!user.jiraToken.empty()) {
        c.token = user.jiraToken;
        c.email = user.jiraEmail;
        return c;
    }
    return serverJira(_settings);
}

JiraConnection TrackerCredentials::serverJira(const config::Settings& settings)
{
    JiraConnection c;
    c.url = settings.jiraUrl;
    c.sslVerify = settings.jiraSslVerify;
    if (!settings.jiraApiToken.empty() && !settings.jiraEmail.empty()) {
        c.token = settings.jiraApiToken; // Jira Cloud
        c.email = settings.jiraEmail;
    } else if (!settings.jiraPat.empty()) {
        c.token = settings.jiraPat;      // Jira Server / Data Center
    }
    return c;
}

} // namespace analysis
} // namespace jji
