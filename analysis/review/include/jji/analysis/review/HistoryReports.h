#ifndef JJI_ANALYSIS_REVIEW_HISTORYREPORTS_H
#define JJI_ANALYSIS_REVIEW_HISTORYREPORTS_H

#include "jji/storage/Database.h"
#include "jji/storage/FailureHistoryStore.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace jji {
namespace analysis {

/// The failure-history views of the API, computed from the history, results and
/// comments stores and returned in their JSON shapes.
class HistoryReports
{
public:
    explicit HistoryReports(storage::Database& db) : _db(db) {}

    /// GET /history/failures: {failures: [...], total}.
    Poco::JSON::Object::Ptr failures(const storage::HistoryFilter& filter, int limit, int offset);

    /// GET /history/test/{name}. With jobName, passes and failure_rate count that job's
    /// completed analyses; without, they are null (only failures are stored), and
    /// consecutive_failures follows the job of the test's latest failure.
    Poco::JSON::Object::Ptr test(const std::string& testName, const std::string& jobName, const std::string& excludeJobId,
                                 int limit);

    /// GET /history/search?signature=.
    Poco::JSON::Object::Ptr signature(const std::string& signature, const std::string& excludeJobId);

    /// GET /history/stats/{job}. recent_trend compares the average failures per build of
    /// the newest 5 completed analyses with the 5 before them: below 80% is "improving",
    /// above 120% "worsening", else (or with fewer than 4 analyses) "stable".
    Poco::JSON::Object::Ptr jobStats(const std::string& jobName, const std::string& excludeJobId);

private:
    storage::Database& _db;
};

} // namespace analysis
} // namespace jji

#endif
