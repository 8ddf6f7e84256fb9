// POST /api/feedback/preview and /create end to end: the real daemon, the fake AI CLI drafting
// the issue and tests/fakes/fake-trackers as GitHub.
#include "jji/test/FakeTrackers.h"
#include "jji/test/JsonLines.h"
#include "jji/test/ServerProcess.h"
#include "jji/test/TempDir.h"

#include <Poco/JSON/Array.h>

#include <cppunit/extensions/HelperMacros.h>

using jji::test::FakeTrackers;
using jji::test::HttpResponse;
using jji::test::ServerProcess;
using jji::test::TempDir;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const char* kFixture = R"({"tls": false, "github": {"tokens": {"ghp_server_token": "jji-bot"}, "issues": {"acme/feedback": []}}})";
const std::string kFooter = "Filed from the Job Insight web UI";

} // namespace

class FeedbackTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(FeedbackTest);
    CPPUNIT_TEST(offUnlessConfigured);
    CPPUNIT_TEST(previewDraftsWithoutSecrets);
    CPPUNIT_TEST(previewValidation);
    CPPUNIT_TEST(createFilesOnTheConfiguredRepository);
    CPPUNIT_TEST(gitHubFailuresAre502);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<TempDir> _scratch;
    std::unique_ptr<FakeTrackers> _github;
    std::unique_ptr<ServerProcess> _server;

    void start(std::map<std::string, std::string> extra = {})
    {
        std::map<std::string, std::string> env{
            {"AI_PROVIDER", "claude"}, {"AI_MODEL", "sonnet"}, {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"},
            {"FAKE_AI_CALL_LOG", _scratch->file("calls.log")}, {"GITHUB_API_URL", _github->url()},
            {"GITHUB_TOKEN", "ghp_server_token"}, {"JJI_FEEDBACK_REPO_URL", "https://github.com/acme/feedback"}};
        for (const auto& [k, v] : extra) {
            if (v.empty())
                env.erase(k);
            else
                env[k] = v;
        }
        _server.reset();
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
    }

    HttpResponse post(const std::string& path, const std::string& body, std::map<std::string, std::string> headers = {}) const
    {
        return _server->http().postJson(path, body, headers, 30);
    }

    static std::vector<std::string> strings(const Array::Ptr& list)
    {
        std::vector<std::string> out;
        for (std::size_t i = 0; list && i < list->size(); ++i)
            out.push_back(list->getElement<std::string>(static_cast<unsigned>(i)));
        return out;
    }

public:
    void setUp() override
    {
        _scratch = std::make_unique<TempDir>();
        _github = std::make_unique<FakeTrackers>(kFixture);
    }
    void tearDown() override
    {
        _server.reset();
        _github.reset();
        _scratch.reset();
    }

    void offUnlessConfigured()
    {
        start({{"JJI_FEEDBACK_REPO_URL", ""}});
        CPPUNIT_ASSERT_EQUAL(false, _server->http().get("/api/capabilities").json()->getValue<bool>("feedback_enabled"));
        for (const auto& [path, body] : std::vector<std::pair<std::string, std::string>>{
                 {"/api/feedback/preview", R"({"description":"x"})"}, {"/api/feedback/create", R"({"title":"t","body":"b"})"}}) {
            HttpResponse r = post(path, body);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, 503, r.status);
            CPPUNIT_ASSERT_EQUAL(std::string("Feedback submission is disabled on this server"), r.json()->getValue<std::string>("detail"));
        }
        start();
        CPPUNIT_ASSERT_EQUAL(true, _server->http().get("/api/capabilities").json()->getValue<bool>("feedback_enabled"));
        // Without a server AI nothing can draft: the preview is 503, filing still works.
        start({{"AI_PROVIDER", ""}, {"AI_MODEL", ""}});
        CPPUNIT_ASSERT_EQUAL(false, _server->http().get("/api/capabilities").json()->getValue<bool>("feedback_enabled"));
        HttpResponse noAi = post("/api/feedback/preview", R"({"description":"x"})");
        CPPUNIT_ASSERT_EQUAL(503, noAi.status);
        CPPUNIT_ASSERT(noAi.body.find("AI_PROVIDER and AI_MODEL") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(201, post("/api/feedback/create", R"({"title":"t","body":"b"})").status);
    }

    void previewDraftsWithoutSecrets()
    {
        start();
        HttpResponse r = post("/api/feedback/preview", R"({"description":"Report page is blank token=abc123secret Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl",
            "console_errors":["TypeError: x is undefined ghp_ABCDEFGHIJKLMNOP1234"],
            "failed_api_calls":[{"status":500,"endpoint":"/results/x","error":"boom password=hunter2"}],
            "page_state":{"url":"http://jji/results/x","active_filters":"unreviewed","report_id":"x"},"user_agent":"Firefox"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        Object::Ptr draft = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("Bug: Report page is blank token=[REDACTED] Bearer [REDACTED]"),
                             draft->getValue<std::string>("title"));
        CPPUNIT_ASSERT(strings(draft->getArray("labels")) == std::vector<std::string>{"bug"}); // "wontfix" is not ours to set
        CPPUNIT_ASSERT(draft->getValue<std::string>("body").find(kFooter) != std::string::npos);
        // The AI saw the report, scrubbed.
        const auto calls = jji::test::readJsonLines(_scratch->file("calls.log"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), calls.size());
        const std::string prompt = calls[0]->getValue<std::string>("prompt");
        for (const char* secret : {"abc123secret", "eyJhbGciOi", "ghp_ABCDEFGHIJKLMNOP1234", "hunter2"})
            CPPUNIT_ASSERT_MESSAGE(secret, prompt.find(secret) == std::string::npos && r.body.find(secret) == std::string::npos);
        CPPUNIT_ASSERT(prompt.find("TypeError: x is undefined [REDACTED_GITHUB_TOKEN]") != std::string::npos);
        CPPUNIT_ASSERT(prompt.find("\"endpoint\":\"/results/x\"") != std::string::npos);

        // An answer without JSON: the template, labelled by what the page saw.
        Object::Ptr fallback = post("/api/feedback/preview", R"({"description":"FAKE_FEEDBACK_GARBAGE dark mode please"})").json();
        CPPUNIT_ASSERT_EQUAL(std::string("Feedback: FAKE_FEEDBACK_GARBAGE dark mode please"), fallback->getValue<std::string>("title"));
        CPPUNIT_ASSERT(strings(fallback->getArray("labels")) == std::vector<std::string>{"enhancement"});
        CPPUNIT_ASSERT(fallback->getValue<std::string>("body").find("**Description:** FAKE_FEEDBACK_GARBAGE") != std::string::npos);
    }

    void previewValidation()
    {
        start({{"ALLOWED_USERS", "alice"}});
        const std::map<std::string, std::string> alice{{"Cookie", "jji_username=alice"}};
        std::string many = "[";
        for (int i = 0; i < 51; ++i)
            many += std::string(i ? "," : "") + "\"e\"";
        many += "]";
        for (const std::string& bad : {std::string(R"({})"), std::string(R"({"description":""})"),
                                       R"({"description":")" + std::string(10001, 'x') + "\"}",
                                       R"({"description":"x","console_errors":)" + many + "}",
                                       std::string(R"({"description":"x","failed_api_calls":[{"status":"x"}]})"),
                                       std::string(R"({"description":"x","page_state":{"url":1}})")}) {
            HttpResponse r = post("/api/feedback/preview", bad, alice);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(bad.substr(0, 80) + " " + r.body.substr(0, 200), 422, r.status);
        }
        CPPUNIT_ASSERT_EQUAL(422, post("/api/feedback/create", R"({"title":"","body":"b"})", alice).status);
        CPPUNIT_ASSERT_EQUAL(422, post("/api/feedback/create", R"({"title":"t"})", alice).status);
        CPPUNIT_ASSERT_EQUAL(403, post("/api/feedback/preview", R"({"description":"x"})").status);
        CPPUNIT_ASSERT_EQUAL(403, post("/api/feedback/create", R"({"title":"t","body":"b"})", {{"Cookie", "jji_username=bob"}}).status);
        CPPUNIT_ASSERT_EQUAL(200, post("/api/feedback/preview", R"({"description":"x"})", alice).status);
    }

    void createFilesOnTheConfiguredRepository()
    {
        start();
        HttpResponse r = post("/api/feedback/create", R"({"title":"Blank page","body":"It is blank. api_key=sk-live-123","labels":["bug","wontfix"]})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        Object::Ptr filed = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("Blank page"), filed->getValue<std::string>("title"));
        CPPUNIT_ASSERT(filed->getValue<long long>("issue_number") > 0);
        CPPUNIT_ASSERT(filed->getValue<std::string>("issue_url").find("acme/feedback/issues/") != std::string::npos);
        const auto sent = _github->requests("github", "POST");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), sent.size());
        CPPUNIT_ASSERT_EQUAL(std::string("/repos/acme/feedback/issues"), sent[0]->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_server_token"), sent[0]->getValue<std::string>("auth"));
        Object::Ptr body = sent[0]->getObject("body");
        CPPUNIT_ASSERT(strings(body->getArray("labels")) == std::vector<std::string>{"bug"});
        const std::string text = body->getValue<std::string>("body");
        CPPUNIT_ASSERT(text.find("api_key=[REDACTED]") != std::string::npos && text.find("sk-live-123") == std::string::npos);
        CPPUNIT_ASSERT(text.find(kFooter) != std::string::npos);
        // GITHUB_TOKEN belongs to GITHUB_API_URL: a repository elsewhere is filed without it.
        FakeTrackers elsewhere(kFixture);
        start({{"JJI_FEEDBACK_REPO_URL", elsewhere.url() + "/acme/feedback"}});
        HttpResponse anonymous = post("/api/feedback/create", R"({"title":"t","body":"b"})");
        CPPUNIT_ASSERT_EQUAL(502, anonymous.status);
        for (const auto& request : elsewhere.requests())
            CPPUNIT_ASSERT_EQUAL(std::string(""), request->getValue<std::string>("auth"));
    }

    void gitHubFailuresAre502()
    {
        start({{"GITHUB_TOKEN", "ghp_revoked"}});
        HttpResponse refused = post("/api/feedback/create", R"({"title":"t","body":"b"})");
        CPPUNIT_ASSERT_EQUAL(502, refused.status);
        CPPUNIT_ASSERT_EQUAL(std::string("GitHub token is invalid or expired"), refused.json()->getValue<std::string>("detail"));
        start({{"JJI_FEEDBACK_REPO_URL", "https://github.com/acme/missing"}});
        HttpResponse missing = post("/api/feedback/create", R"({"title":"t","body":"b"})");
        CPPUNIT_ASSERT_EQUAL(502, missing.status);
        CPPUNIT_ASSERT_EQUAL(std::string("GitHub API error: 404"), missing.json()->getValue<std::string>("detail"));
        start({{"GITHUB_API_URL", "http://127.0.0.1:9"}});
        HttpResponse down = post("/api/feedback/create", R"({"title":"t","body":"b"})");
        CPPUNIT_ASSERT_EQUAL(502, down.status);
        CPPUNIT_ASSERT(down.json()->getValue<std::string>("detail").rfind("GitHub API unreachable: ", 0) == 0);
        CPPUNIT_ASSERT(down.body.find("ghp_server_token") == std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FeedbackTest);
