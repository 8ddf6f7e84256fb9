#include "jji/bridge/views/HealthViews.h"

#include "jji/analysis/model/JsonText.h"

#include <charconv>
#include <cmath>

namespace jji {
namespace bridge {

namespace {

Poco::JSON::Object::Ptr checkJson(const analysis::ServiceHealth::Check& check)
{
    Poco::JSON::Object::Ptr o = analysis::orderedObject();
    o->set("status", check.status);
    if (!check.provider.empty() || !check.model.empty()) {
        o->set("provider", check.provider);
        o->set("model", check.model);
    }
    if (!check.detail.empty())
        o->set("detail", check.detail);
    return o;
}

/// A float as Python prints it: shortest round trip, "0.0" and "1.0" for whole numbers.
std::string pythonFloat(double value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, result.ptr);
    if (text.find_first_of(".eEn") == std::string::npos)
        text += ".0";
    return text;
}

void gauge(std::string& out, const char* name, const char* help)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += " gauge\n";
}

} // namespace

Poco::JSON::Object::Ptr errorRatesJson(const ErrorRates::Snapshot& window)
{
    Poco::JSON::Object::Ptr o = analysis::orderedObject();
    o->set("window_seconds", static_cast<double>(window.windowSeconds));
    o->set("total_requests", static_cast<Poco::UInt64>(window.total));
    Poco::JSON::Object::Ptr counts = analysis::orderedObject();
    if (window.clientErrorsSeen)
        counts->set("4xx", static_cast<Poco::UInt64>(window.clientErrors));
    if (window.serverErrorsSeen)
        counts->set("5xx", static_cast<Poco::UInt64>(window.serverErrors));
    o->set("error_counts", counts);
    o->set("total_errors", static_cast<Poco::UInt64>(window.errors()));
    o->set("error_rate", window.errorRate());
    return o;
}

Poco::JSON::Object::Ptr healthJson(const analysis::ServiceHealth::Report& report, double uptimeSeconds,
                                   const std::string& version, const ErrorRates& rates)
{
    Poco::JSON::Object::Ptr checks = analysis::orderedObject();
    checks->set("database", checkJson(report.database));
    checks->set("jenkins", checkJson(report.jenkins));
    checks->set("ai_provider", checkJson(report.aiProvider));
    checks->set("reportportal", checkJson(report.reportportal));
    Poco::JSON::Object::Ptr errorRates = analysis::orderedObject();
    errorRates->set("last_5m", errorRatesJson(rates.snapshot(ErrorRates::kShortWindow)));
    errorRates->set("last_1h", errorRatesJson(rates.snapshot(ErrorRates::kLongWindow)));

    Poco::JSON::Object::Ptr o = analysis::orderedObject();
    o->set("status", report.status);
    o->set("uptime_seconds", std::round(uptimeSeconds * 1000.0) / 1000.0);
    o->set("version", version.empty() ? std::string("unknown") : version);
    o->set("checks", checks);
    o->set("error_rates", errorRates);
    return o;
}

std::string originalMetricsText(const ErrorRates::Snapshot& window, bool healthUp, std::optional<long long> activeAnalyses)
{
    std::string out;
    gauge(out, "jji_requests_total", "Total requests in the rolling window.");
    out += "jji_requests_total " + std::to_string(window.total) + "\n";
    gauge(out, "jji_errors_total", "Total errors in the rolling window.");
    out += "jji_errors_total " + std::to_string(window.errors()) + "\n";
    gauge(out, "jji_error_rate", "Error rate in the rolling window (0-1).");
    out += "jji_error_rate " + pythonFloat(window.errorRate()) + "\n";
    gauge(out, "jji_errors_by_class", "Errors by HTTP status class in the rolling window.");
    if (window.clientErrorsSeen)
        out += "jji_errors_by_class{status_class=\"4xx\"} " + std::to_string(window.clientErrors) + "\n";
    if (window.serverErrorsSeen)
        out += "jji_errors_by_class{status_class=\"5xx\"} " + std::to_string(window.serverErrors) + "\n";
    gauge(out, "jji_health_up", "Whether the application is healthy (1) or unhealthy (0).");
    out += std::string("jji_health_up ") + (healthUp ? "1" : "0") + "\n";
    if (activeAnalyses) {
        gauge(out, "jji_active_analyses", "Number of currently active analyses.");
        out += "jji_active_analyses " + std::to_string(*activeAnalyses) + "\n";
    }
    return out;
}

} // namespace bridge
} // namespace jji
