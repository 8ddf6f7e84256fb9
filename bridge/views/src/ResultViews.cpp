#include "jji/bridge/views/ResultViews.h"

#include "jji/analysis/junit/FailureLocator.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/model/RequestParams.h"
#include "jji/analysis/model/ResultLinks.h"
#include "jji/bridge/views/CapabilitiesJson.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

namespace jji {
namespace bridge {

namespace {

Poco::Dynamic::Var optionalText(const std::optional<std::string>& value)
{
    return value ? Poco::Dynamic::Var(*value) : Poco::Dynamic::Var();
}

} // namespace

Poco::JSON::Object::Ptr queuedReply(const config::Settings& settings, const std::string& jobId, const std::string& what)
{
    Poco::JSON::Object::Ptr reply = analysis::orderedObject();
    reply->set("status", "queued");
    reply->set("job_id", jobId);
    reply->set("message", what + " job queued. Poll /results/" + jobId + " for status.");
    analysis::addResultLinks(reply, settings, jobId);
    return reply;
}

bool isInProgress(const std::string& status)
{
    return status == "pending" || status == "waiting" || status == "running";
}

Poco::JSON::Object::Ptr publicResult(const storage::ResultRow& row)
{
    if (row.resultJson.empty())
        return nullptr;
    Poco::JSON::Object::Ptr result;
    try {
        Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(row.resultJson);
        result = parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        return nullptr;
    }
    if (Poco::JSON::Object::Ptr params = result->getObject("request_params"))
        result->set("request_params", analysis::redactRequestParams(params));
    return result;
}

Poco::JSON::Object::Ptr resultEnvelope(const storage::ResultRow& row, const config::Settings& settings)
{
    Poco::JSON::Object::Ptr envelope = analysis::orderedObject();
    envelope->set("job_id", row.jobId);
    envelope->set("jenkins_url", row.jenkinsUrl);
    envelope->set("status", row.status);
    Poco::JSON::Object::Ptr result = publicResult(row);
    envelope->set("result", result ? Poco::Dynamic::Var(result) : Poco::Dynamic::Var());
    envelope->set("created_at", row.createdAt);
    envelope->set("completed_at", optionalText(row.completedAt));
    envelope->set("analysis_started_at", optionalText(row.analysisStartedAt));
    envelope->set("capabilities", capabilitiesJson(settings));
    const std::string& base = settings.publicBaseUrl;
    envelope->set("base_url", base);
    envelope->set("result_url", base + "/results/" + row.jobId);
    return envelope;
}

std::string resultEnvelopeText(const storage::ResultRow& row, const std::string* enrichedXml, const config::Settings& settings)
{
    auto text = [](const std::string& value) { return analysis::toJsonText(value); };
    auto optional = [&](const std::optional<std::string>& value) { return value ? text(*value) : std::string("null"); };
    const std::string& document = row.resultJson;
    const std::string xml = enrichedXml ? text(*enrichedXml) : std::string();
    const std::string& base = settings.publicBaseUrl;
    std::string out;
    out.reserve(document.size() + xml.size() + 1024);
    out += "{\"job_id\":" + text(row.jobId) + ",\"jenkins_url\":" + text(row.jenkinsUrl) + ",\"status\":" + text(row.status) +
           ",\"result\":";
    const std::size_t close = document.find_last_not_of(" \t\r\n");
    if (document.empty()) {
        out += "null";
    } else if (enrichedXml && close != std::string::npos && document[close] == '}') {
        // result.enriched_xml added inside the stored object, without copying it first
        const std::size_t open = document.find_first_not_of(" \t\r\n");
        const bool empty = document.find_first_not_of(" \t\r\n", open + 1) == close;
        out.append(document, 0, close);
        out += empty ? "\"enriched_xml\":" : ",\"enriched_xml\":";
        out += xml;
        out += '}';
    } else {
        out += document;
    }
    out += ",\"created_at\":" + text(row.createdAt) + ",\"completed_at\":" + optional(row.completedAt) +
           ",\"analysis_started_at\":" + optional(row.analysisStartedAt) +
           ",\"capabilities\":" + capabilitiesJsonText(settings) + ",\"base_url\":" + text(base) +
           ",\"result_url\":" + text(base + "/results/" + row.jobId) + "}";
    return out;
}

Poco::JSON::Object::Ptr resultSummary(const storage::ResultRow& row)
{
    Poco::JSON::Object::Ptr o = analysis::orderedObject();
    o->set("job_id", row.jobId);
    o->set("jenkins_url", row.jenkinsUrl);
    o->set("status", row.status);
    o->set("created_at", row.createdAt);
    return o;
}

namespace {

/// What the dashboard shows of a document: job, counts, summary, error.
/// A job's failures with those of its failed child jobs, at every depth.
std::size_t allFailures(const Poco::JSON::Object::Ptr& analysis)
{
    std::size_t n = 0;
    if (Poco::JSON::Array::Ptr failures = analysis->getArray("failures"))
        n += failures->size();
    for (const char* nested : {"child_job_analyses", "failed_children"})
        if (Poco::JSON::Array::Ptr children = analysis->getArray(nested))
            for (std::size_t i = 0; i < children->size(); ++i)
                if (Poco::JSON::Object::Ptr child = children->getObject(i))
                    n += allFailures(child);
    return n;
}

Poco::JSON::Object::Ptr dashboardDigest(const storage::ResultRow& row, const Poco::JSON::Object::Ptr& result)
{
    // The original's row: optional fields only when they say something.
    Poco::JSON::Object::Ptr o = analysis::orderedObject();
    o->set("job_name", result->optValue<std::string>("job_name", row.jobName));
    if (const std::string name = result->optValue<std::string>("name", ""); !name.empty())
        o->set("name", name); // a direct analysis' name
    if (result->has("build_number"))
        o->set("build_number", result->get("build_number"));
    o->set("failure_count", allFailures(result));
    if (Poco::JSON::Array::Ptr children = result->getArray("child_job_analyses"); children && children->size() > 0)
        o->set("child_job_count", children->size());
    Poco::JSON::Object::Ptr byClassification = analysis::orderedObject();
    for (const auto& [classification, n] : analysis::countByClassification(result))
        byClassification->set(classification, n);
    o->set("classification_counts", byClassification); // an addition for the dashboard page
    for (const char* text : {"summary", "error"})
        if (result->has(text) && result->get(text).isString() && !result->getValue<std::string>(text).empty())
            o->set(text, result->get(text));
    return o;
}

} // namespace

Poco::JSON::Object::Ptr dashboardEntry(const storage::DashboardRow& d, std::string* newDigest)
{
    Poco::JSON::Object::Ptr o = resultSummary(d.row);
    o->set("completed_at", optionalText(d.row.completedAt));
    o->set("analysis_started_at", optionalText(d.row.analysisStartedAt));
    o->set("reviewed_count", d.reviewedCount);
    o->set("comment_count", d.commentCount);
    Poco::JSON::Object::Ptr digest;
    if (d.digestCurrent && !d.digestJson.empty()) {
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true)); // keeps the digest's order
        digest = parser.parse(d.digestJson).extract<Poco::JSON::Object::Ptr>();
    } else if (Poco::JSON::Object::Ptr result = publicResult(d.row)) {
        digest = dashboardDigest(d.row, result);
        if (newDigest)
            *newDigest = analysis::toJsonText(digest);
    }
    if (!digest)
        return o;
    for (const auto& key : digest->getNames())
        o->set(key, digest->get(key));
    return o;
}

} // namespace bridge
} // namespace jji
