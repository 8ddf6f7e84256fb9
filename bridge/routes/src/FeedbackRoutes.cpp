#include "FeedbackRoutes.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/trackers/FeedbackIssue.h"
#include "jji/analysis/trackers/TrackerHttp.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/RequestFields.h"
#include "jji/bridge/http/Router.h"
#include "jji/bridge/http/ValidationErrors.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/routes/ContextRoute.h"

#include <Poco/JSON/Array.h>

namespace jji {
namespace bridge {

namespace {

using analysis::FeedbackIssue;
using analysis::FeedbackReport;

/// A list of strings of at most `maxChars` each and `maxItems` in all.
std::vector<std::string> textList(FieldReader& reader, const std::string& name, std::size_t maxItems, std::size_t maxChars)
{
    return reader.optStrings(name, {std::nullopt, maxItems}, maxChars).value_or(std::vector<std::string>{});
}

/// FeedbackPreviewRequest: what the web UI's feedback dialog sends.
FeedbackReport readReport(FieldReader& reader)
{
    FeedbackReport r;
    reader.string("feedback_type"); // "bug" or "feedback": the AI decides either way
    r.description = reader.requiredText("description", {1, 10000});
    r.consoleErrors = textList(reader, "console_errors", 50, 5000);
    for (FieldReader& call : reader.objectItems("failed_api_calls", "FailedApiCall")) {
        FeedbackReport::FailedCall c;
        c.status = call.integer("status", 0);
        c.endpoint = call.optString("endpoint", 500).value_or("");
        c.error = call.optString("error", 2000).value_or("");
        r.failedApiCalls.push_back(c);
    }
    if (Poco::JSON::Object::Ptr page = reader.optObject("page_state")) {
        FieldReader state = reader.nested(page, {"page_state"});
        r.pageUrl = state.optString("url", 500).value_or("");
        r.activeFilters = state.optString("active_filters", 1000).value_or("");
        r.reportId = state.optString("report_id", 200).value_or("");
    }
    r.userAgent = reader.optString("user_agent", 500).value_or("");
    return r;
}

/// FeedbackCreateRequest: the issue as the preview drafted it, maybe edited.
struct FeedbackDraft
{
    std::string title;
    std::string body;
    std::vector<std::string> labels;
};

FeedbackDraft readDraft(FieldReader& reader)
{
    FeedbackDraft draft;
    draft.title = reader.requiredText("title", {1, 500});
    draft.body = reader.requiredText("body", {1, 50000});
    draft.labels = textList(reader, "labels", 20, 50);
    return draft;
}

template <typename Action>
auto feedbackAction(Action action)
{
    try {
        return action();
    } catch (const analysis::FeedbackUnavailable& e) {
        throw HttpError(503, e.what());
    } catch (const analysis::TrackerError& e) {
        if (e.kind() == analysis::TrackerError::Kind::Unauthorized || e.upstreamStatus() == 403)
            throw HttpError(502, "GitHub token is invalid or expired");
        if (e.kind() == analysis::TrackerError::Kind::Unreachable)
            throw HttpError(502, std::string("GitHub API unreachable: ") + e.what());
        throw HttpError(502, "GitHub API error: " + std::to_string(e.upstreamStatus()));
    }
}

Poco::JSON::Array::Ptr labelsJson(const std::vector<std::string>& labels)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& label : labels)
        out->add(label);
    return out;
}

void preview(AppContext& context, Exchange& ex)
{
    const FeedbackReport report = readBody(ex, readReport);
    requireAllowed(ex, context.access); // it spends an AI call
    const FeedbackIssue::Draft draft =
        feedbackAction([&] { return FeedbackIssue(context.settings, context.db, context.aiLimiter).preview(report); });
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("title", draft.title);
    out->set("body", draft.body);
    out->set("labels", labelsJson(draft.labels));
    ex.sendJson(200, out);
}

void create(AppContext& context, Exchange& ex)
{
    const FeedbackDraft draft = readBody(ex, readDraft);
    const std::string& title = draft.title;
    const std::string& text = draft.body;
    const std::vector<std::string>& labels = draft.labels;
    requireAllowed(ex, context.access); // it files an issue with the server's token
    const FeedbackIssue::Filed filed =
        feedbackAction([&] { return FeedbackIssue(context.settings, context.db, context.aiLimiter).create(title, text, labels); });
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("issue_url", filed.url);
    out->set("issue_number", filed.number);
    out->set("title", filed.title);
    ex.sendJson(201, out);
}

} // namespace

void registerFeedbackRoutes(Router& router, AppContext& context)
{
    addRoute(router, context, "POST", "/api/feedback/preview", preview, "Draft a GitHub issue from web UI feedback (AI)")
        .body("FeedbackPreviewRequest", readReport).allowed().answers(200, "FeedbackPreview").fails({502, 503});
    addRoute(router, context, "POST", "/api/feedback/create", create, "File web UI feedback as a GitHub issue")
        .body("FeedbackCreateRequest", readDraft).allowed().answers(201, "FeedbackIssue").fails({502, 503});
}

} // namespace bridge
} // namespace jji
