#ifndef JJI_ANALYSIS_AI_PEERDEBATE_H
#define JJI_ANALYSIS_AI_PEERDEBATE_H

#include "jji/analysis/model/Model.h"

#include <functional>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// A peer's answer: agree or not, with its own classification and reasoning.
struct PeerVerdict
{
    bool valid = false; ///< an unparseable reply is left out of the vote
    std::string classification;
    std::string details;
};

/// Runs the debate of one error group: peers (in parallel) review the orchestrator's
/// answer; when every valid peer classifies the same, consensus is reached; otherwise the
/// orchestrator revises with the peers' arguments, up to maxRounds. The orchestrator's
/// latest answer stands. The AI calls are injected so the debate logic stays testable.
class PeerDebate
{
public:
    using AskPeer = std::function<PeerVerdict(const AiConfig& peer, int round, const AnalysisDetail& orchestrator)>;
    using Revise = std::function<AnalysisDetail(const AnalysisDetail& current, const std::vector<DebateTurn>& peerTurns)>;

    static PeerDebateTrail run(const AiConfig& orchestrator, AnalysisDetail& answer, const std::vector<AiConfig>& peers,
                               int maxRounds, const AskPeer& askPeer, const Revise& revise);
};

} // namespace analysis
} // namespace jji

#endif
