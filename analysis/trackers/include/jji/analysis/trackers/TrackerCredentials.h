#ifndef JJI_ANALYSIS_TRACKERS_TRACKERCREDENTIALS_H
#define JJI_ANALYSIS_TRACKERS_TRACKERCREDENTIALS_H

#include "jji/analysis/trackers/JiraClient.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"
#include "jji/storage/SecretBox.h"

#include <string>

namespace jji {
namespace analysis {

/// Tracker credentials a request brought itself.
struct RequestedCredentials
{
    std::string githubToken;
    std::string jiraToken;
    std::string jiraEmail;
};

/// Which tracker credentials a request acts with, first found wins: the request's own,
/// then the user's saved tokens (GET/PUT /api/user/tokens), then the server's settings.
/// A Jira token and its e-mail always come from the same place.
class TrackerCredentials
{
public:
    TrackerCredentials(const config::Settings& settings, storage::Database& db, const storage::SecretBox& secrets)
        : _settings(settings), _db(db), _secrets(secrets)
    {
    }

    /// `owner`: whose saved tokens may be used ("" for nobody's).
    std::string githubToken(const RequestedCredentials& requested, const std::string& owner) const;
    /// JIRA_URL and JIRA_SSL_VERIFY with the resolved token (empty token: none anywhere).
    JiraConnection jira(const RequestedCredentials& requested, const std::string& owner) const;

    /// The server's own Jira: JIRA_EMAIL + JIRA_API_TOKEN (Cloud), else JIRA_PAT (Server);
    /// an API token without its e-mail is no usable credential.
    static JiraConnection serverJira(const config::Settings& settings);

private:
    struct Saved
    {
        std::string githubToken, jiraToken, jiraEmail;
    };
    Saved saved(const std::string& username) const;

    const config::Settings& _settings;
    storage::Database& _db;
    const storage::SecretBox& _secrets;
};

} // namespace analysis
} // namespace jji

#endif
