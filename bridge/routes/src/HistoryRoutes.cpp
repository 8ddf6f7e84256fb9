#include "HistoryRoutes.h"

#include "jji/analysis/review/HistoryReports.h"
#include "jji/analysis/model/Model.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/routes/ContextRoute.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/RequestFields.h"
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

/// ?search=&job_name=&classification=&limit=&offset= of GET /history/failures.
struct FailureQuery
{
    storage::HistoryFilter filter;
    long long limit;
    long long offset;
};

FailureQuery readFailureQuery(FieldReader& query)
{
    return {{query.string("search"), query.string("job_name"), query.string("classification")},
            query.integer("limit", 50, {1, std::nullopt, 200}),
            query.integer("offset", 0, {0, std::nullopt, 1000000000})};
}

struct TestQuery
{
    std::string jobName;
    std::string excludeJobId;
    long long limit;
};

TestQuery readTestQuery(FieldReader& query)
{
    return {query.string("job_name"), query.string("exclude_job_id"), query.integer("limit", 20, {1, std::nullopt, 100})};
}

struct SignatureQuery
{
    std::string signature;
    std::string excludeJobId;
};

SignatureQuery readSignatureQuery(FieldReader& query)
{
    return {query.requiredString("signature"), query.string("exclude_job_id")};
}

/// ?exclude_job_id=: leave one job out (the report page asking about its own job).
std::string readExcludedJob(FieldReader& query)
{
    return query.string("exclude_job_id");
}

/// ClassifyRequest of POST /history/classify.
storage::ClassificationRow readClassification(FieldReader& reader)
{
    storage::ClassificationRow row;
    row.testName = reader.requiredString("test_name");
    Poco::JSON::Object::Ptr body = reader.object();
    if (reader.has("classification") && !reader.isNull("classification") && body->get("classification").isString())
        body->set("classification", Poco::toUpper(Poco::trim(body->getValue<std::string>("classification"))));
    row.classification = reader.requiredLiteral("classification", historyLabels()).value_or("");
    row.reason = reader.string("reason");
    row.jobName = reader.string("job_name");
    row.referencesInfo = reader.string("references");
    row.jobId = reader.requiredString("job_id");
    row.childBuildNumber = reader.integer("child_build_number", 0, {0, std::nullopt, std::nullopt});
    return row;
}

/// ?test_name=&classification=&job_name=&parent_job_name=&job_id= of GET /history/classifications.
storage::ClassificationFilter readClassificationFilter(FieldReader& query)
{
    return {query.string("test_name"), query.string("classification"), query.string("job_name"),
            query.string("parent_job_name"), query.string("job_id")};
}

void failures(AppContext& context, Exchange& ex)
{
    const FailureQuery query = readQuery(ex, readFailureQuery);
    ex.sendJson(200, analysis::HistoryReports(context.db)
                         .failures(query.filter, static_cast<int>(query.limit), static_cast<int>(query.offset)));
}

void testHistory(AppContext& context, Exchange& ex)
{
    ex.response().set("Vary", "Accept"); // the page and the JSON share this path
    if (prefersHtml(ex))
        return sendPage(ex, 200, "test-history", {{"test-name", ex.pathParam("test_name")}});
    ex.response().set("Cache-Control", "no-cache");
    const TestQuery query = readQuery(ex, readTestQuery);
    ex.sendJson(200, analysis::HistoryReports(context.db)
                         .test(ex.pathParam("test_name"), query.jobName, query.excludeJobId, static_cast<int>(query.limit)));
}

void signatureSearch(AppContext& context, Exchange& ex)
{
    const SignatureQuery query = readQuery(ex, readSignatureQuery);
    ex.sendJson(200, analysis::HistoryReports(context.db).signature(query.signature, query.excludeJobId));
}

void jobStats(AppContext& context, Exchange& ex)
{
    ex.sendJson(200, analysis::HistoryReports(context.db).jobStats(ex.pathParam("job_name"), readQuery(ex, readExcludedJob)));
}

void classify(AppContext& context, Exchange& ex)
{
    storage::ClassificationRow row = readBody(ex, readClassification);
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
    const storage::ClassificationFilter filter = readQuery(ex, readClassificationFilter);
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
    addRoute(router, context, "GET", "/history/failures", failures, "Failure history, searchable and paginated")
        .query(readFailureQuery).answers(200, "FailureHistory");
    addRoute(router, context, "GET", "/history/test/{test_name:path}", testHistory, "One test's failure history (an HTML page for browsers)")
        .query(readTestQuery).answers(200, "TestHistory").answers(200, "", "text/html");
    addRoute(router, context, "GET", "/history/search", signatureSearch, "Tests sharing an error signature")
        .query(readSignatureQuery).answers(200, "SignatureHistory");
    addRoute(router, context, "GET", "/history/stats/{job_name:path}", jobStats, "Failure statistics of a job")
        .query(readExcludedJob).answers(200, "JobStats");
    addRoute(router, context, "POST", "/history/classify", classify, "Label a test (FLAKY, REGRESSION, ...)")
        .body("ClassifyRequest", readClassification).allowed().answers(201, "CreatedId").fails({400});
    addRoute(router, context, "GET", "/history/classifications", classifications, "Visible primary classifications (overrides)")
        .query(readClassificationFilter).answers(200, "ClassificationList");
}

} // namespace bridge
} // namespace jji
