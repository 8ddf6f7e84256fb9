#ifndef JJI_ANALYSIS_TRACKERS_COMMENTLINKS_H
#define JJI_ANALYSIS_TRACKERS_COMMENTLINKS_H

#include "jji/analysis/trackers/TrackerCredentials.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"
#include "jji/storage/SecretBox.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// A tracker reference written in a comment.
struct TrackerRef
{
    std::string type; ///< github_pr, github_issue or jira
    std::string owner, repo;
    long long number = 0;
    std::string key;  ///< owner/repo#N, or the Jira key

    /// GitHub pull/issue URLs, owner/repo#N, and (when `jiraKeys`) Jira keys like PROJ-123,
    /// in order of appearance, each once.
    static std::vector<TrackerRef> find(const std::string& comment, bool jiraKeys);
};

struct RefStatus
{
    std::string type, key, status;
};

/// POST /results/{id}/enrich-comments: the live status of every GitHub pull request,
/// GitHub issue and Jira issue the job's comments mention. References that cannot be
/// resolved (unknown, private without a token, tracker down) are left out.
class CommentLinks
{
public:
    CommentLinks(const config::Settings& settings, storage::Database& db, const storage::SecretBox& secrets)
        : _settings(settings), _db(db), _credentials(settings, db, secrets)
    {
    }

    /// Keyed by comment id; comments without a resolvable reference are absent. `owner`:
    /// whose saved tokens may be used. At most 20 lookups and 10 s per call.
    std::map<long long, std::vector<RefStatus>> resolve(const std::string& jobId, const std::string& owner) const;

    /// The live status of the references in these texts, each once, with the server's own
    /// credentials, under the same budget.
    std::vector<RefStatus> resolveTexts(const std::vector<std::string>& texts) const;

private:
    struct Lookups;
    std::optional<RefStatus> lookup(const TrackerRef& ref, const std::string& owner, Lookups& lookups) const;

    const config::Settings& _settings;
    storage::Database& _db;
    TrackerCredentials _credentials;
};

} // namespace analysis
} // namespace jji

#endif
