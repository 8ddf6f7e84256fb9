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

    std::vector<FailureHistoryRow> forJob(const std::string& jobId);

private:
    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
