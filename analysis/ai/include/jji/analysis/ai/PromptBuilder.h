#ifndef JJI_ANALYSIS_AI_PROMPTBUILDER_H
#define JJI_ANALYSIS_AI_PROMPTBUILDER_H

#include "jji/analysis/model/Model.h"

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// The prompt for one error group: what failed, how, the classification rules and the
/// exact JSON shape (AnalysisDetail) the answer must follow, then any raw_prompt text.
class PromptBuilder
{
public:
    /// What the database knows about a group, and how to weigh it.
    struct History
    {
        std::string facts;        ///< "" leaves the history section out
        std::string instructions; ///< "" uses the built-in ones
    };

    static std::string forGroup(const std::vector<TestFailure>& group, const std::string& rawPrompt,
                                const std::string& context = "", const History& history = {});

    /// How the AI should weigh a failure's history unless the tests repository says otherwise.
    static const std::string& builtInHistoryInstructions();

    /// A peer's review of the orchestrator's answer for a group, in round `round`; the
    /// peer answers {"agrees", "classification", "details"}.
    static std::string forPeerReview(const std::vector<TestFailure>& group, const std::string& rawPrompt, int round,
                                     const std::string& classification, const std::string& details);

    /// The orchestrator's revision after peers disagreed: their arguments, then the
    /// AnalysisDetail schema again. Each argument is "provider/model says CLASSIFICATION: reasoning".
    static std::string forRevision(const std::vector<TestFailure>& group, const std::string& rawPrompt,
                                   const std::string& classification, const std::string& details,
                                   const std::vector<std::string>& peerArguments);

    /// Sent after an unparseable answer.
    static std::string retryReminder();
};

} // namespace analysis
} // namespace jji

#endif
