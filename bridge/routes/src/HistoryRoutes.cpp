#include "HistoryRoutes.h"

#include "jji/analysis/review/HistoryReports.h"
#include "jji/analysis/model/Model.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/routes/ContextRoute.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/Router.h"
#include "jji/bridge/web/WebPages.h"
#include "jji/storage/ClassificationStore.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>

namespace jji {
namespace bridge {

namespace {

/// The labels POST /history/classify accepts (history domain, not the AI's three).
const std::vector<std::string>& historyLabels()
{
    static const std::vector<std::string> labels{"FLAKY", "REGRESSION", "INFRASTRUCTURE", "KNOWN_BUG", "INTERMITTENT"};
    return labels;
}

std::string text(const Exchange& ex, const std::string& name)
{
    return ex.query(name).value_or("");
}

void failures(AppContext& context, Exchange& ex)
{
    storage::HistoryFilter filter{text(ex, "search"), text(ex, "job_name"), text(ex, "classification")};
    const long long limit = ex.queryInt("limit", 50, {1, std::nullopt, 200});
    const long long offset = ex.queryInt("offset", 0, {0, std::nullopt, 1000000000});
    ex.sendJson(200, analysis::HistoryReports(context.db).failures(filter, static_cast<int>(limit), static_cast<int>(offset)));
}

void testHistory(AppContext& context, Exchange& ex)
{
    ex.response().set("Vary", "Accept"); // the page and the JSON share this path
    if (prefersHtml(ex))
        return sendPage(ex, 200, "test-history", {{"test-name", ex.pathParam("test_name")}});
    ex.response().set("Cache-Control", "no-cache");
    const long long limit = ex.queryInt("limit", 20, {1, std::nullopt, 100});
    ex.sendJson(200, analysis::HistoryReports(context.db)
                         .test(ex.pathParam("test_name"), text(ex, "job_name"), text(ex, "exclude_job_id"), static_cast<int>(limit)));
}

void signatureSearch(AppContext& context, Exchange& ex)
{
    auto signature = ex.query("signature");
    if (!signature)
        ValidationErrors::fail("missing", {"query", "signature"}, "Field required", Poco::Dynamic::Var());
    ex.sendJson(200, analysis::HistoryReports(context.db).signature(*signature, text(ex, "exclude_job_id")));
}

void jobStats(AppContext& context, Exchange& ex)
{
    ex.sendJson(200, analysis::HistoryReports(context.db).jobStats(ex.pathParam("job_name"), text(ex, "exclude_job_id")));
}

void classify(AppContext& context, Exchange& ex)
{
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    storage::ClassificationRow row;
    row.testName = reader.requiredString("test_name");
    if (reader.has("classification") && !reader.isNull("classification") && body->get("classification").isString())
        body->set("classification", Poco::toUpper(Poco::trim(body->getValue<std::string>("classification"))));
    if (!reader.has("classification"))
        reader.requiredString("classification");
    else
        row.classification = reader.optLiteral("classification", historyLabels()).value_or("");
    row.reason = reader.string("reason");
    row.jobName = reader.string("job_name");
    row.referencesInfo = reader.string("references");
    row.jobId = reader.requiredString("job_id");
    row.childBuildNumber = reader.integer("child_build_number", 0, {0, std::nullopt, std::nullopt});
    errors.raiseIfAny();
    const Caller caller = requireAllowed(ex, context.access); // before the checks of the values, as the original
    if (Poco::trim(row.testName).empty())
        throw HttpError(400, "test_name must not be blank");
    if (row.classification == "KNOWN_BUG" && Poco::trim(row.referencesInfo).empty())
        throw HttpError(400, "KNOWN_BUG requires references (e.g. a bug URL or key)");
    row.testName = Poco::trim(row.testName);
    if (auto job = context.results.find(row.jobId))
        row.parentJobName = job->jobName;
    // A person's label shows at once; one without a username (the AI) waits for its analysis.
    row.createdBy = caller.username.empty() ? "ai" : caller.username;
    row.visible = !caller.username.empty();
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("id", storage::ClassificationStore(context.db).add(row));
    ex.sendJson(201, out);
}

void classifications(AppContext& context, Exchange& ex)
{
    storage::ClassificationFilter filter{text(ex, "test_name"), text(ex, "classification"), text(ex, "job_name"),
                                         text(ex, "parent_job_name"), text(ex, "job_id")};
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const auto& c : storage::ClassificationStore(context.db).visible(filter, analysis::classifications())) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("id", c.id);
        o->set("test_name", c.testName);
        o->set("job_name", c.jobName);
        o->set("parent_job_name", c.parentJobName);
        o->set("classification", c.classification);
        o->set("reason", c.reason);
        o->set("references_info", c.referencesInfo);
        o->set("created_by", c.createdBy);
        o->set("job_id", c.jobId);
        o->set("child_build_number", c.childBuildNumber);
        o->set("created_at", c.createdAt);
        rows->add(o);
    }
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("classifications", rows);
    ex.sendJson(200, out);
}

} // namespace

void registerHistoryRoutes(Router& router, AppContext& context)
{
    addRoute(router, context, "GET", "/history/failures", failures, "Failure history, searchable and paginated");
    addRoute(router, context, "GET", "/history/test/{test_name:path}", testHistory, "One test's failure history (an HTML page for browsers)");
    addRoute(router, context, "GET", "/history/search", signatureSearch, "Tests sharing an error signature");
    addRoute(router, context, "GET", "/history/stats/{job_name:path}", jobStats, "Failure statistics of a job");
    addRoute(router, context, "POST", "/history/classify", classify, "Label a test (FLAKY, REGRESSION, ...)");
    addRoute(router, context, "GET", "/history/classifications", classifications, "Visible primary classifications (overrides)");
}

} // namespace bridge
} // namespace jji
