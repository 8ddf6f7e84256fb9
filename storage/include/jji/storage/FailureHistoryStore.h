#ifndef JJI_STORAGE_FAILUREHISTORYSTORE_H
#define JJI_STORAGE_FAILUREHISTORYSTORE_H

#include "jji/storage/Database.h"

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace jji {
namespace storage {

/// One analysed failure as remembered across analyses.
struct FailureHistoryRow
{
    std::string jobId;
    std::string jobName;
    long long buildNumber = 0;
    std::string testName;
    std::string errorMessage;
    std::string errorSignature;
    std::string classification;
    std::string childJobName;
    long long childBuildNumber = 0;
    std::string signatureText;  ///< what errorSignature is the hash of
    int signatureVersion = 0;   ///< of the code that signed it
    /// The signature the same failure gets from its message alone (no trace, no test name):
    /// rows re-signed that way at an upgrade (no trace was stored) take errorSignature over
    /// from this row.
    std::string messageOnlySignature;
};

/// A stored failure-history row as read back.
struct HistoryEntry : FailureHistoryRow
{
    long long id = 0;
    std::string analyzedAt;
};

/// Filters of GET /history/failures.
struct HistoryFilter
{
    std::string search;         ///< case-insensitive substring of test_name, error_message or job_name
    std::string jobName;        ///< exact
    std::string classification; ///< exact
};

struct HistoryPage
{
    std::vector<HistoryEntry> rows; ///< newest first
    long long total = 0;                 ///< matching rows before pagination
};

/// Counts per name (test or classification), most frequent first.
using NamedCounts = std::vector<std::pair<std::string, long long>>;

/// One test's failures (GET /history/test).
struct TestFailureSummary
{
    long long failures = 0;
    std::string firstSeen, lastSeen, lastClassification;
    NamedCounts classifications;
    std::vector<HistoryEntry> recent;
    std::vector<std::string> failedJobIds; ///< analyses the test failed in
};

/// Where one error signature occurred (GET /history/search).
struct SignatureSummary
{
    long long occurrences = 0;
    NamedCounts tests;
    std::string lastClassification;
};

struct CommonFailure
{
    std::string testName;
    long long count = 0;
    std::string classification; ///< the most recent one
};

/// A job's failure counts (GET /history/stats).
struct JobFailureSummary
{
    long long buildsWithFailures = 0;
    std::vector<CommonFailure> mostCommon;
    std::map<std::string, long long> failuresByJobId; ///< for the analyses asked about
};

/// The failure-history aggregate: one row per analysed failure per job.
class FailureHistoryStore
{
public:
    explicit FailureHistoryStore(Database& db) : _db(db) {}

    /// Adds all rows in one transaction (all or nothing).
    void addAll(const std::vector<FailureHistoryRow>& rows);

    /// Replaces a job's rows in one transaction, so a job run again after a crash
    /// never counts its failures twice.
    void replaceForJob(const std::string& jobId, const std::vector<FailureHistoryRow>& rows);

    std::vector<HistoryEntry> forJob(const std::string& jobId);

    /// Gives rows stored before schema version 5 their text ids; returns how many.
    std::size_t backfillTexts();

    /// Signs a message alone as `version` does: the signature and its text.
    using MessageSigner = std::function<std::pair<std::string, std::string>(const std::string& message)>;

    /// Signs rows written with a signature version below `version` again, from their stored
    /// message alone (traces were never stored), one statement per distinct message; the old
    /// signature stays in legacy_signature and comments follow their rows. Returns how many
    /// rows changed.
    std::size_t resignOlderRows(int version, const MessageSigner& sign);

    /// Rows matching the filter, newest first, with the total before limit/offset. The
    /// search term is matched (case-insensitive substring) against the distinct test
    /// names, error messages and job names, then the rows using them are read.
    HistoryPage search(const HistoryFilter& filter, int limit, int offset);

    /// One test's failures; `jobName` and `excludeJobId` narrow it when not empty.
    TestFailureSummary forTest(const std::string& testName, const std::string& jobName, const std::string& excludeJobId,
                               int recentLimit);

    SignatureSummary forSignature(const std::string& signature, const std::string& excludeJobId);

    /// A top-level job's failures; failuresByJobId is filled for `jobIds` only.
    JobFailureSummary forJobName(const std::string& jobName, const std::string& excludeJobId,
                                 const std::vector<std::string>& jobIds, int mostCommonLimit);

    /// Sets the classification of one error-signature group of a job (override); the
    /// number of rows changed.
    int reclassify(const std::string& jobId, const std::string& signature, const std::string& childJobName,
                   long long childBuildNumber, const std::string& classification);

private:
    void write(const std::vector<FailureHistoryRow>& rows, const std::string* replacedJobId);

    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
