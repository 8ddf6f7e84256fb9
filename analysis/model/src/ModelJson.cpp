#include "jji/analysis/model/ModelJson.h"

#include "jji/analysis/model/JsonText.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>

#include <algorithm>

namespace jji {
namespace analysis {

namespace {

Poco::JSON::Array::Ptr stringArray(const std::vector<std::string>& items)
{
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    for (const auto& item : items)
        array->add(item);
    return array;
}

std::vector<std::string> stringList(const Poco::JSON::Object::Ptr& o, const std::string& name)
{
    std::vector<std::string> out;
    Poco::JSON::Array::Ptr array = o ? o->getArray(name) : nullptr;
    if (!array)
        return out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        Poco::Dynamic::Var v = array->get(static_cast<unsigned>(i));
        if (v.isString() || v.isNumeric())
            out.push_back(v.convert<std::string>());
    }
    return out;
}

/// A string member, or nullopt when it is absent or not a string.
std::optional<std::string> optionalString(const Poco::JSON::Object::Ptr& o, const std::string& name)
{
    if (!o->has(name) || !o->get(name).isString())
        return std::nullopt;
    return o->getValue<std::string>(name);
}

/// What the AI proposed; tests_repo_matches are never taken from an answer (they come
/// from the tests repository's search after the analysis).
CodeFix codeFixFromJson(const Poco::JSON::Object::Ptr& fix)
{
    CodeFix c;
    c.file = textField(fix, "file");
    c.line = textField(fix, "line");
    c.change = textField(fix, "change");
    c.originalCode = optionalString(fix, "original_code");
    c.suggestedCode = optionalString(fix, "suggested_code");
    for (const auto& keyword : stringList(fix, "tests_repo_search_keywords")) {
        const std::string trimmed = Poco::trim(keyword);
        const auto& kept = c.testsRepoSearchKeywords;
        if (!trimmed.empty() && std::find(kept.begin(), kept.end(), trimmed) == kept.end())
            c.testsRepoSearchKeywords.push_back(trimmed);
    }
    return c;
}

} // namespace

Poco::JSON::Object::Ptr toJson(const JiraMatch& m)
{
    Poco::JSON::Object::Ptr match = orderedObject();
    match->set("key", m.key);
    match->set("summary", m.summary);
    match->set("status", m.status);
    match->set("priority", m.priority);
    match->set("url", m.url);
    match->set("score", m.score);
    return match;
}

Poco::JSON::Object::Ptr toJson(const SimilarIssue& issue)
{
    Poco::JSON::Object::Ptr o = orderedObject();
    o->set("number", issue.number > 0 ? Poco::Dynamic::Var(issue.number) : Poco::Dynamic::Var());
    o->set("key", issue.key);
    o->set("title", issue.title);
    o->set("url", issue.url);
    o->set("status", issue.status);
    return o;
}

Poco::JSON::Object::Ptr toJson(const CodeFix& fix)
{
    auto optionalText = [](const std::optional<std::string>& text) {
        return text ? Poco::Dynamic::Var(*text) : Poco::Dynamic::Var();
    };
    Poco::JSON::Object::Ptr o = orderedObject();
    o->set("file", fix.file);
    o->set("line", fix.line);
    o->set("change", fix.change);
    o->set("original_code", optionalText(fix.originalCode));
    o->set("suggested_code", optionalText(fix.suggestedCode));
    o->set("tests_repo_search_keywords", stringArray(fix.testsRepoSearchKeywords));
    Poco::JSON::Array::Ptr matches = new Poco::JSON::Array;
    for (const auto& m : fix.testsRepoMatches)
        matches->add(toJson(m));
    o->set("tests_repo_matches", matches);
    return o;
}

Poco::JSON::Object::Ptr toJson(const AnalysisDetail& d)
{
    Poco::JSON::Object::Ptr o = orderedObject();
    o->set("classification", d.classification);
    o->set("affected_tests", stringArray(d.affectedTests));
    o->set("details", d.details);
    o->set("artifacts_evidence", d.artifactsEvidence);
    if (d.codeFix) {
        o->set("code_fix", toJson(*d.codeFix));
    } else {
        o->set("code_fix", false);
    }
    if (d.productBugReport) {
        const auto& b = *d.productBugReport;
        Poco::JSON::Object::Ptr bug = orderedObject();
        bug->set("title", b.title);
        bug->set("severity", b.severity);
        bug->set("component", b.component);
        bug->set("description", b.description);
        bug->set("evidence", b.evidence);
        bug->set("jira_search_keywords", stringArray(b.jiraSearchKeywords));
        Poco::JSON::Array::Ptr matches = new Poco::JSON::Array;
        for (const auto& m : b.jiraMatches)
            matches->add(toJson(m));
        bug->set("jira_matches", matches);
        o->set("product_bug_report", bug);
    } else {
        o->set("product_bug_report", false);
    }
    return o;
}

Poco::JSON::Object::Ptr toJson(const FailureAnalysis& f)
{
    return toJson(f, toJson(f.analysis));
}

Poco::JSON::Object::Ptr toJson(const FailureAnalysis& f, const Poco::JSON::Object::Ptr& analysisJson)
{
    Poco::JSON::Object::Ptr o = orderedObject();
    o->set("test_name", f.testName);
    o->set("error", f.error);
    o->set("analysis", analysisJson);
    o->set("error_signature", f.errorSignature);
    o->set("signature_text", f.signatureText);
    o->set("peer_debate", f.peerDebate ? Poco::Dynamic::Var(toJson(*f.peerDebate)) : Poco::Dynamic::Var());
    if (!f.origin.classifiedBy.empty())
        o->set("classified_by", f.origin.classifiedBy);
    if (f.origin.reused()) {
        Poco::JSON::Object::Ptr from = orderedObject();
        from->set("job_id", f.origin.jobId);
        from->set("test_name", f.origin.testName);
        from->set("confirmed_by", f.origin.confirmedBy);
        from->set("confirmed_at", f.origin.confirmedAt);
        o->set("reused_from", from);
    }
    return o;
}

Poco::JSON::Object::Ptr toJson(const PeerDebateTrail& d)
{
    auto config = [](const AiConfig& c) {
        Poco::JSON::Object::Ptr o = orderedObject();
        o->set("ai_provider", c.provider);
        o->set("ai_model", c.model);
        return o;
    };
    Poco::JSON::Object::Ptr o = orderedObject();
    o->set("consensus_reached", d.consensusReached);
    o->set("rounds_used", d.roundsUsed);
    o->set("max_rounds", d.maxRounds);
    Poco::JSON::Array::Ptr configs = new Poco::JSON::Array;
    for (const auto& c : d.aiConfigs)
        configs->add(config(c));
    o->set("ai_configs", configs);
    Poco::JSON::Array::Ptr rounds = new Poco::JSON::Array;
    for (const auto& t : d.rounds) {
        Poco::JSON::Object::Ptr r = orderedObject();
        r->set("round", t.round);
        r->set("ai_provider", t.ai.provider);
        r->set("ai_model", t.ai.model);
        r->set("role", t.role);
        r->set("classification", t.classification);
        r->set("details", t.details);
        r->set("agrees_with_orchestrator",
               t.agreesWithOrchestrator < 0 ? Poco::Dynamic::Var() : Poco::Dynamic::Var(t.agreesWithOrchestrator == 1));
        rounds->add(r);
    }
    o->set("rounds", rounds);
    return o;
}

Poco::JSON::Object::Ptr toJson(const TokenUsage& u)
{
    Poco::JSON::Object::Ptr o = orderedObject();
    o->set("input_tokens", u.inputTokens);
    o->set("output_tokens", u.outputTokens);
    o->set("cache_read_tokens", u.cacheReadTokens);
    o->set("cache_write_tokens", u.cacheWriteTokens);
    // An unknown price is no price, not a free call.
    o->set("total_cost_usd", u.costSource == "unknown" ? Poco::Dynamic::Var() : Poco::Dynamic::Var(u.costUsd));
    o->set("cost_source", u.costSource.empty() ? "unknown" : u.costSource);
    o->set("duration_ms", u.durationMs);
    return o;
}

std::vector<JiraMatch> jiraMatchesOf(const Poco::JSON::Object::Ptr& analysis)
{
    std::vector<JiraMatch> out;
    Poco::JSON::Object::Ptr bug = analysis && analysis->isObject("product_bug_report") ? analysis->getObject("product_bug_report") : nullptr;
    Poco::JSON::Array::Ptr matches = bug ? bug->getArray("jira_matches") : nullptr;
    for (std::size_t i = 0; matches && i < matches->size(); ++i) {
        Poco::JSON::Object::Ptr m = matches->getObject(static_cast<unsigned>(i));
        if (!m)
            continue;
        JiraMatch match;
        match.key = textField(m, "key");
        match.summary = textField(m, "summary");
        match.status = textField(m, "status");
        match.priority = textField(m, "priority");
        match.url = textField(m, "url");
        const Poco::Dynamic::Var score = m->get("score");
        match.score = score.isNumeric() ? score.convert<double>() : 0.0;
        out.push_back(match);
    }
    return out;
}

Poco::JSON::Object::Ptr tokenUsageSummary(const std::vector<TokenUsage>& calls, const AiConfig& mainAi)
{
    TokenUsage total;
    bool everyCostKnown = true;
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& call : calls) {
        total += call;
        // A CLI that reported nothing, or a model without a price, has no cost: not a free call.
        const bool costKnown = call.reported && call.costSource != "unknown";
        everyCostKnown = everyCostKnown && costKnown;
        Poco::JSON::Object::Ptr o = orderedObject();
        o->set("provider", call.ai.provider.empty() ? mainAi.provider : call.ai.provider);
        o->set("model", call.ai.provider.empty() ? mainAi.model : call.ai.model);
        o->set("call_type", call.callType);
        o->set("input_tokens", call.inputTokens);
        o->set("output_tokens", call.outputTokens);
        o->set("cache_read_tokens", call.cacheReadTokens);
        o->set("cache_write_tokens", call.cacheWriteTokens);
        o->set("total_tokens", call.inputTokens + call.outputTokens);
        o->set("cost_usd", costKnown ? Poco::Dynamic::Var(call.costUsd) : Poco::Dynamic::Var());
        o->set("duration_ms", call.durationMs);
        list->add(o);
    }
    Poco::JSON::Object::Ptr o = orderedObject();
    o->set("total_input_tokens", total.inputTokens);
    o->set("total_output_tokens", total.outputTokens);
    o->set("total_cache_read_tokens", total.cacheReadTokens);
    o->set("total_cache_write_tokens", total.cacheWriteTokens);
    o->set("total_tokens", total.inputTokens + total.outputTokens);
    o->set("total_cost_usd", everyCostKnown && !calls.empty() ? Poco::Dynamic::Var(total.costUsd) : Poco::Dynamic::Var());
    o->set("total_duration_ms", total.durationMs);
    o->set("total_calls", static_cast<long long>(calls.size()));
    o->set("calls", list);
    o->set("cost_source", total.costSource.empty() || !total.reported ? "unknown" : total.costSource);
    return o;
}

AnalysisDetail analysisDetailFromJson(const Poco::JSON::Object::Ptr& o)
{
    AnalysisDetail d;
    if (!o)
        return d;
    d.classification = canonicalClassification(textField(o, "classification"));
    d.affectedTests = stringList(o, "affected_tests");
    d.details = textField(o, "details");
    d.artifactsEvidence = textField(o, "artifacts_evidence");
    if (Poco::JSON::Object::Ptr fix = o->getObject("code_fix"))
        d.codeFix = std::make_shared<const CodeFix>(codeFixFromJson(fix));
    if (Poco::JSON::Object::Ptr bug = o->getObject("product_bug_report")) {
        ProductBugReport b;
        b.title = textField(bug, "title");
        b.severity = textField(bug, "severity");
        b.component = textField(bug, "component");
        b.description = textField(bug, "description");
        b.evidence = textField(bug, "evidence");
        b.jiraSearchKeywords = stringList(bug, "jira_search_keywords");
        d.productBugReport = std::make_shared<const ProductBugReport>(std::move(b));
    }
    return d;
}

} // namespace analysis
} // namespace jji
