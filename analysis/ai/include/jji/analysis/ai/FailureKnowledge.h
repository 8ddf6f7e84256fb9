#ifndef JJI_ANALYSIS_AI_FAILUREKNOWLEDGE_H
#define JJI_ANALYSIS_AI_FAILUREKNOWLEDGE_H

#include "jji/analysis/model/Model.h"

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// An answer for a group of failures that needs no AI call.
struct KnownAnswer
{
    AnalysisDetail detail;
    KnownOrigin origin;
};

/// What is already known about failures before the AI is asked (the knowledge module
/// implements it over the database): the FailureAnalyzer asks it once per error group.
class FailureKnowledge
{
public:
    virtual ~FailureKnowledge() = default;

    /// A rule that classifies the group, or an analysis of its signature a person confirmed.
    virtual std::optional<KnownAnswer> known(const std::string& signature, const std::vector<TestFailure>& group) const = 0;

    /// The stored facts about the group (occurrences, past classifications, what people
    /// said), bounded in size, for its prompt; "" when nothing is known.
    virtual std::string history(const std::string& signature, const std::vector<TestFailure>& group) const = 0;
};

} // namespace analysis
} // namespace jji

#endif
