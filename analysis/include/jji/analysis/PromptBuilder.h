#ifndef JJI_ANALYSIS_PROMPTBUILDER_H
#define JJI_ANALYSIS_PROMPTBUILDER_H

#include "jji/analysis/Model.h"

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// The prompt for one error group: what failed, how, the classification rules and the
/// exact JSON shape (AnalysisDetail) the answer must follow, then any raw_prompt text.
class PromptBuilder
{
public:
    static std::string forGroup(const std::vector<TestFailure>& group, const std::string& rawPrompt,
                                const std::string& context = "");

    /// Sent after an unparseable answer.
    static std::string retryReminder();
};

} // namespace analysis
} // namespace jji

#endif
