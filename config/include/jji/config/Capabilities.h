#ifndef JJI_CONFIG_CAPABILITIES_H
#define JJI_CONFIG_CAPABILITIES_H

#include "jji/config/Settings.h"

#include <string>

namespace jji {
namespace config {

/// Server feature toggles and credential availability, as GET /api/capabilities shows them.
struct Capabilities
{
    bool githubIssuesEnabled = false;
    bool jiraIssuesEnabled = false;
    bool serverGithubToken = false;
    bool serverJiraToken = false;
    bool serverJiraEmail = false;
    std::string serverJiraProjectKey;
    bool reportportal = false;
    std::string reportportalProject;
    bool feedbackEnabled = false;

    /// GitHub issues: on unless ENABLE_GITHUB_ISSUES=false (users may bring their own token).
    /// Jira issues: on when JIRA_URL is set, unless ENABLE_JIRA_ISSUES=false.
    /// Report Portal: on when URL, token and project are all set, unless ENABLE_REPORTPORTAL=false.
    /// Feedback (filed as GitHub issues): GitHub issues on, GITHUB_TOKEN and JJI_FEEDBACK_REPO_URL
    /// set, and the server's AI_PROVIDER and AI_MODEL (the AI drafts the issue).
    static Capabilities from(const Settings& settings);
};

} // namespace config
} // namespace jji

#endif
