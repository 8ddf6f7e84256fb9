// The AI questions outside an analysis, against the real daemon and the fake AI CLI:
// GET /api/ai-models and POST /api/analyze-comment-intent.
#include "jji/test/JsonLines.h"
#include "jji/test/ServerProcess.h"
#include "jji/test/TempDir.h"

#include <Poco/JSON/Array.h>

#include <cppunit/extensions/HelperMacros.h>

using jji::test::HttpResponse;
using jji::test::ServerProcess;
using jji::test::TempDir;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {
const std::string kAdminKey = "intent-admin-key-0123456789abcdef";
}

class AiEndpointsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AiEndpointsTest);
    CPPUNIT_TEST(modelsPerProvider);
    CPPUNIT_TEST(commentIntent);
    CPPUNIT_TEST(commentIntentErrors);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<TempDir> _scratch;
    std::unique_ptr<ServerProcess> _server;

    void start(std::map<std::string, std::string> extra = {})
    {
        const std::string fake = jji::test::fakesDir() + "/fake-ai-cli";
        std::map<std::string, std::string> env{{"AI_PROVIDER", "claude"}, {"AI_MODEL", "sonnet"}, {"ADMIN_KEY", kAdminKey},
                                               {"JJI_AI_COMMAND_CLAUDE", fake}, {"JJI_AI_COMMAND_CURSOR", fake},
                                               {"JJI_AI_COMMAND_GEMINI", fake}, {"FAKE_AI_CALL_LOG", _scratch->file("calls.log")}};
        for (const auto& [k, v] : extra)
            env[k] = v;
        _server.reset();
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
    }

    static std::vector<std::string> ids(const Array::Ptr& models)
    {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < models->size(); ++i)
            out.push_back(models->getObject(i)->getValue<std::string>("id"));
        return out;
    }

    static bool has(const std::vector<std::string>& list, const std::string& item)
    {
        return std::find(list.begin(), list.end(), item) != list.end();
    }

    HttpResponse intent(const std::string& body, std::map<std::string, std::string> headers = {}) const
    {
        return _server->http().postJson("/api/analyze-comment-intent", body, headers, 30);
    }

