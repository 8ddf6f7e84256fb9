// The real AI CLIs (npm @anthropic-ai/claude-code and @google/gemini-cli, installed by
// `./setup.sh --tests` into tests/ai-clis) run by the real jji-server against local fakes
// of their model APIs (tests/fakes/fake-model-api): the Anthropic Messages API and the
// Gemini API, streamed as server-sent events. Only the user's set-up is given: the API
// key in the environment, gemini's auth type in its settings file, the base URLs.
#include "jji/analysis/model/JsonText.h"
#include "jji/test/FakeServer.h"
#include "jji/test/ServerProcess.h"

#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/UUIDGenerator.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

using jji::test::FakeServer;
using jji::test::ServerProcess;
using jji::test::TempDir;

namespace {

const char* kAdminKey = "real-cli-admin-key-0123456789";
const int kNobody = 65534;

std::string cliDir()
{
    return JJI_AI_CLIS_DIR;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

/// Processes (other than zombies and `except`) whose environment holds `marker`: what
/// the server's AI calls left behind.
std::vector<int> processesWith(const std::string& marker, int except)
{
    std::vector<int> found;
    DIR* proc = ::opendir("/proc");
    if (!proc)
        return found;
    while (dirent* entry = ::readdir(proc)) {
        const int pid = std::atoi(entry->d_name);
        if (pid <= 0 || pid == ::getpid() || pid == except)
            continue;
        std::ifstream environ("/proc/" + std::to_string(pid) + "/environ");
        std::string env((std::istreambuf_iterator<char>(environ)), std::istreambuf_iterator<char>());
        if (!contains(env, marker))
            continue;
        std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
        std::string pidField, comm, state;
        stat >> pidField >> comm >> state;
        if (state != "Z")
            found.push_back(pid);
    }
    ::closedir(proc);
    return found;
}

} // namespace

class RealAiCliTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RealAiCliTest);
    CPPUNIT_TEST(claudeAnalysisIsParsedWithReportedCost);
    CPPUNIT_TEST(geminiAnalysisIsParsedWithComputedCost);
    CPPUNIT_TEST(pricesFileOverridesTheShippedTable);
    CPPUNIT_TEST(refusedKeyFailsFastNamingTheKey);
    CPPUNIT_TEST(unknownModelFailsFast);
    CPPUNIT_TEST(missingCliNamesItsInstall);
    CPPUNIT_TEST(hangingApiIsKilledAtTheTimeout);
    CPPUNIT_TEST(readOnlyModeRefusesAWriteTool);
    CPPUNIT_TEST(readOnlyGitWorksInAClonedRepo);
    CPPUNIT_TEST(fullModeAllowsIt);
    CPPUNIT_TEST(bothWorkAsAnOrdinaryUser);
    CPPUNIT_TEST(checkAiReportsEachProvider);
    CPPUNIT_TEST(aiStatusEndpointIsForAdmins);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override
    {
        if (!Poco::File(cliDir() + "/claude").exists() || !Poco::File(cliDir() + "/gemini").exists())
            CPPUNIT_FAIL("the real AI CLIs are not installed in " + cliDir() + ": run ./setup.sh --tests");
        _scratch = std::make_unique<TempDir>();
        _apiLog = _scratch->file("api.log");
        _api = std::make_unique<FakeServer>("fake-model-api", R"({"key": "fake-key"})",
                                            std::map<std::string, std::string>{{"FAKE_MODEL_API_LOG", _apiLog}});
        _home = std::make_unique<TempDir>();
        // gemini's own set-up: which auth it uses, in its settings file.
        Poco::File(_home->file(".gemini")).createDirectories();
        std::ofstream(_home->file(".gemini/settings.json")) << R"({"security":{"auth":{"selectedType":"gemini-api-key"}}})";
        _marker = "JJI_TEST_MARKER=" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    }

    void tearDown() override
    {
        _server.reset();
        _api.reset();
    }

    void claudeAnalysisIsParsedWithReportedCost()
    {
        start();
        auto result = analyze("claude", "sonnet", "AssertionError: expected 3 widgets, got 2");
        assertCompleted(result);
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), classification(result));
        // The API received the prompt with the failure's text, and the read-only tool set.
        auto requests = apiRequests("anthropic");
        CPPUNIT_ASSERT(!requests.empty());
        const auto& main = requests.back();
        CPPUNIT_ASSERT(contains(main->getValue<std::string>("text"), "expected 3 widgets, got 2"));
        const std::string tools = toolsOf(main);
        CPPUNIT_ASSERT_MESSAGE(tools, contains(tools, "\"Read\"") && contains(tools, "\"Bash\""));
        CPPUNIT_ASSERT_MESSAGE(tools, !contains(tools, "\"Write\"") && !contains(tools, "\"Edit\""));
        // claude reports its cost: recorded as reported.
        auto record = usageRecord(result->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(1000, record->getValue<int>("input_tokens"));
        CPPUNIT_ASSERT_EQUAL(200, record->getValue<int>("output_tokens"));
        CPPUNIT_ASSERT(record->getValue<double>("cost_usd") > 0.0);
        CPPUNIT_ASSERT_EQUAL(std::string("reported"), record->getValue<std::string>("cost_source"));
        CPPUNIT_ASSERT_EQUAL(std::string("reported"), result->getObject("token_usage")->getValue<std::string>("cost_source"));
    }

    void geminiAnalysisIsParsedWithComputedCost()
    {
        start();
        auto result = analyze("gemini", "gemini-2.5-pro", "ConnectionError: Connection refused by db:5432");
        assertCompleted(result);
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"), classification(result));
        bool promptSeen = false;
        for (const auto& request : apiRequests("gemini"))
            promptSeen = promptSeen || contains(request->getValue<std::string>("text"), "Connection refused by db:5432");
        CPPUNIT_ASSERT(promptSeen);
        // gemini reports tokens only: the cost comes from the price table (gemini-2.5-pro:
        // 1000 input at $1.25/M, 200 output at $10/M).
        auto record = usageRecord(result->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(std::string("computed"), record->getValue<std::string>("cost_source"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(1000 * 1.25e-6 + 200 * 1e-5, record->getValue<double>("cost_usd"), 1e-9);
    }

    void pricesFileOverridesTheShippedTable()
    {
        const std::string prices = _scratch->file("prices.json");
        std::ofstream(prices) << R"({"gemini-2.5-pro": {"input_cost_per_token": 1e-05, "output_cost_per_token": 2e-05}})";
        start({{"JJI_AI_PRICES_FILE", prices}});
        auto result = analyze("gemini", "gemini-2.5-pro", "AssertionError: priced");
        auto record = usageRecord(result->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(1000 * 1e-5 + 200 * 2e-5, record->getValue<double>("cost_usd"), 1e-9);
        // A model without a price has no cost, not a zero one.
        auto unknown = analyze("gemini", "gemini-nopricing-1", "AssertionError: unpriced");
        auto unpriced = usageRecord(unknown->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(std::string("unknown"), unpriced->getValue<std::string>("cost_source"));
        CPPUNIT_ASSERT(unpriced->get("cost_usd").isEmpty());
        // A file that is not a price table stops the start, naming the setting.
        std::ofstream(prices) << "not json";
        std::string output;
        CPPUNIT_ASSERT_EQUAL(78, ServerProcess::runToExit({}, environment({{"JJI_AI_PRICES_FILE", prices}}), output));
        CPPUNIT_ASSERT_MESSAGE(output, contains(output, "JJI_AI_PRICES_FILE"));
    }

    void refusedKeyFailsFastNamingTheKey()
    {
        start({{"ANTHROPIC_API_KEY", "sk-wrong"}, {"GEMINI_API_KEY", "wrong"}});
        for (const auto& [provider, model, key] : {std::tuple<std::string, std::string, std::string>{"claude", "sonnet",
                                                                                                     "ANTHROPIC_API_KEY"},
                                                   {"gemini", "gemini-2.5-pro", "GEMINI_API_KEY"}}) {
            const auto began = std::chrono::steady_clock::now();
            auto result = analyze(provider, model, "AssertionError: boom");
            const auto took = std::chrono::steady_clock::now() - began;
            const std::string error = result->getValue<std::string>("error");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(error, std::string("failed"), result->getValue<std::string>("status"));
            CPPUNIT_ASSERT_MESSAGE(error, contains(error, provider + ": the API refused the key"));
            CPPUNIT_ASSERT_MESSAGE(error, contains(error, "set " + key));
            // claude alone would retry ten times, for minutes; the daemon stops it at the first refusal.
            CPPUNIT_ASSERT_MESSAGE(provider, took < std::chrono::seconds(30));
        }
        CPPUNIT_ASSERT(processesWith(_marker, _server->pid()).empty());
    }

    void unknownModelFailsFast()
    {
        start();
        auto result = analyze("claude", "claude-unknown-9", "AssertionError: boom");
        const std::string error = result->getValue<std::string>("error");
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "claude: the API does not know the model 'claude-unknown-9' (404)"));
    }

    void missingCliNamesItsInstall()
    {
        start({{"JJI_AI_COMMAND_CLAUDE", "/nonexistent/claude"}});
        auto claude = analyze("claude", "sonnet", "AssertionError: boom");
        const std::string error = claude->getValue<std::string>("error");
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "claude: cannot start the CLI '/nonexistent/claude'"));
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "npm install -g @anthropic-ai/claude-code"));
        auto cursor = analyze("cursor", "gpt-5", "AssertionError: boom"); // `agent` is not installed here
        CPPUNIT_ASSERT_MESSAGE(cursor->getValue<std::string>("error"),
                               contains(cursor->getValue<std::string>("error"), "set JJI_AI_COMMAND_CURSOR to its path"));
    }

    void hangingApiIsKilledAtTheTimeout()
    {
        start({{"JJI_AI_CLI_TIMEOUT_SECONDS", "6"}});
        const auto began = std::chrono::steady_clock::now();
        auto result = analyze("claude", "sonnet", "AssertionError: FAKE_API_HANG");
        const auto took = std::chrono::steady_clock::now() - began;
        const std::string error = result->getValue<std::string>("error");
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "timed out after 6 s and was killed"));
        CPPUNIT_ASSERT(took < std::chrono::seconds(30));
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        const auto left = processesWith(_marker, _server->pid());
        CPPUNIT_ASSERT_MESSAGE("CLI processes left behind: " + std::to_string(left.size()), left.empty());
    }

    void readOnlyModeRefusesAWriteTool()
    {
        start();
        for (const std::string provider : {"claude", "gemini"}) {
            const std::string target = _scratch->file("written-by-" + provider);
            auto result = analyze(provider, provider == "claude" ? "sonnet" : "gemini-2.5-pro",
                                  "AssertionError: x\nFAKE_API_TOOL touch " + target);
            // The model asked for the tool; the CLI refused it and the analysis went on.
            assertCompleted(result);
            CPPUNIT_ASSERT_MESSAGE(provider + " ran a shell command in read-only mode", !Poco::File(target).exists());
        }
    }

    void readOnlyGitWorksInAClonedRepo()
    {
        const std::string repos = _scratch->file("repos");
        CPPUNIT_ASSERT_EQUAL(0, std::system((jji::test::fakesDir() + "/../support/make-git-repos.sh " + repos).c_str()));
        start({{"JJI_ALLOW_FILE_REPOS", "true"}});
        auto result = analyze("claude", "sonnet", "AssertionError: x\nFAKE_API_TOOL git -C tests-repo show HEAD:tests/test_login.py",
                              R"(,"tests_repo_url":"file://)" + repos + R"(/tests.git")");
        assertCompleted(result);
        // The tool ran: its output (the file at HEAD) went back to the model.
        bool shown = false;
        for (const auto& request : apiRequests("anthropic"))
            shown = shown || contains(request->getValue<std::string>("text"), "def test_login(): assert login() == 200");
        CPPUNIT_ASSERT(shown);
    }

    void fullModeAllowsIt()
    {
        start({{"JJI_AI_TOOLS", "full"}});
        for (const std::string provider : {"claude", "gemini"}) {
            const std::string target = _scratch->file("written-by-" + provider);
            auto result = analyze(provider, provider == "claude" ? "sonnet" : "gemini-2.5-pro",
                                  "AssertionError: x\nFAKE_API_TOOL touch " + target);
            assertCompleted(result);
            CPPUNIT_ASSERT_MESSAGE(provider + " did not get full tool access", Poco::File(target).exists());
        }
    }

    void bothWorkAsAnOrdinaryUser()
    {
        if (::geteuid() != 0)
            return; // the whole suite already runs as an ordinary user
        jji::test::chownTree(_home->path(), kNobody);
        start({}, kNobody);
        CPPUNIT_ASSERT_EQUAL(std::string(std::to_string(kNobody)), statusField("Uid"));
        for (const auto& [provider, model] : {std::pair<std::string, std::string>{"claude", "sonnet"}, {"gemini", "gemini-2.5-pro"}}) {
            auto result = analyze(provider, model, "AssertionError: as nobody");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(provider + ": " + result->getValue<std::string>("error"), std::string("completed"),
                                         result->getValue<std::string>("status"));
        }
    }

    void checkAiReportsEachProvider()
    {
        auto env = environment({{"AI_PROVIDER", "claude"}, {"AI_MODEL", "sonnet"}, {"PEER_AI_CONFIGS", "gemini:gemini-2.5-pro"}});
        std::string output;
        CPPUNIT_ASSERT_EQUAL_MESSAGE(output, 0, ServerProcess::runToExit({"--check-ai"}, env, output, 120));
        CPPUNIT_ASSERT_MESSAGE(output, contains(output, "claude (model sonnet, command claude, readonly tools): ready"));
        CPPUNIT_ASSERT_MESSAGE(output, contains(output, "gemini (model gemini-2.5-pro, command gemini, readonly tools): ready"));
        env["GEMINI_API_KEY"] = "wrong";
        CPPUNIT_ASSERT_EQUAL_MESSAGE(output, 1, ServerProcess::runToExit({"--check-ai"}, env, output, 120));
        CPPUNIT_ASSERT_MESSAGE(output, contains(output, "claude (model sonnet, command claude, readonly tools): ready"));
        CPPUNIT_ASSERT_MESSAGE(output, contains(output, "NOT READY: gemini: the API refused the key (API_KEY_INVALID): "
                                                        "set GEMINI_API_KEY"));
        env.erase("AI_PROVIDER");
        env.erase("PEER_AI_CONFIGS");
        CPPUNIT_ASSERT_EQUAL(1, ServerProcess::runToExit({"--check-ai"}, env, output, 60));
        CPPUNIT_ASSERT_MESSAGE(output, contains(output, "no AI provider configured"));
    }

    void aiStatusEndpointIsForAdmins()
    {
        start({{"AI_PROVIDER", "claude"}, {"AI_MODEL", "sonnet"}, {"PEER_AI_CONFIGS", "gemini:gemini-unknown-1"}});
        CPPUNIT_ASSERT_EQUAL(403, _server->http().get("/api/ai/status").status);
        auto r = _server->http().get("/api/ai/status", {{"Authorization", std::string("Bearer ") + kAdminKey}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        auto status = r.json();
        CPPUNIT_ASSERT(!status->getValue<bool>("ready"));
        auto providers = status->getArray("providers");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), providers->size());
        auto claude = providers->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), claude->getValue<std::string>("ai_provider"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, true, claude->getValue<bool>("ready"));
        CPPUNIT_ASSERT(claude->get("error").isEmpty());
        CPPUNIT_ASSERT_EQUAL(std::string("readonly"), claude->getValue<std::string>("tools"));
        auto gemini = providers->getObject(1);
        CPPUNIT_ASSERT_EQUAL(false, gemini->getValue<bool>("ready"));
        CPPUNIT_ASSERT_MESSAGE(r.body, contains(gemini->getValue<std::string>("error"),
                                                "gemini: the API does not know the model 'gemini-unknown-1' (404)"));
    }

