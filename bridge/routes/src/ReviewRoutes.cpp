#include "ReviewRoutes.h"

#include "jji/analysis/junit/FailureLocator.h"
#include "jji/analysis/review/FailureReview.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/model/Model.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/routes/ContextRoute.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FailureTargetReader.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/RequestFields.h"
#include "jji/bridge/views/ResultViews.h"
#include "jji/bridge/http/Router.h"
#include "jji/storage/CommentStore.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>

namespace jji {
namespace bridge {

namespace {

Poco::JSON::Object::Ptr commentJson(const storage::CommentRow& c)
{
    Poco::JSON::Object::Ptr o = analysis::orderedObject();
    o->set("id", c.id);
    o->set("job_id", c.jobId);
    o->set("test_name", c.testName);
    o->set("child_job_name", c.childJobName);
    o->set("child_build_number", c.childBuildNumber);
    o->set("comment", c.comment);
    o->set("error_signature", c.errorSignature);
    o->set("username", c.username);
    o->set("created_at", c.createdAt);
    return o;
}

void listComments(AppContext& context, Exchange& ex)
{
    const std::string& jobId = ex.pathParam("job_id");
    storage::CommentStore store(context.db);
    Poco::JSON::Array::Ptr comments = new Poco::JSON::Array;
    for (const auto& c : store.forJob(jobId))
        comments->add(commentJson(c));
    Poco::JSON::Object::Ptr reviews = analysis::orderedObject();
    for (const auto& r : store.reviews(jobId)) {
        Poco::JSON::Object::Ptr o = analysis::orderedObject();
        o->set("reviewed", r.reviewed);
        o->set("username", r.username);
        o->set("updated_at", r.updatedAt);
        reviews->set(analysis::reviewKey(r.testName, r.childJobName, r.childBuildNumber), o);
    }
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("comments", comments);
    out->set("reviews", reviews);
    ex.sendJson(200, out);
}

/// AddCommentRequest: the failure and the comment.
struct NewComment
{
    FailureTarget target;
    std::string text;
};

NewComment readNewComment(FieldReader& reader)
{
    NewComment c{FailureTarget::read(reader), reader.requiredString("comment")};
    if (reader.has("comment") && reader.object()->get("comment").isString() && Poco::trim(c.text).empty())
        reader.errors().add("value_error", reader.at("comment"), "Value error, comment must not be blank", c.text);
    return c;
}

struct ReviewedChange
{
    FailureTarget target;
    bool reviewed = false;
};

ReviewedChange readReviewedChange(FieldReader& reader)
{
    FailureTarget target = FailureTarget::read(reader);
    return {target, reader.requiredBool("reviewed")};
}

struct ClassificationChange
{
    FailureTarget target;
    std::string classification;
};

ClassificationChange readClassificationChange(FieldReader& reader)
{
    FailureTarget target = FailureTarget::read(reader);
    return {target, reader.requiredLiteral("classification", analysis::classifications()).value_or("")};
}

void addComment(AppContext& context, Exchange& ex)
{
    const NewComment comment = readBody(ex, readNewComment);
    comment.target.checkScope(FailureTarget::ChildRule::AnyBuild);
    const FailureTarget& target = comment.target;
    const std::string& text = comment.text;
    const Caller caller = requireAllowed(ex, context.access);
    const auto created = reviewAction([&] {
        return analysis::FailureReview(context.db)
            .addComment(ex.pathParam("job_id"), target.testName, target.scope, text, caller.username);
    });
    context.notifier.mentioned(created.mentioned, caller.username, ex.pathParam("job_id"), target.testName, text);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("id", created.id);
    ex.sendJson(201, out);
}

void deleteComment(AppContext& context, Exchange& ex)
{
    const std::string& jobId = ex.pathParam("job_id");
    const long long commentId = ex.pathInt("comment_id");
    const Caller caller = requireAllowed(ex, context.access); // 403 before 401, as the original
    if (!caller.admin && caller.username.empty())
        throw HttpError(401, "Username required: set the jji_username cookie");
    storage::CommentStore store(context.db);
    auto comment = store.find(jobId, commentId);
    // Someone else's comment reads as absent: its existence is none of the caller's business.
    if (!comment || (!caller.admin && comment->username != caller.username))
        throw HttpError(404, "Comment not found");
    store.remove(jobId, commentId);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("status", "deleted");
    ex.sendJson(200, out);
}

void setReviewed(AppContext& context, Exchange& ex)
{
    const ReviewedChange change = readBody(ex, readReviewedChange);
    change.target.checkScope(FailureTarget::ChildRule::AnyBuild);
    const FailureTarget& target = change.target;
    const bool reviewed = change.reviewed;
    const Caller caller = requireAllowed(ex, context.access);
    reviewAction([&] {
        analysis::FailureReview(context.db).setReviewed(ex.pathParam("job_id"), target.testName, target.scope, reviewed,
                                                        caller.username);
    });
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("status", "ok");
    out->set("reviewed_by", caller.username);
    ex.sendJson(200, out);
}

void reviewStatus(AppContext& context, Exchange& ex)
{
    const std::string& jobId = ex.pathParam("job_id");
    auto row = context.results.find(jobId);
    storage::CommentStore store(context.db);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("total_failures", row ? analysis::countFailures(publicResult(*row)) : 0);
    out->set("reviewed_count", row ? store.reviewedCount(jobId) : 0);
    out->set("comment_count", row ? store.commentCount(jobId) : 0);
    ex.sendJson(200, out);
}

void overrideClassification(AppContext& context, Exchange& ex)
{
    const ClassificationChange change = readBody(ex, readClassificationChange);
    change.target.checkScope(FailureTarget::ChildRule::BuildRequired);
    const FailureTarget& target = change.target;
    const std::string& classification = change.classification;
    const Caller caller = requireAllowed(ex, context.access);
    reviewAction([&] {
        return analysis::FailureReview(context.db)
            .overrideClassification(ex.pathParam("job_id"), target.testName, target.scope, classification, caller.username);
    });
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("status", "ok");
    out->set("classification", classification);
    ex.sendJson(200, out);
}

} // namespace

void registerReviewRoutes(Router& router, AppContext& context)
{
    addRoute(router, context, "GET", "/results/{job_id}/comments", listComments, "Comments and review states of a job")
        .answers(200, "CommentList");
    addRoute(router, context, "POST", "/results/{job_id}/comments", addComment, "Comment on a failure")
        .body("AddCommentRequest", readNewComment).allowed().answers(201, "CreatedId").fails({202, 404, 409});
    addRoute(router, context, "DELETE", "/results/{job_id}/comments/{comment_id}", deleteComment, "Delete a comment (own; admins any)")
        .integerParam("comment_id").user().answers(200, "Status").fails({404});
    addRoute(router, context, "PUT", "/results/{job_id}/reviewed", setReviewed, "Set a failure's reviewed state")
        .body("SetReviewedRequest", readReviewedChange).allowed().answers(200, "ReviewedState").fails({202, 404, 409});
    addRoute(router, context, "GET", "/results/{job_id}/review-status", reviewStatus, "Review counters of a job")
        .answers(200, "ReviewStatus");
    addRoute(router, context, "PUT", "/results/{job_id}/override-classification", overrideClassification,
             "Override the classification of a failure's error-signature group")
        .body("OverrideClassificationRequest", readClassificationChange).allowed()
        .answers(200, "ClassificationOverride").fails({202, 404, 409});
}

} // namespace bridge
} // namespace jji
