#include "jji/analysis/review/HistoryReports.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/storage/CommentStore.h"
#include "jji/storage/ResultStore.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace jji {
namespace analysis {

namespace {

constexpr int kTrendWindow = 5;
constexpr int kConsecutiveLookback = 1000;

double rounded(double value)
{
    return std::round(value * 10000.0) / 10000.0;
}

Poco::Dynamic::Var orNull(const std::string& text)
{
    return text.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(text);
}

Poco::JSON::Object::Ptr historyRow(const storage::HistoryEntry& r, bool withIdentity)
{
    Poco::JSON::Object::Ptr o = orderedObject();
    if (withIdentity)
        o->set("id", r.id);
    o->set("job_id", r.jobId);
    o->set("job_name", r.jobName);
    o->set("build_number", r.buildNumber);
    if (withIdentity)
        o->set("test_name", r.testName);
    o->set("error_message", r.errorMessage);
    o->set("error_signature", r.errorSignature);
    o->set("signature_text", r.signatureText);
    o->set("classification", r.classification);
    o->set("child_job_name", r.childJobName);
    o->set("child_build_number", r.childBuildNumber);
    o->set("analyzed_at", r.analyzedAt);
    return o;
}

Poco::JSON::Array::Ptr commentsJson(const std::vector<storage::CommentRow>& comments)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& c : comments) {
        Poco::JSON::Object::Ptr o = orderedObject();
        o->set("comment", c.comment);
        o->set("username", c.username);
        o->set("created_at", c.createdAt);
        out->add(o);
    }
    return out;
}

/// How many of the job's newest completed analyses in a row the test failed in.
long long consecutiveFailures(storage::Database& db, const std::string& jobName, const std::string& excludeJobId,
                              const std::vector<std::string>& failedJobIds)
{
    const std::set<std::string> failed(failedJobIds.begin(), failedJobIds.end());
    long long n = 0;
    for (const auto& id : storage::ResultStore(db).completedJobIds(jobName, excludeJobId, kConsecutiveLookback)) {
        if (!failed.count(id))
            break;
        ++n;
    }
    return n;
}

} // namespace

Poco::JSON::Object::Ptr HistoryReports::failures(const storage::HistoryFilter& filter, int limit, int offset)
{
    storage::HistoryPage page = storage::FailureHistoryStore(_db).search(filter, limit, offset);
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const auto& r : page.rows)
        rows->add(historyRow(r, true));
    Poco::JSON::Object::Ptr out = orderedObject();
    out->set("failures", rows);
    out->set("total", page.total);
    return out;
}

Poco::JSON::Object::Ptr HistoryReports::test(const std::string& testName, const std::string& jobName,
                                             const std::string& excludeJobId, int limit)
{
    storage::TestFailureSummary summary = storage::FailureHistoryStore(_db).forTest(testName, jobName, excludeJobId, limit);
    Poco::JSON::Object::Ptr out = orderedObject();
    out->set("test_name", testName);
    const long long failedRuns = static_cast<long long>(summary.failedJobIds.size());
    if (!jobName.empty()) {
        const long long runs = std::max(storage::ResultStore(_db).countCompleted(jobName, excludeJobId), failedRuns);
        out->set("total_runs", runs);
        out->set("failures", failedRuns);
        out->set("passes", runs - failedRuns);
        out->set("failure_rate", runs > 0 ? rounded(static_cast<double>(failedRuns) / static_cast<double>(runs)) : 0.0);
    } else {
        out->set("total_runs", summary.failures);
        out->set("failures", summary.failures);
        out->set("passes", Poco::Dynamic::Var());
        out->set("failure_rate", Poco::Dynamic::Var());
    }
    out->set("first_seen", orNull(summary.firstSeen));
    out->set("last_seen", orNull(summary.lastSeen));
    out->set("last_classification", orNull(summary.lastClassification));
    Poco::JSON::Object::Ptr classifications = orderedObject();
    for (const auto& [name, count] : summary.classifications)
        classifications->set(name.empty() ? "UNCLASSIFIED" : name, count);
    out->set("classifications", classifications);
    Poco::JSON::Array::Ptr recent = new Poco::JSON::Array;
    for (const auto& r : summary.recent)
        recent->add(historyRow(r, false));
    out->set("recent_runs", recent);
    out->set("comments", commentsJson(storage::CommentStore(_db).forTest(testName, excludeJobId, 50)));
    const std::string seriesJob = !jobName.empty() ? jobName : (summary.recent.empty() ? "" : summary.recent.front().jobName);
    out->set("consecutive_failures",
             summary.failures == 0 ? 0 : consecutiveFailures(_db, seriesJob, excludeJobId, summary.failedJobIds));
    std::string note;
    if (summary.failures == 0)
        note = "No failures recorded for this test.";
    else if (jobName.empty())
        note = "Only failures are stored: pass job_name to get passes and failure_rate.";
    out->set("note", note);
    return out;
}

