#include "ResultRoutes.h"

#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/routes/ContextRoute.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/views/MetadataJson.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/RequestFields.h"
#include "jji/bridge/views/ResultViews.h"
#include "jji/bridge/http/Router.h"
#include "jji/bridge/web/WebPages.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <map>
#include <optional>

namespace jji {
namespace bridge {

namespace {

/// The report page: /results/{id}.html, or /results/{id} asked for by a browser. An
/// analysis still in progress sends the browser to its live status page.
void reportPage(AppContext& context, Exchange& ex, std::string jobId)
{
    const std::string suffix = ".html";
    if (jobId.size() > suffix.size() && jobId.compare(jobId.size() - suffix.size(), suffix.size(), suffix) == 0)
        jobId.resize(jobId.size() - suffix.size());
    auto row = context.results.find(jobId);
    if (!row)
        return sendPage(ex, 404, "not-found", {{"what", "analysis " + jobId}});
    if (isInProgress(row->status))
        return sendRedirect(ex, "/status/" + jobId);
    sendPage(ex, 200, "report", {{"job-id", jobId}});
}

void getResult(AppContext& context, Exchange& ex)
{
    const std::string& jobId = ex.pathParam("job_id");
    // One path, two representations: caches must key on Accept, and a browser's Back must
    // not show the JSON the page fetched in place of the page.
    ex.response().set("Vary", "Accept");
    if (prefersHtml(ex) || (jobId.size() > 5 && jobId.compare(jobId.size() - 5, 5, ".html") == 0))
        return reportPage(context, ex, jobId);
    ex.response().set("Cache-Control", "no-cache");
    auto served = context.results.forServing(jobId);
    if (!served)
        throw HttpError(404, "Job not found");
    const storage::ResultRow& row = served->row;
    // The version changes with every write of the document; the daemon's start stands for the
    // settings the envelope also shows (capabilities, base URL).
    if (ex.answeredNotModified("\"" + std::to_string(row.version) + "-" + context.startedId + "\""))
        return;
    const std::string& reply = served->reply([&context](const storage::ServedResult& s) {
        return resultEnvelopeText(s.row, s.enrichedXml ? &*s.enrichedXml : nullptr, context.settings);
    });
    ex.sendJsonText(isInProgress(row.status) ? 202 : 200, reply);
}

/// ?limit=: at most 100.
long long readListLimit(FieldReader& query)
{
    return query.integer("limit", 50, {std::nullopt, std::nullopt, 100});
}

void listResults(AppContext& context, Exchange& ex)
{
    const long long limit = readQuery(ex, readListLimit);
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& row : context.results.listRecent(static_cast<int>(std::max(0LL, limit))))
        out->add(resultSummary(row));
    ex.sendJson(200, out);
}

/// A dashboard entry; a digest made from the document now is kept for the next dashboards.
Poco::JSON::Object::Ptr dashboardEntryKept(AppContext& context, const storage::DashboardRow& row)
{
    std::string digest;
    Poco::JSON::Object::Ptr entry = dashboardEntry(row, &digest);
    if (!digest.empty())
        context.results.saveDigest(row.row.jobId, row.row.version, digest);
    return entry;
}

void dashboard(AppContext& context, Exchange& ex)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& row : context.results.dashboard(500))
        out->add(dashboardEntryKept(context, row));
    ex.sendJson(200, out);
}

/// How many analyses are pending, waiting for their build or running: the badge a page polls.
void activeCount(AppContext& context, Exchange& ex)
{
    long long active = 0;
    for (const auto& [status, n] : context.results.countByStatus())
        if (isInProgress(status))
            active += n;
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("count", active);
    ex.sendJson(200, out);
}

void aiConfigs(AppContext& context, Exchange& ex)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& [provider, model] : context.results.distinctAiConfigs()) {
        Poco::JSON::Object::Ptr entry = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        entry->set("ai_provider", provider);
        entry->set("ai_model", model);
        out->add(entry);
    }
    ex.sendJson(200, out);
}

