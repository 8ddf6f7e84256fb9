#ifndef JJI_STORAGE_FAILUREHISTORYSTORE_H
#define JJI_STORAGE_FAILUREHISTORYSTORE_H

#include "jji/storage/Database.h"

#include <string>
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

    std::vector<FailureHistoryRow> forJob(const std::string& jobId);

private:
    void write(const std::vector<FailureHistoryRow>& rows, const std::string* replacedJobId);

    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
