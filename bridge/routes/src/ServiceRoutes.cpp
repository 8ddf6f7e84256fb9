#include "ServiceRoutes.h"

#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/views/CapabilitiesJson.h"
#include "jji/bridge/views/HealthViews.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/views/OpenApi.h"
#include "jji/bridge/http/Router.h"
#include "jji/storage/Metrics.h"

namespace jji {
namespace bridge {

namespace {

void describeMetrics()
{
    storage::Metrics& m = storage::Metrics::instance();
    m.describe("jji_http_requests_total", "counter", "HTTP requests by method, route template and status");
    m.describe("jji_http_request_duration_seconds", "histogram", "HTTP request latency by route template");
    m.describe("jji_ai_calls_total", "counter", "AI CLI calls by provider and outcome");
    m.describe("jji_ai_call_duration_seconds", "histogram", "AI CLI call duration by provider");
    m.describe("jji_ai_tokens_total", "counter", "Tokens AI CLIs reported, by provider and kind");
    m.describe("jji_jenkins_errors_total", "counter", "Failed Jenkins calls by kind");
    m.describe("jji_tracker_errors_total", "counter", "Failed GitHub/Jira/Report Portal calls");
    m.describe("jji_database_errors_total", "counter", "Database operations that failed");
    m.describe("jji_rule_hits_total", "counter", "Failures classified by a rule of the knowledge base (no AI call), by rule");
    m.describe("jji_reused_analyses_total", "counter", "Error groups given a confirmed earlier analysis (no AI call)");
    m.describe("jji_jobs", "gauge", "Analysis jobs by status");
    m.describe("jji_queue_depth", "gauge", "Analysis jobs waiting for a worker");
    m.describe("jji_analyses_running", "gauge", "Analysis jobs running now");
    m.describe("jji_alerts_total", "counter", "Alerts by channel and outcome (sent, failed, dropped when the queue was full)");
}

/// jji_health_up reuses a health report this recent: a scrape never waits for the checks.
constexpr std::chrono::seconds kScrapedHealthMaxAge{10};

} // namespace

void registerServiceRoutes(Router& router, AppContext& context)
{
    describeMetrics();
    router.add("GET", "/health", [&context](Exchange& ex) {
        // Fixed texts: monitors ask thousands of times a second.
        if (context.db.recentlyReachable())
            ex.sendJsonText(200, R"({"status":"healthy"})");
        else
            ex.sendJsonText(503, R"({"detail":"database unreachable","status":"unhealthy"})");
    }, "Health check (503 when the database is unreachable)").answers(200, "Health").fails({503});

    router.add("GET", "/api/health", [&context](Exchange& ex) {
        const auto report = context.health.check();
        ex.sendJson(report.status == "unhealthy" ? 503 : 200,
                    healthJson(report, context.health.uptimeSeconds(), JJI_VERSION, context.errorRates));
    }, "Dependency checks (database, Jenkins, AI provider, Report Portal) and error rates (503 when unhealthy)")
        .answers(200, "HealthReport").answers(503, "HealthReport");

    router.add("GET", "/api/capabilities", [&context](Exchange& ex) {
        ex.sendJson(200, capabilitiesJson(context.settings));
    }, "Server feature toggles and credential availability").answers(200, "Capabilities");

    router.add("GET", "/metrics", [&context](Exchange& ex) {
        std::vector<std::pair<std::string, std::pair<storage::Metrics::Labels, double>>> gauges;
        std::optional<long long> active; // unknown (and left out, as the original does) when the database fails
        try {
            long long unfinished = 0;
            for (const auto& [status, n] : context.results.countByStatus()) {
                gauges.push_back({"jji_jobs", {{{"status", status}}, static_cast<double>(n)}});
                if (status == "pending" || status == "running" || status == "waiting")
                    unfinished += n;
            }
            active = unfinished;
        } catch (const std::exception&) {
            gauges.clear();
        }
        gauges.push_back({"jji_queue_depth", {{}, static_cast<double>(context.jobs.queued())}});
        gauges.push_back({"jji_analyses_running", {{}, static_cast<double>(context.jobs.running())}});
        const bool healthUp = context.health.recent(kScrapedHealthMaxAge).status != "unhealthy";
        ex.sendText(200, "text/plain; version=0.0.4; charset=utf-8",
                    storage::Metrics::instance().render(gauges) +
                        originalMetricsText(context.errorRates.snapshot(ErrorRates::kShortWindow), healthUp, active));
    }, "Prometheus metrics").answers(200, "", "text/plain");
}

void registerDocumentationRoutes(Router& router)
{
    // Registered last and reading the router when asked, so every route is described.
    router.add("GET", "/openapi.json", [&router](Exchange& ex) {
        ex.sendJson(200, openApiDocument(router, JJI_VERSION));
    }, "This OpenAPI 3.1 description, generated from the route table");
}

} // namespace bridge
} // namespace jji
