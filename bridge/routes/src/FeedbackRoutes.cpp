#include "FeedbackRoutes.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/trackers/FeedbackIssue.h"
#include "jji/analysis/trackers/TrackerHttp.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"
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

/// A string of min..max characters; absent: `fallback` unless required.
std::string boundedText(FieldReader& reader, const std::string& name, std::size_t min, std::size_t max, bool required)
{
    if (required && !reader.has(name)) {
        reader.requiredString(name); // reports it missing
        return "";
    }
    const std::string text = reader.optString(name, max).value_or("");
    if (reader.has(name) && !reader.isNull(name) && text.size() < min && reader.object()->get(name).isString())
        reader.errors().add("string_too_short", reader.at(name),
                            "String should have at least " + std::to_string(min) + " character" + (min == 1 ? "" : "s"), text);
    return text;
}

/// A list of strings of at most `maxChars` each and `maxItems` in all.
std::vector<std::string> textList(FieldReader& reader, const std::string& name, std::size_t maxItems, std::size_t maxChars)
{
    std::vector<std::string> out;
    Poco::JSON::Array::Ptr items = reader.optArray(name);
    if (!items)
        return out;
    if (items->size() > maxItems) {
        reader.errors().add("too_long", reader.at(name),
                            "List should have at most " + std::to_string(maxItems) + " items after validation, not " +
                                std::to_string(items->size()),
                            Poco::Dynamic::Var());
        return out;
    }
    Poco::JSON::Object::Ptr wrapper = new Poco::JSON::Object;
    for (std::size_t i = 0; i < items->size(); ++i) {
        wrapper->set(std::to_string(i), items->get(i));
        FieldReader item = reader.nested(wrapper, {name});
        if (auto text = item.optString(std::to_string(i), maxChars))
            out.push_back(*text);
    }
    return out;
}

FeedbackReport readReport(Exchange& ex)
{
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    FeedbackReport r;
    reader.string("feedback_type"); // "bug" or "feedback": the AI decides either way
    r.description = boundedText(reader, "description", 1, 10000, true);
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
    errors.raiseIfAny();
    return r;
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
    const FeedbackReport report = readReport(ex);
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
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    const std::string title = boundedText(reader, "title", 1, 500, true);
    const std::string text = boundedText(reader, "body", 1, 50000, true);
    const std::vector<std::string> labels = textList(reader, "labels", 20, 50);
    errors.raiseIfAny();
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
    addRoute(router, context, "POST", "/api/feedback/preview", preview, "Draft a GitHub issue from web UI feedback (AI)");
    addRoute(router, context, "POST", "/api/feedback/create", create, "File web UI feedback as a GitHub issue");
}

} // namespace bridge
} // namespace jji
