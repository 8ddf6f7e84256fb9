// Peer analysis (multi-AI debate) end to end: the orchestrator and peers are fake AI
// CLIs scripted to agree, to disagree then agree, and to never agree.
#include "jji/test/ServerProcess.h"

#include <Poco/JSON/Array.h>

#include <cppunit/extensions/HelperMacros.h>

using jji::test::HttpResponse;
using jji::test::ServerProcess;
using Poco::JSON::Array;
using Poco::JSON::Object;

class PeerAnalysisTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PeerAnalysisTest);
    CPPUNIT_TEST(peersAgreeInTheFirstRound);
    CPPUNIT_TEST(disagreementIsRevisedToConsensus);
    CPPUNIT_TEST(neverAgreeingRunsOutOfRounds);
    CPPUNIT_TEST(invalidPeerRepliesAndServerDefaults);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<ServerProcess> _server;

    void start(std::map<std::string, std::string> extra = {})
    {
        const std::string fake = jji::test::fakesDir() + "/fake-ai-cli";
        std::map<std::string, std::string> env{{"AI_PROVIDER", "claude"}, {"AI_MODEL", "opus"}, {"JJI_AI_COMMAND_CLAUDE", fake},
                                               {"JJI_AI_COMMAND_GEMINI", fake}, {"JJI_AI_COMMAND_CURSOR", fake},
                                               {"ADMIN_KEY", "peer-test-admin-key-123456"}};
        for (const auto& [k, v] : extra)
            env[k] = v;
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
    }

    Object::Ptr analyze(const std::string& marker, const std::string& peers = R"([{"ai_provider":"gemini","ai_model":"pro"},{"ai_provider":"cursor","ai_model":"gpt"}])",
                        const std::string& extra = "") const
    {
        HttpResponse r = _server->http().postJson(
            "/analyze-failures",
            R"({"failures":[{"test_name":"t.a","error_message":"AssertionError: expected 200 got 500"},)"
            R"({"test_name":"t.b","error_message":"AssertionError: expected 200 got 500"}],"raw_prompt":")" + marker + "\"" +
                (peers.empty() ? "" : ",\"peer_ai_configs\":" + peers) + extra + "}",
            {}, 120);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.json();
    }

    static Object::Ptr debateOf(const Object::Ptr& result) { return result->getArray("failures")->getObject(0)->getObject("peer_debate"); }

    static std::string classificationOf(const Object::Ptr& result)
    {
        return result->getArray("failures")->getObject(0)->getObject("analysis")->getValue<std::string>("classification");
    }

    Array::Ptr usage(const std::string& jobId) const
    {
        return _server->http().get("/api/admin/token-usage/" + jobId, {{"Authorization", "Bearer peer-test-admin-key-123456"}})
            .json()->getArray("records");
    }