private:
    std::map<std::string, std::string> environment(const std::map<std::string, std::string>& extra = {})
    {
        auto env = ServerProcess::baseEnvironment(_home->path());
        env["PATH"] = cliDir() + ":" + env["PATH"]; // as `npm install -g` would put them on PATH
        env["ANTHROPIC_BASE_URL"] = _api->url();
        env["ANTHROPIC_API_KEY"] = "fake-key";
        env["GOOGLE_GEMINI_BASE_URL"] = _api->url();
        env["GEMINI_API_KEY"] = "fake-key";
        env["ADMIN_KEY"] = kAdminKey;
        env["JJI_TEST_MARKER"] = _marker.substr(_marker.find('=') + 1); // inherited by every CLI process
        for (const auto& [name, value] : extra)
            env[name] = value;
        return env;
    }

    void start(const std::map<std::string, std::string>& extra = {}, std::optional<int> runAsUid = std::nullopt)
    {
        ServerProcess::Options options;
        options.env = environment(extra);
        _server = std::make_unique<ServerProcess>(options, runAsUid);
    }

    Poco::JSON::Object::Ptr analyze(const std::string& provider, const std::string& model, const std::string& error,
                                    const std::string& extraFields = "")
    {
        const std::string body = R"({"ai_provider":)" + jji::analysis::toJsonText(provider) + R"(,"ai_model":)" + jji::analysis::toJsonText(model) +
                                 R"(,"failures":[{"test_name":"tests.test_widgets.test_count","error_message":)" +
                                 jji::analysis::toJsonText(error) + R"(,"stack_trace":""}])" + extraFields + "}";
        auto r = _server->http().postJson("/analyze-failures", body, {}, 120);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body + "\n" + _server->log(), 200, r.status);
        auto result = r.json();
        if (!result->has("error") || result->get("error").isEmpty())
            result->set("error", "");
        return result;
    }

    /// The analysis completed; the message is its error when it did not.
    static void assertCompleted(const Poco::JSON::Object::Ptr& result)
    {
        CPPUNIT_ASSERT_EQUAL_MESSAGE(result->getValue<std::string>("error"), std::string("completed"),
                                     result->getValue<std::string>("status"));
    }

    static std::string classification(const Poco::JSON::Object::Ptr& result)
    {
        return result->getArray("failures")->getObject(0)->getObject("analysis")->getValue<std::string>("classification");
    }

    Poco::JSON::Object::Ptr usageRecord(const std::string& jobId)
    {
        auto r = _server->http().get("/api/admin/token-usage/" + jobId, {{"Authorization", std::string("Bearer ") + kAdminKey}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        auto records = r.json()->getArray("records");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), records->size());
        return records->getObject(0);
    }

    std::vector<Poco::JSON::Object::Ptr> apiRequests(const std::string& api)
    {
        std::vector<Poco::JSON::Object::Ptr> out;
        std::ifstream in(_apiLog);
        std::string line;
        while (std::getline(in, line)) {
            auto request = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
            if (request->getValue<std::string>("api") == api && request->getValue<bool>("key_ok"))
                out.push_back(request);
        }
        return out;
    }

    static std::string toolsOf(const Poco::JSON::Object::Ptr& request)
    {
        std::ostringstream out;
        request->getArray("tools")->stringify(out);
        return out.str();
    }

    /// A field of the server's /proc status (e.g. the real Uid).
    std::string statusField(const std::string& name)
    {
        std::ifstream status("/proc/" + std::to_string(serverPid()) + "/status");
        std::string line;
        while (std::getline(status, line))
            if (line.rfind(name + ":", 0) == 0) {
                std::istringstream fields(line.substr(name.size() + 1));
                std::string first;
                fields >> first;
                return first;
            }
        return "";
    }

    int serverPid() { return _server->pid(); }

    std::unique_ptr<TempDir> _scratch, _home;
    std::string _apiLog, _marker;
    std::unique_ptr<FakeServer> _api;
    std::unique_ptr<ServerProcess> _server;
};

CPPUNIT_TEST_SUITE_REGISTRATION(RealAiCliTest);
