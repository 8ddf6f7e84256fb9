#include "jji/config/Capabilities.h"

namespace jji {
namespace config {

Capabilities Capabilities::from(const Settings& s)
{
    Capabilities c;
    c.githubIssuesEnabled = s.enableGithubIssues.value_or(true);
    c.jiraIssuesEnabled = !s.jiraUrl.empty() && s.enableJiraIssues.value_or(true);
    c.serverGithubToken = !s.githubToken.empty();
    c.serverJiraToken = !s.jiraApiToken.empty() || !s.jiraPat.empty();
    c.serverJiraEmail = !s.jiraEmail.empty();
    c.serverJiraProjectKey = s.jiraProjectKey;
    bool reportportalConfigured = !s.reportportalUrl.empty() && !s.reportportalApiToken.empty()
                                  && !s.reportportalProject.empty();
    c.reportportal = reportportalConfigured && s.enableReportportal.value_or(true);
    c.reportportalProject = s.reportportalProject;
    c.feedbackEnabled = c.githubIssuesEnabled && c.serverGithubToken && !s.feedbackRepoUrl.empty() && !s.aiProvider.empty() &&
                        !s.aiModel.empty();
    return c;
}

} // namespace config
} // namespace jji