public:
    void setUp() override { _scratch = std::make_unique<TempDir>(); }
    void tearDown() override
    {
        _server.reset();
        _scratch.reset();
    }

    void modelsPerProvider()
    {
        start();
        Object::Ptr all = _server->http().get("/api/ai-models").json()->getObject("providers");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), all->size());
        const auto claude = ids(all->getArray("claude"));
        CPPUNIT_ASSERT(has(claude, "claude-sonnet-4-5"));
        for (const auto& id : claude)
            CPPUNIT_ASSERT_MESSAGE(id, id.rfind("claude-", 0) == 0);
        const auto gemini = ids(all->getArray("gemini"));
        CPPUNIT_ASSERT(has(gemini, "gemini-2.5-pro"));
        CPPUNIT_ASSERT(!has(gemini, "claude-sonnet-4-5"));
        // cursor's own CLI lists its models (`agent models`), header and tip left out.
        Array::Ptr cursor = all->getArray("cursor");
        CPPUNIT_ASSERT(ids(cursor) == std::vector<std::string>({"auto", "gpt-5", "sonnet-4.5-thinking"}));
        CPPUNIT_ASSERT_EQUAL(std::string("Claude 4.5 Sonnet (Thinking)"), cursor->getObject(2)->getValue<std::string>("name"));

        Object::Ptr one = _server->http().get("/api/ai-models?provider=%20Claude%20").json();
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), one->getValue<std::string>("provider"));
        CPPUNIT_ASSERT(claude == ids(one->getArray("models")));
        CPPUNIT_ASSERT_EQUAL(std::string("Claude Sonnet 4 5"),
                             one->getArray("models")->getObject(static_cast<unsigned>(
                                 std::find(claude.begin(), claude.end(), "claude-sonnet-4-5") - claude.begin()))->getValue<std::string>("name"));
        // An unknown provider has no models (200, as the original answers).
        HttpResponse unknown = _server->http().get("/api/ai-models?provider=nope");
        CPPUNIT_ASSERT_EQUAL(200, unknown.status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), unknown.json()->getArray("models")->size());
    }

    void commentIntent()
    {
        start();
        Object::Ptr yes = intent(R"({"comment":"Filed JIRA-123 for this"})").json();
        CPPUNIT_ASSERT_EQUAL(true, yes->getValue<bool>("suggests_reviewed"));
        CPPUNIT_ASSERT_EQUAL(std::string("names a filed bug or a fix"), yes->getValue<std::string>("reason"));
        Object::Ptr no = intent(R"({"comment":"Can someone check the logs?"})").json();
        CPPUNIT_ASSERT_EQUAL(false, no->getValue<bool>("suggests_reviewed"));
        // A broken answer or a failing CLI is "no", never an error.
        for (const char* comment : {"FAKE_INTENT_GARBAGE fixed", "FAKE_AI_EXIT1 fixed"}) {
            HttpResponse r = intent(std::string(R"({"comment":")") + comment + "\"}");
            CPPUNIT_ASSERT_EQUAL(200, r.status);
            CPPUNIT_ASSERT_EQUAL(false, r.json()->getValue<bool>("suggests_reviewed"));
            CPPUNIT_ASSERT_EQUAL(std::string(""), r.json()->getValue<std::string>("reason"));
        }
        // The request's provider wins; the prompt carries the comment; usage is recorded.
        CPPUNIT_ASSERT_EQUAL(200, intent(R"({"comment":"fixed in abc123","ai_provider":"gemini","ai_model":"flash"})").status);
        const auto calls = jji::test::readJsonLines(_scratch->file("calls.log"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), calls.size());
        CPPUNIT_ASSERT_EQUAL(std::string("gemini"), calls.back()->getValue<std::string>("provider"));
        CPPUNIT_ASSERT(calls.back()->getValue<std::string>("prompt").find("Comment:\nfixed in abc123\n") != std::string::npos);
        HttpResponse usage = _server->http().get("/api/admin/token-usage/comment-intent", {{"Authorization", "Bearer " + kAdminKey}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(usage.body, 200, usage.status);
        Array::Ptr records = usage.json()->getArray("records");
        CPPUNIT_ASSERT(records->size() >= 3); // the answered calls at least
        for (std::size_t i = 0; i < records->size(); ++i)
            CPPUNIT_ASSERT_EQUAL(std::string("comment_intent"), records->getObject(i)->getValue<std::string>("call_type"));
        CPPUNIT_ASSERT_EQUAL(std::string("gemini"), records->getObject(static_cast<unsigned>(records->size() - 1))->getValue<std::string>("ai_provider"));
    }

    void commentIntentErrors()
    {
        start({{"ALLOWED_USERS", "alice"}});
        HttpResponse missing = intent(R"({"job_id":"x"})", {{"Cookie", "jji_username=alice"}});
        CPPUNIT_ASSERT_EQUAL(422, missing.status);
        CPPUNIT_ASSERT(missing.body.find("\"comment\"") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(403, intent(R"({"comment":"fixed"})", {{"Cookie", "jji_username=bob"}}).status);
        CPPUNIT_ASSERT_EQUAL(403, intent(R"({"comment":"fixed"})").status);
        CPPUNIT_ASSERT_EQUAL(200, intent(R"({"comment":"fixed"})", {{"Cookie", "jji_username=alice"}}).status);
        // No AI configured anywhere: 400 naming what to set.
        _server.reset();
        _server = std::make_unique<ServerProcess>();
        HttpResponse none = intent(R"({"comment":"fixed"})");
        CPPUNIT_ASSERT_EQUAL(400, none.status);
        CPPUNIT_ASSERT_MESSAGE(none.body, none.body.find("AI_PROVIDER") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AiEndpointsTest);
