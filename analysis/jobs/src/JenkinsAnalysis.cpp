#include "jji/analysis/jobs/JenkinsAnalysis.h"

#include "jji/analysis/jobs/AnalysisKnowledge.h"
#include "jji/analysis/jenkins/ArchiveExtractor.h"
#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/analysis/jobs/ResultEnrichment.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/model/ModelJson.h"
#include "jji/analysis/workspace/RepoCloner.h"
#include "jji/analysis/workspace/Workspace.h"

#include "jji/storage/ResultStore.h"

#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <map>

namespace jji {
namespace analysis {

namespace {

constexpr int kMaxUnreachablePolls = 5;
const char* kDepthNote = "Max depth reached - analysis stopped to prevent infinite recursion";

std::string jobLabel(const std::string& jobName, long long number)
{
    return "Jenkins job '" + jobName + "' build #" + std::to_string(number);
}

} // namespace

struct JenkinsAnalysis::Accumulated
{
    const AnalysisKnowledge* knowledge = nullptr;
    std::vector<JobRecord::BuildFailures> history;
    std::vector<TokenUsage> calls;
    TokenUsage totalUsage;
    std::size_t groups = 0;
    std::vector<std::string> errors;
};

std::optional<std::chrono::milliseconds> JenkinsAnalysis::run(JobRecord& record, const JenkinsJobRequest& request,
                                                              int& unreachableCount) const
{
    JenkinsClient client(request.jenkins);
    const std::string label = jobLabel(request.jobName, request.buildNumber);
    const bool waiting = record.secondsSincePhaseStarted("waiting_for_jenkins") >= 0;
    JenkinsBuild build;
    try {
        build = client.build(request.jobName, request.buildNumber);
        unreachableCount = 0;
    } catch (const JenkinsError& e) {
        if (e.status() == 404) {
            record.fail(label + " not found (HTTP 404)");
            return std::nullopt;
        }
        if (e.status() == 0 && waiting && ++unreachableCount < kMaxUnreachablePolls) {
            Poco::Logger::get("jji.analysis").warning("%s: poll failed (%d in a row), retrying: %s", record.jobId(),
                                                      unreachableCount, std::string(e.what()));
            return std::chrono::milliseconds(request.pollInterval);
        }
        record.fail(e.what());
        return std::nullopt;
    }

    if (build.building && request.waitForCompletion) {
        const double waited = waiting ? std::max(0.0, record.secondsSincePhaseStarted("waiting_for_jenkins")) : 0.0;
        auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(request.pollInterval);
        if (request.maxWait.count() > 0) {
            const auto left = std::chrono::milliseconds(static_cast<long long>((request.maxWait.count() - waited) * 1000));
            if (left.count() <= 0) {
                record.fail("Timed out waiting for " + label + " after " + std::to_string(request.maxWaitMinutes) + " minutes");
                return std::nullopt;
            }
            delay = std::min(delay, left);
        }
        // What the status page shows while it waits: the build, and how the polling goes.
        Poco::JSON::Object::Ptr result = record.result();
        result->set("jenkins_url", client.buildUrl(request.jobName, request.buildNumber));
        Poco::JSON::Object::Ptr previous = result->getObject("jenkins_poll");
        Poco::JSON::Object::Ptr poll = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        poll->set("count", (previous ? previous->optValue<int>("count", 0) : 0) + 1);
        poll->set("next_poll_at", static_cast<double>(Poco::Timestamp().epochMicroseconds() + delay.count() * 1000) / 1e6);
        poll->set("max_wait_minutes", request.maxWaitMinutes);
        result->set("jenkins_poll", poll);
        if (!waiting)
            record.advance("waiting", "waiting_for_jenkins");
        else
            record.save("waiting"); // each poll (and a job resumed after a restart)
        return delay;
    }

    record.result()->remove("jenkins_poll"); // the wait is over
    record.advance("running", "analyzing");
    Poco::JSON::Object::Ptr result = record.result();
    result->set("jenkins_url", client.buildUrl(request.jobName, request.buildNumber));
    if (build.result == "SUCCESS" && !request.force) {
        result->set("summary", "Build passed successfully. No failures to analyze.");
        result->set("failures", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
        result->set("child_job_analyses", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
        record.advance("completed", "saving");
        return std::nullopt;
    }

    Workspace workspace(_settings.dataDir, record.jobId());
    AiRequest ai = request.ai;
    ai.workspace = workspace.path();
    ai.context = RepoCloner(_settings).cloneAll(request.repos, workspace.path());
    if (request.getArtifacts)
        ai.context += downloadArtifacts(client, request, build, workspace.path());
    const AnalysisKnowledge knowledge(_settings, _db, ai, workspace.path());

    Accumulated acc;
    acc.knowledge = &knowledge;
    BuildOutcome top = analyzeBuild(client, {request.jobName, request.buildNumber}, build, 0, ai, acc, &record);

    result->set("failures", top.failures);
    result->set("child_job_analyses", top.children);
    ResultEnrichment(_settings, _limiter, ai)
        .run(record, result, request.jira, request.testsRepo, JobRecord::Persist::Yes, acc.calls, acc.totalUsage);

    record.advance("running", "saving");
    const bool allFailed = acc.groups > 0 && acc.errors.size() == acc.groups;
    result->set("summary", top.summary);
    if (!acc.calls.empty())
        result->set("token_usage", tokenUsageSummary(acc.calls, {ai.provider, ai.model}));
    if (allFailed)
        result->set("error", acc.errors.front());
    record.replaceHistory(request.jobName, request.buildNumber, acc.history);
    record.addTokenUsage(ai, acc.calls);
    record.save(allFailed ? "failed" : "completed");
    if (!knowledge.issuePrompt().empty())
        storage::ResultStore(_db).setIssuePrompt(record.jobId(), knowledge.issuePrompt());
    if (allFailed && _settings.keepWorkspace)
        workspace.keep(); // JJI_KEEP_WORKSPACE: left for a post-mortem
    return std::nullopt;
}

JenkinsAnalysis::BuildOutcome JenkinsAnalysis::analyzeBuild(const JenkinsClient& client, const ChildBuildRef& ref,
                                                            const JenkinsBuild& build, int depth, const AiRequest& ai,
                                                            Accumulated& acc, JobRecord* record) const
{
    BuildOutcome out;
    std::optional<std::vector<TestFailure>> tests = client.failedTests(ref.jobName, ref.number);
    std::vector<ChildBuildRef> children = failedChildrenFromBuild(build.json);
    std::optional<ConsoleExcerpt> console;
    if (children.empty()) { // pipelines that only log their downstream builds
        try {
            console = client.consoleExcerpt(ref.jobName, ref.number);
            children = failedChildrenFromConsole(console->childBuildLines);
        } catch (const JenkinsError& e) {
            if (!tests || tests->empty())
                throw; // the console is the only evidence left
            Poco::Logger::get("jji.analysis").warning("%s #%s: console unreadable, children from it skipped: %s",
                                                      ref.jobName, std::to_string(ref.number), std::string(e.what()));
        }
    }

    if (!children.empty() && record)
        record->advance("running", "analyzing_child_jobs");
    for (const auto& child : children) {
        auto [analysed, failureCount] = analyzeChild(client, child, depth + 1, ai, acc);
        out.treeFailureCount += failureCount;
        out.children->add(analysed);
    }

    std::vector<TestFailure> failures = tests ? std::move(*tests) : std::vector<TestFailure>();
    if (failures.empty() && children.empty() && build.result != "SUCCESS") {
        // No test report (compile or pipeline error) or no failed case: the console is the evidence.
        if (!console)
            console = client.consoleExcerpt(ref.jobName, ref.number);
        TestFailure f;
        f.testName = ref.jobName + "#" + std::to_string(ref.number);
        f.errorMessage = "Console-only analysis";
        f.stackTrace = console->forPrompt();
        f.status = build.result.empty() ? "FAILED" : build.result;
        failures.push_back(std::move(f));
    }

    if (!failures.empty()) {
        const KnownFailures known = acc.knowledge->forBuild(ref.jobName, console ? console->forPrompt() : "");
        FailureAnalyzer::Outcome outcome = FailureAnalyzer(_settings, _limiter).analyze(failures, ai, &known);
        out.knownNote = outcome.knownNote();
        std::map<std::string, Poco::JSON::Object::Ptr> analysisBySignature; // one object per group
        for (const auto& f : outcome.failures) {
            auto& shared = analysisBySignature[f.errorSignature];
            if (!shared)
                shared = toJson(f.analysis);
            out.failures->add(toJson(f, shared));
        }
        out.failureCount = failures.size();
        out.uniqueErrors = outcome.uniqueErrors;
        acc.groups += outcome.uniqueErrors;
        acc.errors.insert(acc.errors.end(), outcome.errors.begin(), outcome.errors.end());
        acc.calls.insert(acc.calls.end(), outcome.calls.begin(), outcome.calls.end());
        acc.totalUsage += outcome.totalUsage;
        acc.history.push_back({depth == 0 ? "" : ref.jobName, depth == 0 ? 0 : ref.number, std::move(outcome.failures)});
    }
    out.treeFailureCount += out.failureCount;

    if (out.failureCount > 0) {
        out.summary = FailureAnalyzer::summary(out.failureCount, out.uniqueErrors) + out.knownNote;
        if (!children.empty())
            out.summary += ". Additionally, " + std::to_string(children.size()) +
                           " failed child job(s) were analyzed recursively.";
    } else if (!children.empty()) {
        out.summary = "Pipeline failed due to " + std::to_string(children.size()) + " child job(s).";
        if (out.treeFailureCount > 0)
            out.summary += " Total: " + std::to_string(out.treeFailureCount) + " failure(s) analyzed. See child analyses below.";
    } else {
        out.summary = "No failures to analyze";
    }
    return out;
}

std::pair<Poco::JSON::Object::Ptr, std::size_t> JenkinsAnalysis::analyzeChild(const JenkinsClient& client,
                                                                              const ChildBuildRef& ref, int depth,
                                                                              const AiRequest& ai, Accumulated& acc) const
{
    Poco::JSON::Object::Ptr child = orderedObject();
    child->set("job_name", ref.jobName);
    child->set("build_number", ref.number);
    child->set("jenkins_url", client.buildUrl(ref.jobName, ref.number));
    child->set("summary", "");
    child->set("failures", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
    child->set("failed_children", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
    if (depth > _settings.maxChildDepth) {
        child->set("note", kDepthNote);
        return {child, 0};
    }
    try {
        JenkinsBuild build = client.build(ref.jobName, ref.number);
        BuildOutcome outcome = analyzeBuild(client, ref, build, depth, ai, acc, nullptr);
        child->set("summary", outcome.summary);
        child->set("failures", outcome.failures);
        child->set("failed_children", outcome.children);
        return {child, outcome.treeFailureCount};
    } catch (const JenkinsError& e) {
        child->set("note", std::string("Failed to analyze child build: ") + e.what());
    }
    return {child, 0};
}

std::string JenkinsAnalysis::downloadArtifacts(const JenkinsClient& client, const JenkinsJobRequest& request,
                                               const JenkinsBuild& build, const std::string& workspace) const
{
    Poco::JSON::Array::Ptr artifacts = build.json ? build.json->getArray("artifacts") : nullptr;
    if (!artifacts || artifacts->size() == 0)
        return "";
    JenkinsClient::ArtifactDownload download =
        client.downloadArtifacts(request.jobName, build, workspace + "/artifacts", request.artifactsMaxBytes);
    for (const auto& skipped : download.skipped)
        Poco::Logger::get("jji.analysis").warning("artifact skipped: %s", skipped);
    if (download.files.empty())
        return "";
    std::string context = "The build's archived artifacts are in ./artifacts (relative to your working directory):\n";
    for (const auto& file : download.files) {
        context += "- artifacts/" + file + "\n";
        if (file.size() > 4 && file.compare(file.size() - 4, 4, ".zip") == 0) {
            // Unpacked beside the archive; unsafe archives (entries leaving the folder) are refused whole.
            const std::string unpacked = "artifacts/" + file.substr(0, file.size() - 4) + "_unzipped";
            auto zip = ArchiveExtractor::extractZip(workspace + "/artifacts/" + file, workspace + "/" + unpacked,
                                                    request.artifactsMaxBytes);
            for (const auto& refused : zip.refused)
                Poco::Logger::get("jji.analysis").warning("archive %s: refused %s", file, refused);
            if (!zip.files.empty())
                context += "  unpacked into " + unpacked + "/ (" + std::to_string(zip.files.size()) + " files)\n";
        }
    }
    if (!download.skipped.empty())
        context += std::to_string(download.skipped.size()) + " more artifact(s) were not downloaded (size cap or unsafe path).\n";
    return context;
}

} // namespace analysis
} // namespace jji
