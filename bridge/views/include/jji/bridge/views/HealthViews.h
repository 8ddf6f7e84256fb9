#ifndef JJI_BRIDGE_VIEWS_HEALTHVIEWS_H
#define JJI_BRIDGE_VIEWS_HEALTHVIEWS_H

#include "jji/analysis/jobs/ServiceHealth.h"
#include "jji/bridge/http/ErrorRates.h"

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

namespace jji {
namespace bridge {

/// GET /api/health as the original serves it: status, uptime_seconds, version, checks
/// (database, jenkins, ai_provider, reportportal) and error_rates (last_5m, last_1h).
Poco::JSON::Object::Ptr healthJson(const analysis::ServiceHealth::Report& report, double uptimeSeconds,
                                   const std::string& version, const ErrorRates& rates);

/// One window of error_rates: window_seconds, total_requests, error_counts (a class only
/// once it was seen), total_errors, error_rate.
Poco::JSON::Object::Ptr errorRatesJson(const ErrorRates::Snapshot& window);

/// The original's metrics, with its HELP and TYPE lines (all gauges): jji_requests_total,
/// jji_errors_total, jji_error_rate, jji_errors_by_class, jji_health_up and, when known,
/// jji_active_analyses.
std::string originalMetricsText(const ErrorRates::Snapshot& window, bool healthUp,
                                std::optional<long long> activeAnalyses);

} // namespace bridge
} // namespace jji

#endif
