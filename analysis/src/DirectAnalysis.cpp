#include "jji/analysis/DirectAnalysis.h"

#include "jji/analysis/JsonText.h"
#include "jji/analysis/JunitReport.h"
#include "jji/analysis/ModelJson.h"
#include "jji/storage/FailureHistoryStore.h"
#include "jji/storage/ResultStore.h"
#include "jji/storage/Timestamp.h"
#include "jji/storage/TokenUsageStore.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/UUIDGenerator.h>

#include <map>
#include <sstream>

namespace jji {
namespace analysis {

namespace {

Poco::JSON::Object::Ptr progressEntry(const std::string& phase)
{
    Poco::JSON::Object::Ptr entry = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    entry->set("phase", phase);
    entry->set("timestamp", storage::nowEpochSeconds());
    return entry;
}

/// A per-job working directory for the AI CLI, removed when the analysis ends.
class Workspace
{
public:
    Workspace(const std::string& dataDir, const std::string& jobId)
        : _path(Poco::Path(dataDir).append("workspaces").append(jobId).toString())
    {
        Poco::File(_path).createDirectories();
    }
    ~Workspace()
    {
        try {
            Poco::File(_path).remove(true);
        } catch (...) {
        }
    }
    const std::string& path() const { return _path; }

private:
    std::string _path;
};

} // namespace

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
        request.failures = report->failures();
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
    result->set("request_params", request.requestParams ? request.requestParams : Poco::JSON::Object::Ptr(new Poco::JSON::Object));
    Poco::JSON::Array::Ptr progress = new Poco::JSON::Array;
    progress->add(progressEntry("analyzing"));
    result->set("progress_phase", "analyzing");
    result->set("progress_log", progress);

    storage::ResultStore results(_db);
    storage::ResultRow row;
    row.jobId = jobId;
    row.status = "running";
    row.aiProvider = request.ai.provider;
    row.aiModel = request.ai.model;
    row.resultJson = toJsonText(result);
    row.analysisStartedAt = storage::nowTimestamp();
    results.insert(row); // a failure here stores nothing and surfaces as a 500

    try {
        Workspace workspace(_settings.dataDir, jobId);
        request.ai.workspace = workspace.path();
        FailureAnalyzer::Outcome outcome = FailureAnalyzer(_settings, _limiter).analyze(request.failures, request.ai);

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
        result->set("status", status);
        result->set("summary", request.failures.empty() ? "No failures to analyze"
                                                        : FailureAnalyzer::summary(request.failures.size(), outcome.uniqueErrors));
        result->set("failures", failures);
        if (allFailed)
            result->set("error", outcome.errors.front());
        if (report && !enrichedXml) {
            std::string reportUrl = _settings.publicBaseUrl.empty() ? "" : _settings.publicBaseUrl + "/results/" + jobId + ".html";
            enrichedXml = report->enriched(outcome.failures, reportUrl);
        }
        report.reset(); // the DOM and its copy of the report are no longer needed
        if (outcome.totalUsage.reported)
            result->set("token_usage", toJson(outcome.totalUsage));

        progress->add(progressEntry("saving"));
        result->set("progress_phase", "saving");
        std::vector<storage::FailureHistoryRow> history;
        for (const auto& f : outcome.failures)
            history.push_back({jobId, "", 0, f.testName, f.error, f.errorSignature, f.analysis.classification, "", 0});
        storage::FailureHistoryStore(_db).addAll(history);
        storage::TokenUsageStore usageStore(_db);
        for (const auto& call : outcome.calls)
            usageStore.add({jobId, request.ai.provider, request.ai.model, "analysis", call.inputTokens, call.outputTokens,
                            call.cacheReadTokens, call.cacheWriteTokens, call.costUsd, call.durationMs});
        results.update(jobId, status, toJsonText(result), enrichedXml ? &*enrichedXml : nullptr);
    } catch (const std::exception& e) {
        Poco::Logger::get("jji.analysis").error("direct analysis %s failed: %s", jobId, std::string(e.what()));
        // A small record: whatever broke the full one (size, the database) must not break this.
        enrichedXml.reset();
        result->set("status", "failed");
        result->set("error", std::string("analysis failed: ") + e.what());
        result->set("failures", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
        try {
            results.update(jobId, "failed", toJsonText(result));
        } catch (const std::exception& again) {
            Poco::Logger::get("jji.analysis").error("cannot record failure of %s: %s", jobId, std::string(again.what()));
        }
    }
    result->remove("request_params");
    return {result, std::move(enrichedXml)};
}

} // namespace analysis
} // namespace jji
