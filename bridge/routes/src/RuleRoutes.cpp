#include "RuleRoutes.h"

#include "jji/analysis/knowledge/FailureRules.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/bridge/access/Caller.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/RequestFields.h"
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

/// What a rule body sets; absent fields are nullopt.
struct RuleFields
{
    std::optional<std::string> name, pattern, classification, field, explanation, link;
    std::optional<bool> enabled;

    /// `base` (a new rule's defaults, or the stored rule a PUT changes) with these fields set.
    storage::RuleRow over(storage::RuleRow base) const
    {
        base.name = name.value_or(base.name);
        base.pattern = pattern.value_or(base.pattern);
        base.classification = classification.value_or(base.classification);
        base.field = field.value_or(base.field);
        base.explanation = explanation.value_or(base.explanation);
        base.link = link.value_or(base.link);
        base.enabled = enabled.value_or(base.enabled);
        return base;
    }
};

/// RuleChange of PUT /api/rules/{rule_id} (every field optional), or with `creating`,
/// RuleCreate of POST /api/rules (name, pattern and classification required).
RuleFields readRuleFields(FieldReader& reader, bool creating)
{
    RuleFields f;
    const auto& classifications = analysis::FailureRules::classifications();
    if (creating) {
        f.name = reader.requiredString("name");
        f.pattern = reader.requiredString("pattern");
        f.classification = reader.requiredLiteral("classification", classifications);
    } else {
        f.name = reader.optString("name");
        f.pattern = reader.optString("pattern");
        f.classification = reader.optLiteral("classification", classifications);
    }
    f.field = reader.optLiteral("field", analysis::FailureRules::fields());
    f.explanation = reader.optString("explanation");
    f.link = reader.optString("link");
    f.enabled = reader.optBool("enabled");
    return f;
}

RuleFields readNewRule(FieldReader& reader)
{
    return readRuleFields(reader, true);
}

RuleFields readRuleChange(FieldReader& reader)
{
    return readRuleFields(reader, false);
}

/// DryRunRequest: a pattern and how many recent failures to try it on.
struct DryRunRequest
{
    std::string pattern;
    long long lastFailures;
};

DryRunRequest readDryRun(FieldReader& reader)
{
    std::string pattern = reader.requiredString("pattern");
    return {pattern, reader.integer("last_failures", kDefaultDryRunFailures, {1, std::nullopt, kMaxDryRunFailures})};
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
    storage::RuleRow rule = readBody(ex, readNewRule).over({});
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
    storage::RuleRow rule = readBody(ex, readRuleChange).over(*stored);
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
    const DryRunRequest request = readBody(ex, readDryRun);
    auto run = checked(
        [&] { return analysis::FailureRules(context.db).dryRun(request.pattern, static_cast<int>(request.lastFailures)); });
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
    addRoute(router, context, "GET", "/api/rules", listRules, "Rules of the knowledge base (admin)")
        .admin().answers(200, "RuleList");
    addRoute(router, context, "POST", "/api/rules", createRule, "Add a rule that classifies matching failures without AI (admin)")
        .body("RuleCreate", readNewRule).admin().answers(201, "Rule").fails({409});
    addRoute(router, context, "POST", "/api/rules/dry-run", dryRun, "Which recent failures a pattern would match (admin)")
        .body("DryRunRequest", readDryRun).admin().answers(200, "RuleDryRun");
    addRoute(router, context, "GET", "/api/rules/{rule_id}", getRule, "One rule (admin)")
        .integerParam("rule_id").admin().answers(200, "Rule").fails({404});
    addRoute(router, context, "PUT", "/api/rules/{rule_id}", updateRule, "Change a rule; absent fields keep their value (admin)")
        .integerParam("rule_id").body("RuleChange", readRuleChange).admin().answers(200, "Rule").fails({404, 409});
    addRoute(router, context, "DELETE", "/api/rules/{rule_id}", deleteRule, "Delete a rule (admin)")
        .integerParam("rule_id").admin().answers(200, "RuleDeleted").fails({404});
}

} // namespace bridge
} // namespace jji
