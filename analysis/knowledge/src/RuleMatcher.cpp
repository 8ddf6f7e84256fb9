#include "jji/analysis/knowledge/RuleMatcher.h"

#include <Poco/Logger.h>

namespace jji {
namespace analysis {

RuleMatcher::RuleMatcher(const std::vector<storage::RuleRow>& rules)
{
    for (const auto& rule : rules) {
        if (!rule.enabled)
            continue;
        try {
            _rules.push_back({rule, RulePattern(rule.pattern)});
        } catch (const RulePatternError& e) {
            // Only reachable for rows written around the checks (by hand in the database).
            Poco::Logger::get("jji.rules").warning("rule %s skipped, its pattern does not compile: %s", std::to_string(rule.id),
                                                   std::string(e.what()));
        }
    }
}

const storage::RuleRow* RuleMatcher::match(const TestFailure& failure, const std::string& console) const
{
    for (const auto& c : _rules) {
        const std::string& field = c.rule.field;
        auto hit = [&](const std::string& subject) {
            const RulePattern::Match m = c.pattern.match(subject);
            if (m == RulePattern::Match::LimitHit)
                Poco::Logger::get("jji.rules").warning("rule %s gave up on a failure (match limit reached)", std::to_string(c.rule.id));
            return m == RulePattern::Match::Yes;
        };
        const bool any = field == "any";
        if (((any || field == "message") && hit(failure.errorMessage)) ||
            ((any || field == "trace") && !failure.stackTrace.empty() && hit(failure.stackTrace)) ||
            ((any || field == "console") && !console.empty() && hit(console)))
            return &c.rule;
    }
    return nullptr;
}

AnalysisDetail RuleMatcher::detailFor(const storage::RuleRow& rule)
{
    AnalysisDetail detail;
    detail.classification = rule.classification;
    detail.details = "Classified by the rule '" + rule.name + "' of the knowledge base (no AI call): " + rule.explanation;
    if (!rule.link.empty())
        detail.details += " See " + rule.link;
    return detail;
}

} // namespace analysis
} // namespace jji
