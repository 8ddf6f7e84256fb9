#include "AiRoutes.h"

#include "jji/analysis/ai/AiModels.h"
#include "jji/analysis/ai/AiRequestResolver.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/trackers/CommentIntent.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"
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

/// ?provider=claude: that provider's models; none: every provider's. An unknown provider
/// has no models (200, as the original).
void aiModels(AppContext& context, Exchange& ex)
{
    const analysis::AiModels models(context.settings);
    const std::string provider = Poco::toLower(Poco::trim(ex.query("provider").value_or("")));
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
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    const std::string comment = reader.requiredString("comment");
    const std::string jobId = reader.string("job_id");
    const std::string provider = reader.optString("ai_provider").value_or("");
    const std::string model = reader.optString("ai_model").value_or("");
    errors.raiseIfAny();
    requireAllowed(ex, context.access); // it spends an AI call
    analysis::CommentIntent::Verdict verdict;
    try {
        verdict = analysis::CommentIntent(context.settings, context.db, context.aiLimiter).judge(comment, jobId, provider, model);
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
    addRoute(router, context, "GET", "/api/ai-models", aiModels, "Models each AI provider offers (claude, cursor, gemini)");
    addRoute(router, context, "POST", "/api/analyze-comment-intent", analyzeCommentIntent,
             "Ask the AI whether a comment means the failure was reviewed");
}

} // namespace bridge
} // namespace jji
