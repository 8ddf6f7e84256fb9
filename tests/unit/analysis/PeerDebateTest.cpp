#include "jji/analysis/ai/PeerDebate.h"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <chrono>
#include <thread>

using jji::analysis::AiConfig;
using jji::analysis::AnalysisDetail;
using jji::analysis::DebateTurn;
using jji::analysis::PeerDebate;
using jji::analysis::PeerVerdict;

class PeerDebateTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PeerDebateTest);
    CPPUNIT_TEST(agreementEndsTheFirstRound);
    CPPUNIT_TEST(disagreementLeadsToARevisionThenConsensus);
    CPPUNIT_TEST(roundsRunOutAndTheOrchestratorStands);
    CPPUNIT_TEST(invalidRepliesAreLeftOutOfTheVote);
    CPPUNIT_TEST(peersOfARoundRunInParallel);
    CPPUNIT_TEST_SUITE_END();

    const AiConfig orchestrator{"claude", "opus"};
    const std::vector<AiConfig> peers{{"gemini", "pro"}, {"cursor", "gpt"}};

    static AnalysisDetail detail(const std::string& classification)
    {
        AnalysisDetail d;
        d.classification = classification;
        d.details = "because";
        return d;
    }

    static PeerDebate::Revise adoptFirst()
    {
        return [](const AnalysisDetail&, const std::vector<DebateTurn>& turns) { return detail(turns.front().classification); };
    }

public:
    void agreementEndsTheFirstRound()
    {
        AnalysisDetail answer = detail("CODE ISSUE");
        auto trail = PeerDebate::run(orchestrator, answer, peers, 3,
                                     [](const AiConfig&, int, const AnalysisDetail& o) { return PeerVerdict{true, o.classification, "ok"}; },
                                     adoptFirst());
        CPPUNIT_ASSERT(trail.consensusReached);
        CPPUNIT_ASSERT_EQUAL(1, trail.roundsUsed);
        CPPUNIT_ASSERT_EQUAL(3, trail.maxRounds);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), trail.rounds.size()); // orchestrator + 2 peers
        CPPUNIT_ASSERT_EQUAL(std::string("orchestrator"), trail.rounds[0].role);
        CPPUNIT_ASSERT_EQUAL(-1, trail.rounds[0].agreesWithOrchestrator);
        CPPUNIT_ASSERT_EQUAL(1, trail.rounds[1].agreesWithOrchestrator);
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), answer.classification);
    }

    void disagreementLeadsToARevisionThenConsensus()
    {
        AnalysisDetail answer = detail("CODE ISSUE");
        auto trail = PeerDebate::run(orchestrator, answer, peers, 3,
                                     [](const AiConfig&, int round, const AnalysisDetail& o) {
                                         return round == 1 ? PeerVerdict{true, "product bug", "no"} : PeerVerdict{true, o.classification, "ok"};
                                     },
                                     adoptFirst());
        CPPUNIT_ASSERT(trail.consensusReached);
        CPPUNIT_ASSERT_EQUAL(2, trail.roundsUsed);
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"), answer.classification);
        CPPUNIT_ASSERT_EQUAL(0, trail.rounds[1].agreesWithOrchestrator);
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"), trail.rounds[3].classification); // round 2 orchestrator
    }

    void roundsRunOutAndTheOrchestratorStands()
    {
        AnalysisDetail answer = detail("CODE ISSUE");
        int revisions = 0;
        auto trail = PeerDebate::run(orchestrator, answer, peers, 2,
                                     [](const AiConfig&, int, const AnalysisDetail&) { return PeerVerdict{true, "INFRASTRUCTURE", "no"}; },
                                     [&](const AnalysisDetail& current, const std::vector<DebateTurn>&) {
                                         ++revisions;
                                         return current; // stubborn
                                     });
        CPPUNIT_ASSERT(!trail.consensusReached);
        CPPUNIT_ASSERT_EQUAL(2, trail.roundsUsed);
        CPPUNIT_ASSERT_EQUAL(1, revisions); // no revision after the last round
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), answer.classification);
    }

    void invalidRepliesAreLeftOutOfTheVote()
    {
        AnalysisDetail answer = detail("CODE ISSUE");
        auto trail = PeerDebate::run(orchestrator, answer, peers, 3,
                                     [](const AiConfig& peer, int, const AnalysisDetail& o) {
                                         return peer.provider == "gemini" ? PeerVerdict{false, "", "garbage"}
                                                                          : PeerVerdict{true, o.classification, "ok"};
                                     },
                                     adoptFirst());
        CPPUNIT_ASSERT(trail.consensusReached); // the one valid peer agrees
        CPPUNIT_ASSERT_EQUAL(-1, trail.rounds[1].agreesWithOrchestrator);
        AnalysisDetail lonely = detail("CODE ISSUE");
        auto none = PeerDebate::run(orchestrator, lonely, peers, 2,
                                    [](const AiConfig&, int, const AnalysisDetail&) { return PeerVerdict{false, "", ""}; }, adoptFirst());
        CPPUNIT_ASSERT(!none.consensusReached); // nobody valid: no consensus, no revision
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), lonely.classification);
    }

    void peersOfARoundRunInParallel()
    {
        AnalysisDetail answer = detail("CODE ISSUE");
        std::atomic<int> inside{0}, most{0};
        std::vector<AiConfig> many{{"a", "1"}, {"b", "1"}, {"c", "1"}};
        PeerDebate::run(orchestrator, answer, many, 1,
                        [&](const AiConfig&, int, const AnalysisDetail& o) {
                            most = std::max(most.load(), ++inside);
                            std::this_thread::sleep_for(std::chrono::milliseconds(200));
                            --inside;
                            return PeerVerdict{true, o.classification, "ok"};
                        },
                        adoptFirst());
        CPPUNIT_ASSERT_EQUAL(3, most.load());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PeerDebateTest);
