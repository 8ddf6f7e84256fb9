#ifndef JJI_ANALYSIS_WORKSPACE_REPOCLONER_H
#define JJI_ANALYSIS_WORKSPACE_REPOCLONER_H

#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <chrono>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// A repository to clone into an analysis workspace.
struct RepoSpec
{
    std::string name;  ///< directory under the workspace
    std::string url;
    std::string ref;   ///< branch or tag; 7-40 hex digits: a commit; "": the default branch
    std::string token; ///< clone credential (never in process arguments, logs or results)
    bool fromRequest = false; ///< the URL came from a request: git may use http(s) only (file with JJI_ALLOW_FILE_REPOS)
};

/// Clones repositories with git (JJI_GIT_COMMAND, default "git") through Boost.Process:
/// shallow and single-branch, under a timeout. A token travels as an HTTP header in the
/// child's environment (GIT_CONFIG_*), not in its arguments, scoped by git to the URL's
/// origin; the server's TESTS_REPO_TOKEN goes only to TESTS_REPO_URL's origin.
class RepoCloner
{
public:
    explicit RepoCloner(const config::Settings& settings) : _settings(settings) {}

    /// The repositories a request asks for: the tests repo (request tests_repo_url/_ref or
    /// TESTS_REPO_URL with an optional :ref, token TESTS_REPO_TOKEN) as "tests-repo", and
    /// additional_repos (or ADDITIONAL_REPOS "name:url[:ref][@token],..."; [] disables).
    static std::vector<RepoSpec> requested(const Poco::JSON::Object::Ptr& params, const config::Settings& settings);

    /// Clones into workspace/name; returns "" or why it failed (without the token).
    std::string clone(const RepoSpec& repo, const std::string& workspace, std::chrono::seconds timeout) const;

    /// Clones them all; the text that tells the AI what is where (failures included).
    std::string cloneAll(const std::vector<RepoSpec>& repos, const std::string& workspace) const;

private:
    const config::Settings& _settings;
};

} // namespace analysis
} // namespace jji

#endif