public:
    void setUp() override { start(); }
    void tearDown() override { _server.reset(); }

    void peersAgreeInTheFirstRound()
    {
        Object::Ptr result = analyze("agree");
        Object::Ptr debate = debateOf(result);
        CPPUNIT_ASSERT(debate);
        CPPUNIT_ASSERT_EQUAL(true, debate->getValue<bool>("consensus_reached"));
        CPPUNIT_ASSERT_EQUAL(1, debate->getValue<int>("rounds_used"));
        CPPUNIT_ASSERT_EQUAL(3, debate->getValue<int>("max_rounds"));
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(debate->getArray("ai_configs")->size()));
        Array::Ptr rounds = debate->getArray("rounds");
        CPPUNIT_ASSERT_EQUAL(3u, static_cast<unsigned>(rounds->size()));
        Object::Ptr first = rounds->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("orchestrator"), first->getValue<std::string>("role"));
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), first->getValue<std::string>("ai_provider"));
        CPPUNIT_ASSERT(first->get("agrees_with_orchestrator").isEmpty());
        CPPUNIT_ASSERT_EQUAL(std::string("peer"), rounds->getObject(1)->getValue<std::string>("role"));
        CPPUNIT_ASSERT_EQUAL(true, rounds->getObject(1)->getValue<bool>("agrees_with_orchestrator"));
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), classificationOf(result));
        // The second failure of the group carries the same trail.
        CPPUNIT_ASSERT(result->getArray("failures")->getObject(1)->getObject("peer_debate"));

        // Token usage: one main call, one per peer, told apart by call type and provider.
        Array::Ptr records = usage(result->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(3u, static_cast<unsigned>(records->size()));
        int peers = 0;
        for (unsigned i = 0; i < records->size(); ++i)
            if (records->getObject(i)->getValue<std::string>("call_type") == "peer_review") {
                ++peers;
                CPPUNIT_ASSERT(records->getObject(i)->getValue<std::string>("ai_provider") != "claude");
            }
        CPPUNIT_ASSERT_EQUAL(2, peers);
    }

    void disagreementIsRevisedToConsensus()
    {
        Object::Ptr result = analyze("FAKE_PEER_DISAGREE_ONCE");
        Object::Ptr debate = debateOf(result);
        CPPUNIT_ASSERT_EQUAL(true, debate->getValue<bool>("consensus_reached"));
        CPPUNIT_ASSERT_EQUAL(2, debate->getValue<int>("rounds_used"));
        Array::Ptr rounds = debate->getArray("rounds");
        CPPUNIT_ASSERT_EQUAL(6u, static_cast<unsigned>(rounds->size()));
        CPPUNIT_ASSERT_EQUAL(false, rounds->getObject(1)->getValue<bool>("agrees_with_orchestrator"));
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"), rounds->getObject(3)->getValue<std::string>("classification")); // revised
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"), classificationOf(result));
    }

    void neverAgreeingRunsOutOfRounds()
    {
        Object::Ptr result = analyze("FAKE_PEER_NEVER", R"([{"ai_provider":"gemini","ai_model":"pro"}])", R"(,"peer_analysis_max_rounds":2)");
        Object::Ptr debate = debateOf(result);
        CPPUNIT_ASSERT_EQUAL(false, debate->getValue<bool>("consensus_reached"));
        CPPUNIT_ASSERT_EQUAL(2, debate->getValue<int>("rounds_used"));
        CPPUNIT_ASSERT_EQUAL(2, debate->getValue<int>("max_rounds"));
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), classificationOf(result)); // the orchestrator stands
    }

    void invalidPeerRepliesAndServerDefaults()
    {
        Object::Ptr result = analyze("FAKE_PEER_GARBAGE");
        Array::Ptr rounds = debateOf(result)->getArray("rounds");
        CPPUNIT_ASSERT(rounds->getObject(1)->get("agrees_with_orchestrator").isEmpty()); // gemini: left out of the vote
        CPPUNIT_ASSERT_EQUAL(true, debateOf(result)->getValue<bool>("consensus_reached")); // cursor agreed

        CPPUNIT_ASSERT(!debateOf(analyze("agree", "[]"))); // [] disables peers
        CPPUNIT_ASSERT(!debateOf(analyze("agree", ""))); // no server default either

        start({{"PEER_AI_CONFIGS", "gemini:pro"}, {"PEER_ANALYSIS_MAX_ROUNDS", "4"}});
        Object::Ptr inherited = debateOf(analyze("agree", ""));
        CPPUNIT_ASSERT(inherited);
        CPPUNIT_ASSERT_EQUAL(4, inherited->getValue<int>("max_rounds"));
        CPPUNIT_ASSERT(!debateOf(analyze("agree", "[]")));

        // A peer without a model is a configuration error: 400 for a request, a start-up error for the server.
        HttpResponse bad = _server->http().postJson(
            "/analyze-failures", R"({"failures":[{"test_name":"t","error_message":"x"}],"peer_ai_configs":[{"ai_provider":"gemini","ai_model":"  "}]})");
        CPPUNIT_ASSERT_EQUAL(400, bad.status);
        CPPUNIT_ASSERT(bad.body.find("no model") != std::string::npos);
        std::string output;
        CPPUNIT_ASSERT_EQUAL(78, ServerProcess::runToExit({}, {{"PEER_AI_CONFIGS", "gemini:"}}, output));
        // An unknown provider is a shape error of the request (its literal list), as for ai_provider.
        CPPUNIT_ASSERT_EQUAL(422, _server->http().postJson("/analyze-failures", R"({"failures":[{"test_name":"t"}],"peer_ai_configs":[{"ai_provider":"nope","ai_model":"m"}]})").status);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PeerAnalysisTest);
