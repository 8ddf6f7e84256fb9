#include "ResultRoutes.h"

#include "jji/bridge/AppContext.h"
#include "jji/bridge/Exchange.h"
#include "jji/bridge/HttpError.h"
#include "jji/bridge/ResultViews.h"
#include "jji/bridge/Router.h"

#include <Poco/JSON/Array.h>

namespace jji {
namespace bridge {

namespace {

void getResult(AppContext& context, Exchange& ex)
{
    auto row = context.results.find(ex.pathParam("job_id"));
    if (!row)
        throw HttpError(404, "Job not found");
    Poco::JSON::Object::Ptr envelope = resultEnvelope(*row, context.settings);
    Poco::JSON::Object::Ptr result = envelope->getObject("result");
    if (result) {
        if (auto xml = context.results.enrichedXml(row->jobId))
            result->set("enriched_xml", *xml);
    }
    ex.sendJson(isInProgress(row->status) ? 202 : 200, envelope);
}

void listResults(AppContext& context, Exchange& ex)
{
    long long limit = ex.queryInt("limit", 50, {std::nullopt, std::nullopt, 100});
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& row : context.results.listRecent(static_cast<int>(std::max(0LL, limit))))
        out->add(resultSummary(row));
    ex.sendJson(200, out);
}

void dashboard(AppContext& context, Exchange& ex)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& row : context.results.dashboard(500))
        out->add(dashboardEntry(row));
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

} // namespace

void registerResultRoutes(Router& router, AppContext& context)
{
    router.add("GET", "/results/{job_id}", [&context](Exchange& ex) { getResult(context, ex); },
               "Stored result envelope (202 while in progress)");
    router.add("GET", "/results", [&context](Exchange& ex) { listResults(context, ex); }, "Recent analysis jobs");
    router.add("GET", "/api/dashboard", [&context](Exchange& ex) { dashboard(context, ex); }, "Dashboard summaries");
    router.add("GET", "/ai-configs", [&context](Exchange& ex) { aiConfigs(context, ex); },
               "Distinct AI provider/model pairs of completed analyses");
}

} // namespace bridge
} // namespace jji