Poco::JSON::Object::Ptr HistoryReports::signature(const std::string& signature, const std::string& excludeJobId)
{
    storage::SignatureSummary summary = storage::FailureHistoryStore(_db).forSignature(signature, excludeJobId);
    Poco::JSON::Object::Ptr out = orderedObject();
    out->set("signature", signature);
    out->set("total_occurrences", summary.occurrences);
    out->set("unique_tests", static_cast<long long>(summary.tests.size()));
    Poco::JSON::Array::Ptr tests = new Poco::JSON::Array;
    for (const auto& [name, count] : summary.tests) {
        Poco::JSON::Object::Ptr t = orderedObject();
        t->set("test_name", name);
        t->set("occurrences", count);
        tests->add(t);
    }
    out->set("tests", tests);
    out->set("last_classification", orNull(summary.lastClassification));
    out->set("comments", commentsJson(storage::CommentStore(_db).forSignature(signature, excludeJobId, 50)));
    return out;
}

Poco::JSON::Object::Ptr HistoryReports::jobStats(const std::string& jobName, const std::string& excludeJobId)
{
    storage::ResultStore results(_db);
    const long long builds = results.countCompleted(jobName, excludeJobId);
    const std::vector<std::string> newest = results.completedJobIds(jobName, excludeJobId, 2 * kTrendWindow);
    storage::JobFailureSummary summary = storage::FailureHistoryStore(_db).forJobName(jobName, excludeJobId, newest, 10);

    Poco::JSON::Object::Ptr out = orderedObject();
    out->set("job_name", jobName);
    const long long analysed = std::max(builds, summary.buildsWithFailures);
    out->set("total_builds_analyzed", analysed);
    out->set("builds_with_failures", summary.buildsWithFailures);
    out->set("overall_failure_rate",
             analysed > 0 ? rounded(static_cast<double>(summary.buildsWithFailures) / static_cast<double>(analysed)) : 0.0);
    Poco::JSON::Array::Ptr common = new Poco::JSON::Array;
    for (const auto& c : summary.mostCommon) {
        Poco::JSON::Object::Ptr o = orderedObject();
        o->set("test_name", c.testName);
        o->set("count", c.count);
        o->set("classification", c.classification);
        common->add(o);
    }
    out->set("most_common_failures", common);

    std::string trend = "stable";
    if (newest.size() >= 4) {
        const std::size_t half = std::min<std::size_t>(kTrendWindow, newest.size() / 2);
        auto average = [&](std::size_t from, std::size_t to) {
            double sum = 0;
            for (std::size_t i = from; i < to; ++i)
                sum += static_cast<double>(summary.failuresByJobId[newest[i]]);
            return sum / static_cast<double>(to - from);
        };
        const double recent = average(0, half);
        const double older = average(half, std::min(newest.size(), 2 * half));
        if (recent < older * 0.8)
            trend = "improving";
        else if (recent > older * 1.2 || (older == 0 && recent > 0))
            trend = "worsening";
    }
    out->set("recent_trend", trend);
    return out;
}

} // namespace analysis
} // namespace jji
