#include "jji/analysis/review/FailureReview.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/review/Mentions.h"
#include "jji/storage/ClassificationStore.h"
#include "jji/storage/CommentStore.h"
#include "jji/storage/FailureHistoryStore.h"
#include "jji/storage/MentionStore.h"
#include "jji/storage/ResultStore.h"
#include "jji/storage/UserStore.h"

#include <Poco/JSON/Parser.h>

#include <mutex>

namespace jji {
namespace analysis {

namespace {

/// Overrides read, patch and write back a whole result document: one at a time, so
/// two concurrent overrides of one job cannot lose each other's change.
std::mutex& patchMutex()
{
    static std::mutex m;
    return m;
}

} // namespace

ReviewTarget FailureReview::target(const std::string& jobId, const std::string& testName, const FailureScope& scope)
{
    using Kind = ReviewTargetError::Kind;
    auto row = storage::ResultStore(_db).find(jobId);
    if (!row)
        throw ReviewTargetError(Kind::JobNotFound, "Job not found");
    if (row->status == "pending" || row->status == "waiting" || row->status == "running")
        throw ReviewTargetError(Kind::InProgress, "Analysis is still " + row->status + "; try again when it has finished");
    if (row->status == "failed")
        throw ReviewTargetError(Kind::JobFailed, "The analysis failed; it has no failures to review");
    Poco::JSON::Object::Ptr result;
    try {
        result = Poco::JSON::Parser().parse(row->resultJson).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        throw ReviewTargetError(Kind::FailureNotFound, "The stored result cannot be read");
    }
    auto located = locateFailure(result, testName, scope);
    if (!located)
        throw ReviewTargetError(Kind::FailureNotFound,
                                "Test '" + testName + "' not found in " +
                                    (scope.topLevel() ? std::string("the job's failures") : "child job '" + scope.childJobName + "'"));
    return {std::move(*row), result, std::move(*located)};
}

FailureReview::NewComment FailureReview::addComment(const std::string& jobId, const std::string& testName, const FailureScope& scope,
                                    const std::string& comment, const std::string& username)
{
    ReviewTarget t = target(jobId, testName, scope);
    storage::CommentRow row;
    row.jobId = jobId;
    row.testName = testName;
    row.childJobName = t.failure.childJobName;
    row.childBuildNumber = t.failure.childBuildNumber;
    row.comment = comment;
    row.errorSignature = t.failure.failure->optValue<std::string>("error_signature", "");
    row.username = username;
    NewComment created;
    created.id = storage::CommentStore(_db).add(row);
    // Anyone named is mentioned, known yet or not: @carol written before carol's first visit
    // waits in her mentions (the original finds them at read time). At most 20 per comment.
    created.mentioned = mentionedUsers(comment, username);
    storage::MentionStore(_db).add(created.id, jobId, created.mentioned);
    return created;
}

void FailureReview::setReviewed(const std::string& jobId, const std::string& testName, const FailureScope& scope,
                                bool reviewed, const std::string& username)
{
    ReviewTarget t = target(jobId, testName, scope);
    storage::CommentStore(_db).setReviewed(
        jobId, {testName, t.failure.childJobName, t.failure.childBuildNumber, reviewed, username, ""});
}

std::vector<std::string> FailureReview::overrideClassification(const std::string& jobId, const std::string& testName,
                                                               const FailureScope& scope, const std::string& classification,
                                                               const std::string& username)
{
    std::lock_guard<std::mutex> lock(patchMutex());
    ReviewTarget t = target(jobId, testName, scope);
    const std::string signature = t.failure.failure->optValue<std::string>("error_signature", "");
    std::vector<std::string> changed;
    for (std::size_t i = 0; i < t.failure.failures->size(); ++i) {
        Poco::JSON::Object::Ptr f = t.failure.failures->getObject(static_cast<unsigned>(i));
        const bool sameGroup = f && (f == t.failure.failure ||
                                     (!signature.empty() && f->optValue<std::string>("error_signature", "") == signature));
        if (!sameGroup)
            continue;
        Poco::JSON::Object::Ptr analysis = f->getObject("analysis");
        if (!analysis) {
            analysis = new Poco::JSON::Object;
            f->set("analysis", analysis);
        }
        // What the AI said stays beside the override, so the report can say "Overridden to
        // PRODUCT BUG by alice (AI said CODE ISSUE)"; overriding back to it clears the note.
        const std::string before = analysis->optValue<std::string>("classification", "");
        const std::string aiSaid = analysis->optValue<std::string>("ai_classification", before);
        if (classification == aiSaid) {
            analysis->remove("ai_classification");
            analysis->remove("overridden_by");
        } else {
            analysis->set("ai_classification", aiSaid);
            analysis->set("overridden_by", username);
        }
        analysis->set("classification", classification);
        changed.push_back(f->optValue<std::string>("test_name", ""));
    }
    storage::ResultStore(_db).replaceDocument(jobId, toJsonText(t.result));
    storage::FailureHistoryStore(_db).reclassify(jobId, signature, t.failure.childJobName, t.failure.childBuildNumber,
                                                 classification);
    storage::ClassificationStore classifications(_db);
    const std::string parentJob = t.result->optValue<std::string>("job_name", t.row.jobName);
    for (const auto& test : changed) {
        storage::ClassificationRow row;
        row.testName = test;
        row.jobName = t.failure.childJobName;
        row.parentJobName = parentJob;
        row.classification = classification;
        row.reason = "classification override";
        row.createdBy = username;
        row.jobId = jobId;
        row.childBuildNumber = t.failure.childBuildNumber;
        row.visible = true;
        classifications.add(row);
    }
    return changed;
}

} // namespace analysis
} // namespace jji