void dashboardFiltered(AppContext& context, Exchange& ex)
{
    const storage::JobMetadataFilter filter = readQuery(ex, readMetadataFilter);
    storage::JobMetadataStore metadata(context.db);
    std::map<std::string, std::optional<storage::JobMetadata>> byJob; // each job's metadata read once
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& row : context.results.dashboard(500)) {
        Poco::JSON::Object::Ptr entry = dashboardEntryKept(context, row);
        const std::string jobName = entry->optValue<std::string>("job_name", row.row.jobName);
        auto it = byJob.find(jobName);
        if (it == byJob.end())
            it = byJob.emplace(jobName, jobName.empty() ? std::nullopt : metadata.find(jobName)).first;
        const auto& m = it->second;
        if (!filter.empty() && (!m || !filter.matches(*m)))
            continue;
        entry->set("metadata", m ? Poco::Dynamic::Var(metadataJson(*m)) : Poco::Dynamic::Var());
        out->add(entry);
    }
    ex.sendJson(200, out);
}

void deleteResult(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    const std::string& jobId = ex.pathParam("job_id");
    if (!context.results.remove(jobId))
        throw HttpError(404, "Job not found");
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("status", "deleted");
    out->set("job_id", jobId);
    ex.sendJson(200, out);
}

/// BulkDeleteRequest: 1 to 500 job ids, duplicates dropped (order kept).
std::vector<std::string> readJobIds(FieldReader& reader)
{
    std::vector<std::string> unique;
    if (!reader.require("job_ids"))
        return unique;
    for (const auto& id : reader.optStrings("job_ids", {1, 500}).value_or(std::vector<std::string>{}))
        if (std::find(unique.begin(), unique.end(), id) == unique.end())
            unique.push_back(id);
    return unique;
}

void deleteResults(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    const std::vector<std::string> unique = readBody(ex, readJobIds);
    Poco::JSON::Array::Ptr deleted = new Poco::JSON::Array, failed = new Poco::JSON::Array;
    for (const auto& id : unique) {
        std::string reason;
        try {
            if (context.results.remove(id)) {
                deleted->add(id);
                continue;
            }
            reason = "not found";
        } catch (const std::exception& e) {
            reason = e.what();
        }
        Poco::JSON::Object::Ptr f = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        f->set("job_id", id);
        f->set("reason", reason);
        failed->add(f);
    }
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("deleted", deleted);
    out->set("failed", failed);
    out->set("total", static_cast<int>(unique.size()));
    ex.sendJson(200, out);
}

} // namespace

void registerResultRoutes(Router& router, AppContext& context)
{
    addRoute(router, context, "GET", "/results/{job_id}", getResult, "Stored result envelope (202 while in progress); the HTML report for browsers and /results/{id}.html")
        .answers(200, "ResultEnvelope").answers(200, "", "text/html").answers(202, "ResultEnvelope").answers(304).fails({404});
    addRoute(router, context, "DELETE", "/results/{job_id}", deleteResult, "Delete a job and everything about it (admin)")
        .admin().answers(200, "ResultDeleted").fails({404});
    addRoute(router, context, "GET", "/results", listResults, "Recent analysis jobs")
        .query(readListLimit).answers(200, "ResultSummaryList");
    addRoute(router, context, "GET", "/api/dashboard", dashboard, "Dashboard summaries").answers(200, "DashboardRows");
    addRoute(router, context, "GET", "/api/dashboard/filtered", dashboardFiltered, "Dashboard summaries with job metadata")
        .query(readMetadataFilter).answers(200, "DashboardRows");
    addRoute(router, context, "GET", "/api/dashboard/active-count", activeCount, "Number of analyses pending, waiting or running")
        .answers(200, "Count");
    addRoute(router, context, "DELETE", "/api/results/bulk", deleteResults, "Delete many jobs (admin)")
        .body("BulkDeleteRequest", readJobIds).admin().answers(200, "BulkDeleteResult");
    addRoute(router, context, "GET", "/ai-configs", aiConfigs, "Distinct AI provider/model pairs of completed analyses")
        .answers(200, "AiConfigList");
}

} // namespace bridge
} // namespace jji
