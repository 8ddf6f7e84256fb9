#ifndef JJI_BRIDGE_RESULTVIEWS_H
#define JJI_BRIDGE_RESULTVIEWS_H

#include "jji/config/Settings.h"
#include "jji/storage/ResultStore.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace jji {
namespace bridge {

/// base_url, result_url and html_report_url: absolute with PUBLIC_BASE_URL, else relative.
void addResultLinks(Poco::JSON::Object::Ptr& object, const config::Settings& settings, const std::string& jobId);

/// The stored result document, parsed, with secrets stripped from request_params.
Poco::JSON::Object::Ptr publicResult(const storage::ResultRow& row);

/// The ResultEnvelope of GET /results/{job_id}.
Poco::JSON::Object::Ptr resultEnvelope(const storage::ResultRow& row, const config::Settings& settings);

/// {job_id, jenkins_url, status, created_at} for GET /results.
Poco::JSON::Object::Ptr resultSummary(const storage::ResultRow& row);

/// One GET /api/dashboard entry.
Poco::JSON::Object::Ptr dashboardEntry(const storage::DashboardRow& row);

/// pending, waiting or running.
bool isInProgress(const std::string& status);

} // namespace bridge
} // namespace jji

#endif
