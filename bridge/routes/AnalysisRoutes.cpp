#include "AnalysisRoutes.h"

#include "jji/analysis/DirectAnalysis.h"
#include "jji/analysis/JsonText.h"
#include "jji/analysis/JunitReport.h"
#include "jji/bridge/AnalysisRequestReader.h"
#include "jji/bridge/AppContext.h"
#include "jji/bridge/Exchange.h"
#include "jji/bridge/HttpError.h"
#include "jji/bridge/ResultViews.h"
#include "jji/bridge/Router.h"


namespace jji {
namespace bridge {

namespace {

constexpr std::size_t kMaxRawXmlChars = 50000000;

std::vector<analysis::TestFailure> readFailures(FieldReader& reader)
{
    std::vector<analysis::TestFailure> failures;
    for (FieldReader& f : reader.objectItems("failures", "TestFailure")) {
        analysis::TestFailure failure;
        failure.testName = f.requiredString("test_name");
        failure.errorMessage = f.string("error_message");
        failure.stackTrace = f.string("stack_trace");
        failure.duration = f.optNumber("duration").value_or(0.0);
        failure.status = f.string("status", "FAILED");
        failures.push_back(std::move(failure));
    }
    return failures;
}

void analyzeFailures(AppContext& context, Exchange& ex)
{
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    Poco::JSON::Object::Ptr params = AnalysisRequestReader::readParams(reader, context.settings);

    analysis::DirectAnalysis::Request request;
    const bool hasFailures = !reader.isNull("failures");
    const bool hasXml = !reader.isNull("raw_xml");
    request.failures = readFailures(reader);
    if (hasXml) {
        request.rawXml = reader.optString("raw_xml", kMaxRawXmlChars);
        body->remove("raw_xml"); // a 50 MB report should exist in as few copies as possible
    }
    if (hasFailures && hasXml)
        errors.add("value_error", {"body"}, "Value error, Provide either 'failures' or 'raw_xml', not both", "");
    if (!hasFailures && !hasXml)
        errors.add("value_error", {"body"}, "Value error, Either 'failures' or 'raw_xml' must be provided", "");
    errors.raiseIfAny();

    request.ai = AnalysisRequestReader::resolveAi(params, context.settings);
    request.requestParams = params;
    analysis::DirectAnalysis::Result outcome;
    try {
        outcome = analysis::DirectAnalysis(context.settings, context.db, context.aiLimiter).run(std::move(request));
    } catch (const analysis::JunitParseError& e) {
        throw HttpError(400, e.what());
    }
    addResultLinks(outcome.result, context.settings, outcome.result->getValue<std::string>("job_id"));
    if (!outcome.enrichedXml) {
        ex.sendJson(200, outcome.result);
        return;
    }
    ex.sendText(200, "application/json", analysis::toJsonText(outcome.result, "enriched_xml", *outcome.enrichedXml));
}

} // namespace

void registerAnalysisRoutes(Router& router, AppContext& context)
{
    router.add("POST", "/analyze-failures", [&context](Exchange& ex) { analyzeFailures(context, ex); },
               "Analyze raw failures or JUnit XML without Jenkins");
}

} // namespace bridge
} // namespace jji
