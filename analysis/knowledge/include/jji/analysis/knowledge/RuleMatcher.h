#ifndef JJI_ANALYSIS_KNOWLEDGE_RULEMATCHER_H
#define JJI_ANALYSIS_KNOWLEDGE_RULEMATCHER_H

#include "jji/analysis/knowledge/RulePattern.h"
#include "jji/analysis/model/Model.h"
#include "jji/storage/RuleStore.h"

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// The enabled rules of the knowledge base, compiled once for an analysis, tried in order
/// (oldest first) against a failure: the first that matches classifies it.
class RuleMatcher
{
public:
    explicit RuleMatcher(const std::vector<storage::RuleRow>& rules);

    /// The first enabled rule whose pattern matches the failure's message, trace or the
    /// build's console excerpt (as its field says; "any": all three), or nullptr.
    const storage::RuleRow* match(const TestFailure& failure, const std::string& console) const;

    bool empty() const { return _rules.empty(); }

    /// The AnalysisDetail a rule gives: its classification, explanation and link.
    static AnalysisDetail detailFor(const storage::RuleRow& rule);

private:
    struct Compiled
    {
        storage::RuleRow rule;
        RulePattern pattern;
    };
    std::vector<Compiled> _rules;
};

} // namespace analysis
} // namespace jji

#endif
