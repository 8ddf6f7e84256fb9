#ifndef JJI_ANALYSIS_TRACKERS_REPORTPORTALCLIENT_H
#define JJI_ANALYSIS_TRACKERS_REPORTPORTALCLIENT_H

#include "jji/analysis/trackers/TrackerHttp.h"
#include "jji/config/Settings.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

struct ReportPortalLaunch
{
    long long id = 0;
    std::string name;
};

struct ReportPortalItem
{
    long long id = 0;
    std::string name;
    std::string codeRef;
};

/// One defect to set: the item, the defect type locator (ab001, pb001, si001, ...) and the comment.
struct ReportPortalDefect
{
    long long itemId = 0;
    std::string issueType;
    std::string comment;
};

/// Report Portal API v1 with a Bearer API token, in one project: find a launch, list its
/// failed steps, read the project's defect types and set defects on items.
class ReportPortalClient
{
public:
    explicit ReportPortalClient(const config::Settings& settings, int timeoutSeconds = 30);

    /// The HTTP status of GET /api/v1/user with the token (for health checks); throws
    /// TrackerError (its message without the token) when no answer came.
    int probe() const;

    /// The newest launch named `name` whose attributes carry the build number (any key
    /// containing "build") or whose description mentions `buildUrl`; nullopt when none.
    std::optional<ReportPortalLaunch> findLaunch(const std::string& name, long long buildNumber,
                                                 const std::string& buildUrl) const;
    std::vector<ReportPortalItem> failedSteps(long long launchId) const;
    /// The first locator of each defect group (AUTOMATION_BUG, PRODUCT_BUG, SYSTEM_ISSUE, ...),
    /// from the project settings; the built-in locators when the settings cannot be read.
    std::map<std::string, std::string> defectLocators() const;
    /// Sets the defects in batches of 100; returns how many items Report Portal updated.
    /// A failed batch adds its error to `errors` and the next batches still go.
    std::size_t defineDefects(const std::vector<ReportPortalDefect>& defects, std::vector<std::string>& errors) const;

private:
    std::string _project;
    TrackerHttp _http;
};

} // namespace analysis
} // namespace jji

#endif
