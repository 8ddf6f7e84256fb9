#include "RuleRoutes.h"

#include "jji/analysis/knowledge/FailureRules.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/ValidationErrors.h"
#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/routes/ContextRoute.h"

#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>

namespace jji {
namespace bridge {

namespace {

constexpr long long kDefaultDryRunFailures = 500;
constexpr long long kMaxDryRunFailures = 10000;

Poco::JSON::Object::Ptr ruleJson(const storage::RuleRow& r)
{
    Poco::JSON::Object::Ptr o = analysis::orderedObject();
    o->set("id", r.id);
    o->set("name", r.name);
    o->set("pattern", r.pattern);
    o->set("field", r.field);
    o->set("classification", r.classification);
    o->set("explanation", r.explanation);
    o->set("link", r.link);
    o->set("enabled", r.enabled);
    o->set("origin", r.origin);
    o->set("hit_count", r.hitCount);
    o->set("last_hit_at", r.lastHitAt.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.lastHitAt));
    o->set("created_by", r.createdBy);
    o->set("created_at", r.createdAt);
    o->set("updated_at", r.updatedAt);
    return o;
}

/// The rule a body describes, over `base` (a new rule's defaults, or the stored rule a PUT
/// changes): fields absent from the body keep their value.
storage::RuleRow readRule(Exchange& ex, storage::RuleRow base, bool creating)
{
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    if (creating) {
        base.name = reader.requiredString("name");
        base.pattern = reader.requiredString("pattern");
        base.classification = reader.optLiteral("classification", analysis::FailureRules::classifications()).value_or("");
        if (!reader.has("classification"))
            errors.add("missing", {"body", "classification"}, "Field required", body);
    } else {
        base.name = reader.optString("name").value_or(base.name);
        base.pattern = reader.optString("pattern").value_or(base.pattern);
        base.classification =
            reader.optLiteral("classification", analysis::FailureRules::classifications()).value_or(base.classification);
    }
    base.field = reader.optLiteral("field", analysis::FailureRules::fields()).value_or(base.field);
    base.explanation = reader.optString("explanation").value_or(base.explanation);
    base.link = reader.optString("link").value_or(base.link);
    base.enabled = reader.optBool("enabled").value_or(base.enabled);
    errors.raiseIfAny();
    return base;
}

/// Runs a change of the rules, mapping a rule that cannot be stored to 422 and a taken name to 409.
template <typename Change>
auto checked(Change change) -> decltype(change())
{
    try {
        return change();
    } catch (const analysis::RuleInvalid& e) {
        ValidationErrors::fail("value_error", {"body", e.field()}, std::string("Value error, ") + e.what(), Poco::Dynamic::Var());
    } catch (const analysis::RuleNameTaken& e) {
        throw HttpError(409, e.what());
    }
}

void listRules(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    Poco::JSON::Array::Ptr rules = new Poco::JSON::Array;
    for (const auto& r : analysis::FailureRules(context.db).list())
        rules->add(ruleJson(r));
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("rules", rules);
    ex.sendJson(200, out);
}

void getRule(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    auto rule = storage::RuleStore(context.db).find(ex.pathInt("rule_id"));
    if (!rule)
        throw HttpError(404, "Rule not found");
    ex.sendJson(200, ruleJson(*rule));
}

void createRule(AppContext& context, Exchange& ex)
{
    const Caller caller = requireAdmin(ex, context.access);
    storage::RuleRow rule = readRule(ex, {}, true);
    storage::RuleRow created = checked([&] { return analysis::FailureRules(context.db).create(rule, caller.username); });
    Poco::Logger::get("jji.rules").information("admin '%s' added rule %s", caller.username, std::to_string(created.id));
    ex.sendJson(201, ruleJson(created));
}

void updateRule(AppContext& context, Exchange& ex)
{
    const Caller caller = requireAdmin(ex, context.access);
    const long long id = ex.pathInt("rule_id");
    auto stored = storage::RuleStore(context.db).find(id);
    if (!stored)
        throw HttpError(404, "Rule not found");
    storage::RuleRow rule = readRule(ex, *stored, false);
    auto updated = checked([&] { return analysis::FailureRules(context.db).update(id, rule); });
    if (!updated)
        throw HttpError(404, "Rule not found");
    Poco::Logger::get("jji.rules").information("admin '%s' changed rule %s", caller.username, std::to_string(id));
    ex.sendJson(200, ruleJson(*updated));
}

void deleteRule(AppContext& context, Exchange& ex)
{
    const Caller caller = requireAdmin(ex, context.access);
    const long long id = ex.pathInt("rule_id");
    if (!analysis::FailureRules(context.db).remove(id))
        throw HttpError(404, "Rule not found");
    Poco::Logger::get("jji.rules").information("admin '%s' deleted rule %s", caller.username, std::to_string(id));
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("deleted", true);
    out->set("id", id);
    ex.sendJson(200, out);
}

void dryRun(AppContext& context, Exchange& ex)
{
    requireAdmin(ex, context.access);
    Poco::JSON::Object::Ptr body = ex.jsonObject();
    ValidationErrors errors;
    FieldReader reader(body, {"body"}, errors);
    const std::string pattern = reader.requiredString("pattern");
    const long long last = reader.optInt("last_failures", {1, std::nullopt, kMaxDryRunFailures}).value_or(kDefaultDryRunFailures);
    errors.raiseIfAny();
    auto run = checked([&] { return analysis::FailureRules(context.db).dryRun(pattern, static_cast<int>(last)); });
    Poco::JSON::Array::Ptr matches = new Poco::JSON::Array;
    for (const auto& m : run.matches) {
        Poco::JSON::Object::Ptr o = analysis::orderedObject();
        o->set("job_id", m.jobId);
        o->set("job_name", m.jobName);
        o->set("build_number", m.buildNumber);
        o->set("test_name", m.testName);
        o->set("error", m.errorMessage);
        o->set("analyzed_at", m.analyzedAt);
        matches->add(o);
    }
    Poco::JSON::Object::Ptr out = analysis::orderedObject();
    out->set("scanned", run.scanned);
    out->set("matched", static_cast<long long>(run.matches.size()));
    out->set("limit_hits", run.limitHits);
    out->set("matches", matches);
    ex.sendJson(200, out);
}

} // namespace

void registerRuleRoutes(Router& router, AppContext& context)
{
    addRoute(router, context, "GET", "/api/rules", listRules, "Rules of the knowledge base (admin)");
    addRoute(router, context, "POST", "/api/rules", createRule, "Add a rule that classifies matching failures without AI (admin)");
    addRoute(router, context, "POST", "/api/rules/dry-run", dryRun, "Which recent failures a pattern would match (admin)");
    addRoute(router, context, "GET", "/api/rules/{rule_id}", getRule, "One rule (admin)");
    addRoute(router, context, "PUT", "/api/rules/{rule_id}", updateRule, "Change a rule; absent fields keep their value (admin)");
    addRoute(router, context, "DELETE", "/api/rules/{rule_id}", deleteRule, "Delete a rule (admin)");
}

} // namespace bridge
} // namespace jji
