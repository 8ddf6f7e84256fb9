#ifndef JJI_ANALYSIS_TRACKERS_REPORTPORTALPUSH_H
#define JJI_ANALYSIS_TRACKERS_REPORTPORTALPUSH_H

#include "jji/analysis/junit/FailureLocator.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// ReportPortalPushResult in the spec.
struct ReportPortalPushResult
{
    std::size_t pushed = 0;
    std::vector<std::string> unmatched; ///< Report Portal item names not matched or not mappable
    std::vector<std::string> errors;    ///< integration problems, for people
    std::optional<long long> launchId;
};

/// POST /results/{id}/push-reportportal: finds the Report Portal launch of the job's
/// build (launch named after the job, build number in an attribute), matches its failed
/// steps to the analysis' failures by name, and sets their defect types (CODE ISSUE →
/// automation bug, PRODUCT BUG → product bug, INFRASTRUCTURE → system issue) with the
/// analysis as comment and a link back to the report.
/// Configuration problems throw TrackerError (Config); an unknown job throws
/// ReviewTargetError (JobNotFound); everything the integration meets later is reported
/// in `errors` of a normal result.
class ReportPortalPush
{
public:
    ReportPortalPush(const config::Settings& settings, storage::Database& db) : _settings(settings), _db(db) {}

    /// `child`: push that child build's failures instead of the top level.
    ReportPortalPushResult push(const std::string& jobId, const std::optional<FailureScope>& child) const;

    /// The Report Portal defect group for a classification, "" when it has none.
    static std::string defectGroup(const std::string& classification);

private:
    const config::Settings& _settings;
    storage::Database& _db;
};

} // namespace analysis
} // namespace jji

#endif
