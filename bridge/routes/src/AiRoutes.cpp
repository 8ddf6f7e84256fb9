#include "AiRoutes.h"

#include "jji/analysis/ai/AiModels.h"
#include "jji/analysis/ai/AiRequestResolver.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/trackers/CommentIntent.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/RequestFields.h"
#include "jji/bridge/http/Router.h"
#include "jji/bridge/http/ValidationErrors.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/routes/ContextRoute.h"

#include <Poco/String.h>

namespace jji {
namespace bridge {

namespace {

Poco::JSON::Array::Ptr modelsJson(const std::vector<analysis::AiModels::Model>& models)
{
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& m : models) {
        Poco::JSON::Object::Ptr o = analysis::orderedObject();
        o->set("id", m.id);
        o->set("name", m.name);
        out->add(o);
    }
    return out;
}

/// ?provider=claude: that provider's models; none: every provider's.
std::string readProvider(FieldReader& query)
{
    return Poco::toLower(Poco::trim(query.string("provider")));
}

/// CommentIntentRequest: the comment, and the job and AI to judge it with.
struct IntentQuestion
{
    std::string comment, jobId, provider, model;
};

IntentQuestion readIntentQuestion(FieldReader& reader)
{
    IntentQuestion q;
    q.comment = reader.requiredString("comment");
    q.jobId = reader.string("job_id");
    q.provider = reader.string("ai_provider");
    q.model = reader.string("ai_model");
    return q;
}

/// An unknown provider has no models (200, as the original).
void aiModels(AppContext& context, Exchange& ex)
{
    const analysis::AiModels models(context.settings);
    const std::string provider = readQuery(ex, readProvider);
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    if (!provider.empty()) {
        out->set("provider", provider);
        out->set("models", modelsJson(models.list(provider)));
    } else {
        Poco::JSON::Object::Ptr all = analysis::orderedObject();
        for (const auto& name : analysis::AiModels::providers())
            all->set(name, modelsJson(models.list(name)));
        out->set("providers", all);
    }
    ex.sendJson(200, out);
}

void analyzeCommentIntent(AppContext& context, Exchange& ex)
{
    const IntentQuestion q = readBody(ex, readIntentQuestion);
    requireAllowed(ex, context.access); // it spends an AI call
    analysis::CommentIntent::Verdict verdict;
    try {
        verdict = analysis::CommentIntent(context.settings, context.db, context.aiLimiter).judge(q.comment, q.jobId, q.provider, q.model);
    } catch (const analysis::AnalysisConfigError& e) {
        throw HttpError(400, e.what());
    }
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("suggests_reviewed", verdict.suggestsReviewed);
    out->set("reason", verdict.reason);
    ex.sendJson(200, out);
}

} // namespace

void registerAiRoutes(Router& router, AppContext& context)
{
    addRoute(router, context, "GET", "/api/ai-models", aiModels, "Models each AI provider offers (claude, cursor, gemini)")
        .query(readProvider).answers(200, "AiModels");
    addRoute(router, context, "POST", "/api/analyze-comment-intent", analyzeCommentIntent,
             "Ask the AI whether a comment means the failure was reviewed")
        .body("CommentIntentRequest", readIntentQuestion).allowed().answers(200, "CommentIntent").fails({400});
}

} // namespace bridge
} // namespace jji
