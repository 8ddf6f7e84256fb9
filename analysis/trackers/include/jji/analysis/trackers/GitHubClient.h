#ifndef JJI_ANALYSIS_TRACKERS_GITHUBCLIENT_H
#define JJI_ANALYSIS_TRACKERS_GITHUBCLIENT_H

#include "jji/analysis/trackers/TrackerHttp.h"
#include "jji/config/Settings.h"

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// owner/name of a repository and the REST API that serves it.
struct GitHubRepo
{
    std::string owner;
    std::string name;
    std::string apiUrl; ///< GITHUB_API_URL for github.com, https://<host>/api/v3 for GitHub Enterprise

    std::string fullName() const { return owner + "/" + name; }

    /// Parses https://github.com/o/r, .../o/r.git, .../o/r.git:branch, git@github.com:o/r.git.
    /// nullopt when the URL names no owner/repository.
    static std::optional<GitHubRepo> fromUrl(const std::string& url, const config::Settings& settings);

    /// Whether its API is one the server is configured for: GITHUB_API_URL (github.com) or
    /// the GitHub Enterprise host of TESTS_REPO_URL.
    bool onConfiguredHost(const config::Settings& settings) const;
};

/// GitHub REST v3: issues, issue search, the token's user, issue and PR states.
/// Authenticated with "Authorization: Bearer <token>" when a token is given.
class GitHubClient
{
public:
    GitHubClient(const std::string& apiUrl, const std::string& token);

    TrackerIssue createIssue(const GitHubRepo& repo, const std::string& title, const std::string& body,
                             const std::vector<std::string>& labels = {}) const;
    /// Open and closed issues of the repository matching the words (best effort: the caller
    /// decides), with their bodies; `sort` ("updated", "created", ...) orders them newest
    /// first, "" keeps GitHub's best-match order.
    std::vector<TrackerIssue> searchIssues(const GitHubRepo& repo, const std::string& words, int max,
                                           const std::string& sort = "") const;
    /// The login of the token's user.
    std::string login() const;
    /// open/closed for an issue; open/closed/merged for a pull request (isPull may be
    /// corrected: an issue number that is a PR reports as one).
    TrackerIssue issueState(const std::string& owner, const std::string& name, long long number, bool& isPull) const;

private:
    TrackerHttp _http;
};

} // namespace analysis
} // namespace jji

#endif
