#ifndef JJI_ANALYSIS_KNOWLEDGE_HISTORYBRIEF_H
#define JJI_ANALYSIS_KNOWLEDGE_HISTORYBRIEF_H

#include "jji/analysis/trackers/CommentLinks.h"
#include "jji/storage/CommentStore.h"
#include "jji/storage/SignatureHistory.h"

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// The history part of a group's prompt: what the database knows about its signature and
/// tests, one fact per line, each marked [ai] (stored analyses, counts) or [human] (what
/// people wrote or decided), cut to `maxChars` with the most useful facts first.
class HistoryBrief
{
public:
    struct Input
    {
        std::string jobName;
        int builds = 10;
        storage::SignatureFacts facts;
        std::vector<storage::CommentRow> comments; ///< on the signature, newest first
        std::vector<RefStatus> links;             ///< tracker references in those comments
        std::string earlierClassification;        ///< of the newest earlier analysis ("" = none read)
        std::string earlierDetails;
    };

    /// "" when the signature was never seen and nobody said anything about the tests.
    static std::string write(const Input& input, std::size_t maxChars);
};

} // namespace analysis
} // namespace jji

#endif
