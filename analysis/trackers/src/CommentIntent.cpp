#include "jji/analysis/trackers/CommentIntent.h"

#include "jji/analysis/ai/AiProvider.h"
#include "jji/analysis/ai/AiRequestResolver.h"
#include "jji/analysis/trackers/AiQuestion.h"
#include "jji/storage/ResultStore.h"

#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

namespace jji {
namespace analysis {

namespace {

/// The provider and model the stored analysis of `jobId` used, for those the caller left out.
void fillFromStoredRequest(storage::Database& db, const std::string& jobId, Poco::JSON::Object::Ptr params)
{
    if (jobId.empty() || (params->has("ai_provider") && params->has("ai_model")))
        return;
    auto row = storage::ResultStore(db).find(jobId);
    if (!row || row->resultJson.empty())
        return;
    try {
        Poco::JSON::Object::Ptr result = Poco::JSON::Parser().parse(row->resultJson).extract<Poco::JSON::Object::Ptr>();
        Poco::JSON::Object::Ptr stored = result ? result->getObject("request_params") : nullptr;
        for (const char* name : {"ai_provider", "ai_model"})
            if (stored && !params->has(name) && !Poco::trim(stored->optValue<std::string>(name, "")).empty())
                params->set(name, Poco::trim(stored->getValue<std::string>(name)));
    } catch (const std::exception&) {
        // an unreadable stored document: the server's settings decide
    }
}

} // namespace

std::string CommentIntent::prompt(const std::string& comment)
{
    return "You are analyzing a comment left on a test failure report.\n"
           "Does this comment imply the failure has been reviewed or resolved?\n\n"
           "Examples that SUGGEST reviewed/resolved:\n"
           "- Bug filed with a link (e.g., \"Filed JIRA-123 for this\")\n"
           "- Root cause identified (e.g., \"This is caused by the config change in PR #456\")\n"
           "- Known issue noted (e.g., \"Known flaky test, tracked in BUG-789\")\n"
           "- Fix merged (e.g., \"Fixed in commit abc123\")\n\n"
           "Examples that DO NOT suggest reviewed/resolved:\n"
           "- Asking for more info (e.g., \"Can someone check the logs?\")\n"
           "- Sharing logs for context (e.g., \"Here's the full stack trace: ...\")\n"
           "- Linking docs (e.g., \"See the troubleshooting guide: ...\")\n"
           "- General discussion (e.g., \"This started happening after the last deploy\")\n\n"
           "Comment:\n" +
           comment +
           "\n\nRespond with ONLY a JSON object:\n"
           "{\"suggests_reviewed\": true/false, \"reason\": \"brief explanation\"}";
}

CommentIntent::Verdict CommentIntent::judge(const std::string& comment, const std::string& jobId,
                                            const std::string& provider, const std::string& model)
{
    Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
    if (!Poco::trim(provider).empty())
        params->set("ai_provider", Poco::trim(provider));
    if (!Poco::trim(model).empty())
        params->set("ai_model", Poco::trim(model));
    fillFromStoredRequest(_db, jobId, params);
    AiRequest ai = resolveAiRequest(params, _settings); // AnalysisConfigError: nothing configured
    ai.timeout = std::min(ai.timeout, std::chrono::milliseconds(std::chrono::minutes(2)));
    std::string error;
    const std::string answer = askAiOnce(_settings, _db, _limiter, ai, prompt(comment), "comment-intent", "comment_intent", error);

    Verdict verdict;
    Poco::JSON::Object::Ptr o = error.empty() ? AiProvider::extractJsonObject(answer) : nullptr;
    if (!o)
        return verdict;
    const Poco::Dynamic::Var flag = o->get("suggests_reviewed");
    verdict.suggestsReviewed = flag.isBoolean() ? flag.extract<bool>() : false;
    const Poco::Dynamic::Var reason = o->get("reason");
    verdict.reason = reason.isString() ? reason.extract<std::string>() : "";
    return verdict;
}

} // namespace analysis
} // namespace jji
