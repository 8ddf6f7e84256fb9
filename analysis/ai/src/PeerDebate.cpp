#include "jji/analysis/ai/PeerDebate.h"

#include <future>

namespace jji {
namespace analysis {

PeerDebateTrail PeerDebate::run(const AiConfig& orchestrator, AnalysisDetail& answer, const std::vector<AiConfig>& peers,
                                int maxRounds, const AskPeer& askPeer, const Revise& revise)
{
    PeerDebateTrail trail;
    trail.maxRounds = maxRounds;
    trail.aiConfigs = peers;
    for (int round = 1; round <= maxRounds; ++round) {
        trail.roundsUsed = round;
        trail.rounds.push_back({round, orchestrator, "orchestrator", answer.classification, answer.details, -1});
        // Peers of one round answer in parallel.
        std::vector<std::future<PeerVerdict>> asks;
        for (const auto& peer : peers)
            asks.push_back(std::async(std::launch::async, [&, peer] { return askPeer(peer, round, answer); }));
        std::vector<DebateTurn> peerTurns;
        int valid = 0, agreeing = 0;
        for (std::size_t i = 0; i < peers.size(); ++i) {
            PeerVerdict verdict;
            try {
                verdict = asks[i].get();
            } catch (const std::exception& e) {
                verdict.details = std::string("peer failed: ") + e.what();
            }
            const std::string classification = canonicalClassification(verdict.classification);
            const bool counts = verdict.valid && !classification.empty();
            const bool agrees = counts && classification == answer.classification;
            valid += counts ? 1 : 0;
            agreeing += agrees ? 1 : 0;
            DebateTurn turn{round, peers[i], "peer", classification, verdict.details, counts ? (agrees ? 1 : 0) : -1};
            trail.rounds.push_back(turn);
            if (counts)
                peerTurns.push_back(turn);
        }
        if (valid > 0 && agreeing == valid) {
            trail.consensusReached = true;
            break;
        }
        if (round < maxRounds && !peerTurns.empty()) {
            AnalysisDetail revised = revise(answer, peerTurns);
            if (!revised.classification.empty()) {
                revised.affectedTests = answer.affectedTests;
                answer = revised;
            }
        }
    }
    return trail;
}

} // namespace analysis
} // namespace jji
