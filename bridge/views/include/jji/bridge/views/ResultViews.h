#ifndef JJI_BRIDGE_VIEWS_RESULTVIEWS_H
#define JJI_BRIDGE_VIEWS_RESULTVIEWS_H

#include "jji/config/Settings.h"
#include "jji/storage/ResultStore.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace jji {
namespace bridge {

/// The stored result document, parsed, with secrets stripped from request_params.
Poco::JSON::Object::Ptr publicResult(const storage::ResultRow& row);

/// The ResultEnvelope of GET /results/{job_id}.
Poco::JSON::Object::Ptr resultEnvelope(const storage::ResultRow& row, const config::Settings& settings);

/// The same envelope as JSON text, written around the stored document without parsing it
/// (documents are stored public: secrets are split off before they are written), with
/// `enrichedXml` as result.enriched_xml when given.
std::string resultEnvelopeText(const storage::ResultRow& row, const std::string* enrichedXml, const config::Settings& settings);

/// {job_id, jenkins_url, status, created_at} for GET /results.
Poco::JSON::Object::Ptr resultSummary(const storage::ResultRow& row);

/// One GET /api/dashboard entry, from the row's digest when current; otherwise from its
/// document, and `newDigest` receives the digest to keep (ResultStore::saveDigest).
Poco::JSON::Object::Ptr dashboardEntry(const storage::DashboardRow& row, std::string* newDigest = nullptr);

/// The 202 reply for a queued job: {status: "queued", job_id, message, base_url,
/// result_url, html_report_url}; `what` starts the message ("Analysis", "Re-analysis").
Poco::JSON::Object::Ptr queuedReply(const config::Settings& settings, const std::string& jobId, const std::string& what);

/// pending, waiting or running.
bool isInProgress(const std::string& status);

} // namespace bridge
} // namespace jji

#endif
