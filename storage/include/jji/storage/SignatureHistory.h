#ifndef JJI_STORAGE_SIGNATUREHISTORY_H
#define JJI_STORAGE_SIGNATUREHISTORY_H

#include "jji/storage/Database.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jji {
namespace storage {

/// A person's confirmation of one stored failure's analysis: marked reviewed, or its
/// classification overridden.
struct Confirmation
{
    std::string jobId;
    std::string testName;
    std::string childJobName;
    long long childBuildNumber = 0;
    std::string how; ///< "reviewed" or "override"
    std::string by;
    std::string at;
};

/// What people said about a test: an override or a /history/classify label.
struct HumanLabel
{
    std::string testName;
    std::string classification;
    std::string reason;
    std::string by;
    std::string at;
    std::string references; ///< of a label: bug URLs or keys
};

/// The stored facts about one error signature, as an analysis prompt states them.
struct SignatureFacts
{
    long long failures = 0;     ///< rows with the signature, every job
    long long analyses = 0;     ///< distinct analyses (builds) it failed in
    std::string firstSeen, lastSeen;
    long long jobBuildsConsidered = 0; ///< the job's last analysed builds looked at
    long long jobBuildsWithIt = 0;     ///< of those, builds where the signature failed
    long long otherJobs = 0;           ///< other jobs it failed in
    std::vector<std::pair<std::string, long long>> classifications; ///< stored with its failures, most frequent first
    std::vector<std::pair<std::string, long long>> testFailuresInJob; ///< per asked test: failures in those builds
    std::vector<HumanLabel> overrides; ///< classification overrides of its failures, newest first
    std::vector<HumanLabel> labels;    ///< /history/classify labels of the asked tests, newest first
    /// The newest stored failure with the signature (at lastSeen; its analysis is quoted,
    /// never reused unless confirmed); jobId "" when none.
    std::string latestJobId, latestTestName, latestChildJobName;
    long long latestChildBuildNumber = 0;
};

/// Read-only queries over failure history, reviews and classifications about one error
/// signature: the facts an analysis prompt carries, and the latest confirmation that lets
/// an earlier analysis be reused.
class SignatureHistory
{
public:
    explicit SignatureHistory(Database& db) : _db(db) {}

    /// `jobName` "": direct analyses have no job, so no per-job figures. `builds`: how many
    /// of the job's latest analyses to look at; `tests`: the group's tests (a few).
    SignatureFacts facts(const std::string& signature, const std::string& jobName, int builds,
                         const std::vector<std::string>& tests, int maxRows);

    /// The newest confirmation at or after `since` (a stored timestamp) of a failure with this
    /// signature, if any.
    std::optional<Confirmation> latestConfirmation(const std::string& signature, const std::string& since);

private:
    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
