#include "jji/analysis/jobs/DirectAnalysis.h"

#include "jji/analysis/jobs/AnalysisKnowledge.h"
#include "jji/analysis/jobs/JobRecord.h"
#include "jji/analysis/jobs/ResultEnrichment.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/junit/JunitReport.h"
#include "jji/analysis/model/ModelJson.h"
#include "jji/analysis/workspace/RepoCloner.h"
#include "jji/analysis/model/RequestParams.h"
#include "jji/analysis/workspace/Workspace.h"
#include "jji/storage/ResultStore.h"
#include "jji/storage/Timestamp.h"

#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/UUIDGenerator.h>

#include <map>
#include <sstream>

namespace jji {
namespace analysis {

DirectAnalysis::Result DirectAnalysis::run(Request request)
{
    std::unique_ptr<JunitReport> report;
    std::optional<std::string> enrichedXml;
    if (request.rawXml) {
        // A report that can hold failures is handed over (no copy); one that cannot is
        // parsed from a copy, because it is returned exactly as sent.
        const bool mayHaveFailures = request.rawXml->find("<failure") != std::string::npos
                                     || request.rawXml->find("<error") != std::string::npos;
        report = JunitReport::parse(mayHaveFailures ? std::move(*request.rawXml) : *request.rawXml); // throws before anything is stored
        request.failures = report->takeFailures();
        if (request.name.empty())
            request.name = report->name();
        if (!mayHaveFailures)
            enrichedXml = std::move(request.rawXml);
        request.rawXml.reset();
    }

    const std::string jobId = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    Poco::JSON::Object::Ptr result = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    result->set("job_id", jobId);
    result->set("status", "running");
    result->set("summary", "");
    result->set("ai_provider", request.ai.provider);
    result->set("ai_model", request.ai.model);
    if (!request.name.empty()) // direct analyses have no job name: this one is theirs
        result->set("name", request.name);
    // Direct analyses cannot be resumed (their input is not stored), so their secrets are not kept either.
    Poco::JSON::Object::Ptr visibleParams = splitRequestParams(request.requestParams).visible;
    addEffectiveRequestParams(visibleParams, _settings, false);
    result->set("request_params", visibleParams);
    JobRecord record(_db, result);
    record.advance("running", "analyzing", JobRecord::Persist::No); // stored by the insert below

    storage::ResultStore results(_db);
    storage::ResultRow row;
    row.jobId = jobId;
    row.status = "running";
    row.aiProvider = request.ai.provider;
    row.aiModel = request.ai.model;
    row.resultJson = toJsonText(result);
    row.analysisStartedAt = storage::nowTimestamp();
    row.claimedBy = _lease.node;
    row.leaseExpiresUs = _lease.untilUs();
    results.insert(row); // a failure here stores nothing and surfaces as a 500

    try {
        Workspace workspace(_settings.dataDir, jobId);
        request.ai.workspace = workspace.path();
        if (request.requestParams)
            request.ai.context = RepoCloner(_settings).cloneAll(RepoCloner::requested(request.requestParams, _settings),
                                                                workspace.path());
        const AnalysisKnowledge knowledge(_settings, _db, request.ai, workspace.path());
        const KnownFailures known = knowledge.forBuild("", "");
        FailureAnalyzer::Outcome outcome = FailureAnalyzer(_settings, _limiter).analyze(request.failures, request.ai, &known);
        const std::size_t failureCount = request.failures.size();
        std::vector<TestFailure>().swap(request.failures); // the outcome holds what is kept of them

        const bool allFailed = !outcome.errors.empty() && outcome.errors.size() == outcome.uniqueErrors;
        const std::string status = allFailed ? "failed" : "completed";
        Poco::JSON::Array::Ptr failures = new Poco::JSON::Array;
        std::map<std::string, Poco::JSON::Object::Ptr> analysisBySignature; // one object per group
        for (const auto& f : outcome.failures) {
            auto& shared = analysisBySignature[f.errorSignature];
            if (!shared)
                shared = toJson(f.analysis);
            failures->add(toJson(f, shared));
        }
        result->set("summary", failureCount == 0 ? "No failures to analyze"
                                                 : FailureAnalyzer::summary(failureCount, outcome.uniqueErrors) + outcome.knownNote());
        result->set("failures", failures);
        if (allFailed)
            result->set("error", outcome.errors.front());
        ResultEnrichment(_settings, _limiter, request.ai)
            .run(record, result, JiraSearchConfig::from(request.requestParams, _settings),
                 TestsRepoSearchConfig::from(request.requestParams, _settings), JobRecord::Persist::No, outcome.calls,
                 outcome.totalUsage);
        // The Jira matches the enrichment found go into the report too: one new bug report per
        // group, shared again by the group's failures.
        std::map<std::string, std::shared_ptr<const ProductBugReport>> reportWithMatches;
        for (auto& f : outcome.failures) {
            if (!f.analysis.productBugReport)
                continue;
            auto& withMatches = reportWithMatches[f.errorSignature];
            if (!withMatches) {
                auto copy = std::make_shared<ProductBugReport>(*f.analysis.productBugReport);
                copy->jiraMatches = jiraMatchesOf(analysisBySignature[f.errorSignature]);
                withMatches = std::move(copy);
            }
            f.analysis.productBugReport = withMatches;
        }
        if (report && !enrichedXml) {
            std::string reportUrl = _settings.publicBaseUrl.empty() ? "" : _settings.publicBaseUrl + "/results/" + jobId + ".html";
            enrichedXml = report->releaseEnriched(outcome.failures, reportUrl);
        }
        report.reset(); // its spent text and failure positions are no longer needed
        if (!outcome.calls.empty())
            result->set("token_usage", tokenUsageSummary(outcome.calls, {request.ai.provider, request.ai.model}));

        record.advance(status, "saving", JobRecord::Persist::No);
        std::vector<JobRecord::BuildFailures> history(1);
        history[0].failures = std::move(outcome.failures); // no longer needed here: no copy of 40k rows
        record.replaceHistory("", 0, history);
        record.addTokenUsage(request.ai, outcome.calls);
        record.save(status, enrichedXml ? &*enrichedXml : nullptr);
        if (!knowledge.issuePrompt().empty())
            results.setIssuePrompt(jobId, knowledge.issuePrompt());
        if (allFailed && _settings.keepWorkspace)
            workspace.keep(); // JJI_KEEP_WORKSPACE: left for a post-mortem
    } catch (const std::exception& e) {
        Poco::Logger::get("jji.analysis").error("direct analysis %s failed: %s", jobId, std::string(e.what()));
        enrichedXml.reset();
        result->set("failures", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
        record.fail(std::string("analysis failed: ") + e.what());
    }
    result->remove("request_params");
    return {result, std::move(enrichedXml)};
}

} // namespace analysis
} // namespace jji
