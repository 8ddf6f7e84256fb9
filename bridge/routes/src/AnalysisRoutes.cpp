#include "AnalysisRoutes.h"

#include "jji/analysis/ai/AiRequestResolver.h"
#include "jji/analysis/jobs/DirectAnalysis.h"
#include "jji/analysis/jobs/JenkinsJobRequest.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/junit/JunitReport.h"
#include "jji/analysis/model/RequestParams.h"
#include "jji/analysis/model/ResultLinks.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/http/AnalysisRequestReader.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/routes/ContextRoute.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/views/ResultViews.h"
#include "jji/bridge/http/Router.h"


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

/// AnalyzeFailuresRequest: the shared analysis fields, then failures or raw_xml.
analysis::DirectAnalysis::Request readAnalyzeFailures(FieldReader& reader, const config::Settings& settings)
{
    analysis::DirectAnalysis::Request request;
    request.requestParams = AnalysisRequestReader::readParams(reader, settings);
    request.name = reader.string("name");
    const bool hasFailures = !reader.isNull("failures");
    const bool hasXml = !reader.isNull("raw_xml");
    request.failures = readFailures(reader);
    if (hasXml) {
        // Spare capacity of half the report lets the enrichment grow it in place.
        request.rawXml = reader.optString("raw_xml", kMaxRawXmlChars, 50);
        reader.object()->remove("raw_xml"); // a 50 MB report should exist in as few copies as possible
    }
    if (hasFailures && hasXml)
        reader.errors().add("value_error", {"body"}, "Value error, Provide either 'failures' or 'raw_xml', not both", "");
    if (!hasFailures && !hasXml)
        reader.errors().add("value_error", {"body"}, "Value error, Either 'failures' or 'raw_xml' must be provided", "");
    return request;
}

/// AnalyzeRequest of POST /analyze: the shared analysis fields and the Jenkins build's.
Poco::JSON::Object::Ptr readAnalyzeRequest(FieldReader& reader, const config::Settings& settings)
{
    Poco::JSON::Object::Ptr params = AnalysisRequestReader::readParams(reader, settings);
    AnalysisRequestReader::readJenkinsFields(reader, params, settings);
    return params;
}

/// ?sync=true: run the analysis now and answer its result.
bool readSync(FieldReader& query)
{
    return query.boolean("sync", false);
}

void analyzeFailures(AppContext& context, Exchange& ex)
{
    analysis::DirectAnalysis::Request request = readBody(ex, withSettings(context, readAnalyzeFailures));
    requireAllowed(ex, context.access); // AI runs are limited to the allow list

    request.ai = AnalysisRequestReader::resolveAi(request.requestParams, context.settings);
    analysis::DirectAnalysis::Result outcome;
    try {
        outcome = analysis::DirectAnalysis(context.settings, context.db, context.aiLimiter, context.lease).run(std::move(request));
    } catch (const analysis::JunitParseError& e) {
        throw HttpError(400, e.what());
    }
    analysis::addResultLinks(outcome.result, context.settings, outcome.result->getValue<std::string>("job_id"));
    if (!outcome.enrichedXml) {
        ex.sendJson(200, outcome.result);
        return;
    }
    ex.sendText(200, "application/json", analysis::toJsonText(outcome.result, "enriched_xml", *outcome.enrichedXml));
}

/// Queues (or, with ?sync=true, runs) a Jenkins-backed job for validated params.
void startJenkinsAnalysis(AppContext& context, Exchange& ex, const Poco::JSON::Object::Ptr& params, const std::string& what)
{
    const bool sync = readQuery(ex, readSync);
    AnalysisRequestReader::resolveAi(params, context.settings);
    try {
        analysis::JenkinsJobRequest::fromParams(params, context.settings);
    } catch (const analysis::AnalysisConfigError& e) {
        throw HttpError(400, e.what());
    }
    std::string jobId;
    try {
        if (!sync) {
            ex.sendJson(202, queuedReply(context.settings, context.jobs.submit(params, std::nullopt, ex.clientAddress()).jobId, what));
            return;
        }
        jobId = context.jobs.runNow(params, ex.clientAddress());
    } catch (const analysis::JobQueueFull& e) {
        throw HttpError::retryAfter(429, 30, e.what());
    }
    auto row = context.results.find(jobId);
    if (row && isInProgress(row->status)) { // the daemon is stopping: the job resumes at the next start
        ex.sendJson(202, queuedReply(context.settings, jobId, what));
        return;
    }
    Poco::JSON::Object::Ptr result = row ? publicResult(*row) : nullptr;
    if (!result)
        throw HttpError(500, "the analysis result could not be read back");
    result->remove("request_params");
    analysis::addResultLinks(result, context.settings, jobId);
    ex.sendJson(200, result);
}

void analyze(AppContext& context, Exchange& ex)
{
    Poco::JSON::Object::Ptr params = readBody(ex, withSettings(context, readAnalyzeRequest));
    requireAllowed(ex, context.access);
    startJenkinsAnalysis(context, ex, params, "Analysis");
}

void reAnalyze(AppContext& context, Exchange& ex)
{
    const std::string& jobId = ex.pathParam("job_id");
    Poco::JSON::Object::Ptr overrides = readOptionalBody(ex, withSettings(context, AnalysisRequestReader::readParams));
    requireAllowed(ex, context.access);

    if (!context.results.find(jobId))
        throw HttpError(404, "Result " + jobId + " not found");
    Poco::JSON::Object::Ptr params;
    try {
        params = context.jobs.storedRequest(jobId);
    } catch (const std::exception& e) {
        throw HttpError(400, std::string("Failed to reconstruct original request: ") + e.what());
    }
    if (!params)
        throw HttpError(400, "Original analysis has no stored request_params; cannot re-analyze");
    if (!params->has("job_name") || !params->has("build_number"))
        throw HttpError(400, "Failed to reconstruct original request: the original job is not a Jenkins build analysis");
    analysis::applyOverrides(params, overrides); // only the fields present in the body

    startJenkinsAnalysis(context, ex, params, "Re-analysis");
}

} // namespace

void registerAnalysisRoutes(Router& router, AppContext& context)
{
    router.add("POST", "/analyze", [&context](Exchange& ex) { analyze(context, ex); },
               "Queue a Jenkins build for analysis (?sync=true waits for the result)")
        .body("AnalyzeRequest", withSettings(context, readAnalyzeRequest)).query(readSync).allowed()
        .answers(202, "QueuedAnalysis").answers(200, "AnalysisResult").fails({400, 429});
    router.add("POST", "/re-analyze/{job_id}", [&context](Exchange& ex) { reAnalyze(context, ex); },
               "Queue a new analysis from a previous job's stored request, with overrides")
        .optionalBody("BaseAnalysisRequest", withSettings(context, AnalysisRequestReader::readParams)).query(readSync)
        .allowed().answers(202, "QueuedAnalysis").answers(200, "AnalysisResult").fails({400, 404, 429});
    router.add("POST", "/analyze-failures", [&context](Exchange& ex) { analyzeFailures(context, ex); },
               "Analyze raw failures or JUnit XML without Jenkins")
        .body("AnalyzeFailuresRequest", withSettings(context, readAnalyzeFailures)).allowed()
        .answers(200, "AnalysisResult").fails({400});
}

} // namespace bridge
} // namespace jji
