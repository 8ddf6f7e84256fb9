// The jji client's syntax as the original documents it, and what surrounds the commands:
// each documented example invocation parses and calls its endpoint (seen through
// JJI_DEBUG's request trace), config profiles and server selection, tables cut to the
// terminal, colours only on a terminal, error output and exit codes, and shell completion
// in bash, zsh and fish.
#include "CliRunner.h"

#include "jji/test/ServerProcess.h"
#include "jji/test/TempDir.h"

#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <filesystem>
#include <fstream>

using jji::test::CliRun;
using jji::test::ServerProcess;
using jji::test::TempDir;

namespace {

const std::string kAdminKey = "cli-syntax-admin-key-0123456789";

/// A documented invocation and the first request it must make ("" for none).
struct Example
{
    std::vector<std::string> args;
    std::string request; ///< "GET /results/job-123" (the path, and its query when it matters)
};

/// The examples of the original's CLI command reference, in its order, plus the
/// commands it documents without one.
std::vector<Example> documentedExamples(const std::string& metadataFile)
{
    return {
        {{"results", "dashboard"}, "GET /api/dashboard"},
        {{"health"}, "GET /api/health"},
        {{"capabilities"}, "GET /api/capabilities"},
        {{"ai-configs"}, "GET /ai-configs"},
        {{"ai-models", "-p", "claude"}, "GET /api/ai-models?provider=claude"},
        {{"jira-projects", "--query", "platform"}, "POST /api/jira-projects"},
        {{"jira-security-levels", "PROJ"}, "POST /api/jira-security-levels"},
        {{"analyze", "--job-name", "periodic-e2e", "--build-number", "274", "--provider", "claude", "--model", "opus-4", "--wait",
          "--poll-interval", "2", "--additional-repos", "infra:https://github.com/org/infra:main"},
         "POST /analyze"},
        {{"analyze", "-j", "periodic-e2e", "-b", "274"}, "POST /analyze"},
        {{"re-analyze", "job-123"}, "POST /re-analyze/job-123"},
        {{"status", "job-123"}, "GET /results/job-123"},
        {{"results", "list", "--limit", "20"}, "GET /results?limit=20"},
        {{"results", "show", "job-123", "--full"}, "GET /results/job-123"},
        {{"results", "show", "job-123", "--json"}, "GET /results/job-123"},
        {{"results", "delete", "job-123", "job-124"}, "DELETE /api/results/bulk"},
        {{"results", "delete", "job-123"}, "DELETE /results/job-123"},
        {{"results", "review-status", "job-123"}, "GET /results/job-123/review-status"},
        {{"results", "set-reviewed", "job-123", "--test", "tests.e2e.test_login", "--reviewed"}, "PUT /results/job-123/reviewed"},
        {{"results", "enrich-comments", "job-123"}, "POST /results/job-123/enrich-comments"},
        {{"history", "test", "tests.e2e.test_login", "--limit", "10"}, "GET /history/test/tests.e2e.test_login?limit=10"},
        {{"history", "search", "--signature", "8b9f4d"}, "GET /history/search?signature=8b9f4d"},
        {{"history", "stats", "periodic-e2e"}, "GET /history/stats/periodic-e2e"},
        {{"history", "failures", "--classification", "PRODUCT BUG", "--limit", "25"},
         "GET /history/failures?classification=PRODUCT%20BUG&limit=25&offset=0"},
        {{"classify", "tests.e2e.test_login", "--type", "REGRESSION", "--job-id", "job-123", "--reason", "fails after merge"},
         "POST /history/classify"},
        {{"override-classification", "job-123", "--test", "tests.e2e.test_login", "--classification", "PRODUCT BUG"},
         "PUT /results/job-123/override-classification"},
        {{"classifications", "list", "--job-name", "periodic-e2e", "--type", "REGRESSION"},
         "GET /history/classifications?classification=REGRESSION&job_name=periodic-e2e"},
        {{"comments", "list", "job-123"}, "GET /results/job-123/comments"},
        {{"comments", "add", "job-123", "--test", "tests.e2e.test_login", "--message", "tracking in PROJ-456"}, "POST /results/job-123/comments"},
        {{"comments", "delete", "job-123", "42"}, "DELETE /results/job-123/comments/42"},
        {{"mentionable-users"}, "GET /api/users/mentionable"},
        {{"mentions", "--unread"}, "GET /api/users/mentions?limit=50&offset=0&unread_only=true"},
        {{"mentions-mark-read", "--ids", "10,11,12"}, "POST /api/users/mentions/read"},
        {{"mentions-mark-all-read"}, "POST /api/users/mentions/read-all"},
        {{"analyze-comment-intent", "fixed by PR 12", "--job-id", "job-123"}, "POST /api/analyze-comment-intent"},
        {{"preview-issue", "job-123", "--test", "tests.e2e.test_login", "--type", "jira"}, "POST /results/job-123/preview-jira-bug"},
        {{"preview-issue", "job-123", "--test", "tests.e2e.test_login", "--type", "github", "--include-links"},
         "POST /results/job-123/preview-github-issue"},
        {{"create-issue", "job-123", "--test", "tests.e2e.test_login", "--type", "jira", "--title",
          "tests.e2e.test_login fails on periodic-e2e", "--body", "Failure details..."},
         "POST /results/job-123/create-jira-bug"},
        {{"get-issue-prompt", "job-123"}, "GET /results/job-123/issue-prompt"},
        {{"validate-token", "github", "--token", "ghp_example"}, "POST /api/validate-token"},
        {{"push-reportportal", "job-123"}, "POST /results/job-123/push-reportportal"},
        {{"push-rp", "job-123"}, "POST /results/job-123/push-reportportal"},
        {{"auth", "login", "--username", "admin", "--api-key", kAdminKey}, "POST /api/auth/login"},
        {{"auth", "logout"}, "POST /api/auth/logout"},
        {{"auth", "whoami"}, "GET /api/auth/me"},
        {{"admin", "users", "list"}, "GET /api/admin/users"},
        {{"admin", "users", "create", "newadmin"}, "POST /api/admin/users"},
        {{"admin", "users", "delete", "oldadmin", "--force"}, "DELETE /api/admin/users/oldadmin"},
        {{"admin", "users", "rotate-key", "myuser"}, "POST /api/admin/users/myuser/rotate-key"},
        {{"admin", "users", "change-role", "myuser", "admin"}, "PUT /api/admin/users/myuser/role"},
        {{"admin", "token-usage", "--group-by", "provider"}, "GET /api/admin/token-usage?group_by=provider"},
        {{"admin", "token-usage", "--group-by", "provider", "--format", "csv"}, "GET /api/admin/token-usage?group_by=provider"},
        {{"admin", "token-usage"}, "GET /api/admin/token-usage/summary"},
        {{"metadata", "list", "--team", "platform", "--label", "nightly"}, "GET /api/jobs/metadata?team=platform&label=nightly"},
        {{"metadata", "get", "periodic-e2e"}, "GET /api/jobs/periodic-e2e/metadata"},
        {{"metadata", "set", "periodic-e2e", "--team", "platform", "--tier", "critical", "--label", "nightly"},
         "PUT /api/jobs/periodic-e2e/metadata"},
        {{"metadata", "delete", "periodic-e2e"}, "DELETE /api/jobs/periodic-e2e/metadata"},
        {{"metadata", "import", metadataFile}, "PUT /api/jobs/metadata/bulk"},
        {{"metadata", "rules"}, "GET /api/jobs/metadata/rules"},
        {{"metadata", "preview", "test-smoke"}, "POST /api/jobs/metadata/rules/preview"},
        {{"config"}, ""},
        {{"config", "servers"}, ""},
        {{"config", "completion", "bash"}, ""},
    };
}

std::string joined(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class CliSyntaxTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CliSyntaxTest);
    CPPUNIT_TEST(documentedExamplesCallTheirEndpoints);
    CPPUNIT_TEST(everyCommandHasHelpAndRejectsUnknownOptions);
    CPPUNIT_TEST(profilesChooseTheServerAndItsDefaults);
    CPPUNIT_TEST(configShowMasksSecretsAndBadConfigIsAnError);
    CPPUNIT_TEST(tablesFitTheTerminalAndColoursOnlyOnATerminal);
    CPPUNIT_TEST(errorsGoToStderrWithExitCodes);
    CPPUNIT_TEST(completionInBashZshAndFish);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<TempDir> _home;
    std::unique_ptr<ServerProcess> _server;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(_server->port()); }

    /// jji with a private HOME, the server from JJI_SERVER unless `env` says otherwise.
    CliRun jji(const std::vector<std::string>& args, std::map<std::string, std::string> env = {}, const std::string& input = "") const
    {
        env.emplace("HOME", _home->path());
        env.emplace("JJI_SERVER", url());
        return jji::test::runCli(args, env, input);
    }

    void writeConfig(const std::string& toml) const
    {
        std::filesystem::create_directories(_home->path() + "/.config/jji");
        std::ofstream(_home->path() + "/.config/jji/config.toml") << toml;
    }

    std::string directJob() const
    {
        auto r = _server->http().postJson("/analyze-failures", R"({"failures":[{"test_name":"t.a","error_message":"AssertionError: x"}]})");
        return r.json()->getValue<std::string>("job_id");
    }

public:
    void setUp() override
    {
        _home = std::make_unique<TempDir>();
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{
            {{"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"}, {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"},
             {"ADMIN_KEY", kAdminKey}, {"JENKINS_URL", "http://127.0.0.1:1"}, {"JENKINS_USER", "u"}, {"JENKINS_PASSWORD", "p"},
             {"GITHUB_API_URL", "http://127.0.0.1:1"}},
            {}});
    }

    void tearDown() override
    {
        _server.reset();
        _home.reset();
    }

    void documentedExamplesCallTheirEndpoints()
    {
        const std::string metadataFile = _home->file("job-metadata.yaml");
        std::ofstream(metadataFile) << "- job_name: periodic-e2e\n  team: platform\n  labels: [nightly]\n";
        for (const auto& example : documentedExamples(metadataFile)) {
            const CliRun run = jji(example.args, {{"JJI_DEBUG", "1"}, {"JJI_API_KEY", kAdminKey}, {"JJI_USERNAME", "alice"}});
            const std::string what = "jji " + joined(example.args) + "\nstderr: " + run.err;
            CPPUNIT_ASSERT_MESSAGE(what, run.code == 0 || run.code == 1); // parsed; the server may refuse job-123
            if (example.request.empty()) {
                CPPUNIT_ASSERT_MESSAGE(what, !contains(run.err, "> "));
                CPPUNIT_ASSERT_EQUAL_MESSAGE(what, 0, run.code);
                continue;
            }
            const auto first = run.err.find("> ");
            CPPUNIT_ASSERT_MESSAGE(what, first != std::string::npos);
            const std::string line = run.err.substr(first + 2, run.err.find('\n', first) - first - 2);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(what, example.request, line);
        }
    }

    void everyCommandHasHelpAndRejectsUnknownOptions()
    {
        const CliRun help = jji({"--help"});
        CPPUNIT_ASSERT_EQUAL(0, help.code);
        std::vector<std::vector<std::string>> commands{{"health"}, {"results", "show"}, {"admin", "users", "change-role"},
                                                       {"analyze"}, {"metadata", "import"}, {"config", "completion"}};
        for (auto words : commands) {
            words.push_back("--help");
            const CliRun run = jji(words);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(joined(words), 0, run.code);
            CPPUNIT_ASSERT_MESSAGE(run.out, contains(run.out, "Usage: jji " + joined(std::vector<std::string>(words.begin(), words.end() - 1))));
        }
        // analyze documents all of the original's options (31) besides its own --follow and --poll-seconds.
        const CliRun analyze = jji({"analyze", "--help"});
        for (const char* option : {"--job-name", "--build-number", "--provider", "--model", "--jira / --no-jira", "--jenkins-url",
                                   "--jenkins-user", "--jenkins-password", "--jenkins-ssl-verify / --no-jenkins-ssl-verify",
                                   "--jenkins-timeout", "--jenkins-artifacts-max-size-mb", "--get-job-artifacts / --no-get-job-artifacts",
                                   "--tests-repo-url", "--jira-url", "--jira-email", "--jira-api-token", "--jira-pat", "--jira-project-key",
                                   "--jira-ssl-verify / --no-jira-ssl-verify", "--jira-max-results", "--github-token", "--ai-cli-timeout",
                                   "--raw-prompt", "--peers", "--peer-analysis-max-rounds", "--additional-repos", "--wait / --no-wait",
                                   "--poll-interval", "--max-wait", "--force / --no-force", "--json", "--follow"})
            CPPUNIT_ASSERT_MESSAGE(option, contains(analyze.out, option));
        const CliRun bad = jji({"results", "list", "--frobnicate"});
        CPPUNIT_ASSERT_EQUAL(2, bad.code);
        CPPUNIT_ASSERT_MESSAGE(bad.err, contains(bad.err, "No such option: --frobnicate"));
        CPPUNIT_ASSERT_EQUAL(2, jji({"results", "list", "--limit", "many"}).code);
        CPPUNIT_ASSERT_EQUAL(2, jji({"results"}).code); // a group alone: its help, as a usage error
        CPPUNIT_ASSERT(contains(jji({"results"}).err, "set-reviewed"));
    }

    void profilesChooseTheServerAndItsDefaults()
    {
        writeConfig("[default]\nserver = \"dev\"\n\n[defaults]\nai_provider = \"claude\"\nai_model = \"model-from-defaults\"\n\n"
                    "[servers.dev]\nurl = \"" + url() + "\"\nusername = \"alice\"\n\n"
                    "[servers.ops]\nurl = \"" + url() + "\"\napi_key = \"" + kAdminKey + "\"\n\n"
                    "[servers.down]\nurl = \"http://127.0.0.1:1\"\n");
        const std::map<std::string, std::string> noServer{{"JJI_SERVER", ""}};
        // The default profile: its URL and username (comments); another one's api_key (admin commands).
        const std::string id = directJob();
        CliRun added = jji({"comments", "add", id, "-t", "t.a", "-m", "seen before"}, noServer);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(added.err, 0, added.code);
        auto comments = _server->http().get("/results/" + id + "/comments").json()->getArray("comments");
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), comments->getObject(0)->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(1, jji({"admin", "users", "list"}, noServer).code); // dev has no api_key
        CliRun admin = jji({"-s", "ops", "admin", "users", "list"}, noServer);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(admin.err, 0, admin.code);
        // [defaults] reach analyze's request.
        CliRun queued = jji({"--json", "analyze", "-j", "app", "-b", "3", "--no-wait"}, noServer);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(queued.err, 0, queued.code);
        const std::string job = Poco::JSON::Parser().parse(queued.out).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("job_id");
        auto params = _server->http().get("/results/" + job).json()->getObject("result")->getObject("request_params");
        CPPUNIT_ASSERT_EQUAL(std::string("model-from-defaults"), params->getValue<std::string>("ai_model"));
        // --model over the profile.
        queued = jji({"--json", "analyze", "-j", "app", "-b", "4", "--no-wait", "--model", "from-flag"}, noServer);
        const std::string job2 = Poco::JSON::Parser().parse(queued.out).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("job_id");
        params = _server->http().get("/results/" + job2).json()->getObject("result")->getObject("request_params");
        CPPUNIT_ASSERT_EQUAL(std::string("from-flag"), params->getValue<std::string>("ai_model"));
        // --server NAME picks another profile; an unknown name lists the known ones; a URL stands alone.
        CliRun down = jji({"--server", "down", "health"}, noServer);
        CPPUNIT_ASSERT_EQUAL(1, down.code);
        CPPUNIT_ASSERT_MESSAGE(down.err, contains(down.err, "Error: Connection error: Cannot connect to http://127.0.0.1:1"));
        CliRun unknown = jji({"-s", "nope", "health"}, noServer);
        CPPUNIT_ASSERT_EQUAL(1, unknown.code);
        CPPUNIT_ASSERT_MESSAGE(unknown.err, contains(unknown.err, "Server 'nope' not found in config. Available servers: dev, down, ops"));
        CliRun byUrl = jji({"--server", url(), "admin", "users", "list"}, noServer); // no profile: no api_key
        CPPUNIT_ASSERT_EQUAL(1, byUrl.code);
        CPPUNIT_ASSERT_MESSAGE(byUrl.err, contains(byUrl.err, "Use --api-key or set JJI_API_KEY"));
        // JJI_SERVER names a profile too; XDG_CONFIG_HOME moves the file.
        CPPUNIT_ASSERT_EQUAL(1, jji({"health"}, {{"JJI_SERVER", "down"}}).code);
        CliRun elsewhere = jji({"health"}, {{"JJI_SERVER", ""}, {"XDG_CONFIG_HOME", _home->path() + "/nowhere"}});
        CPPUNIT_ASSERT_EQUAL(1, elsewhere.code);
        CPPUNIT_ASSERT_MESSAGE(elsewhere.err, contains(elsewhere.err, "No server specified. Use --server, set JJI_SERVER, or configure " +
                                                                          _home->path() + "/nowhere/jji/config.toml"));
        // --verify-ssl and --insecure together: refused.
        CPPUNIT_ASSERT_EQUAL(1, jji({"--verify-ssl", "--insecure", "health"}).code);
    }

    void configShowMasksSecretsAndBadConfigIsAnError()
    {
        CliRun none = jji({"config", "show"});
        CPPUNIT_ASSERT_EQUAL(0, none.code);
        CPPUNIT_ASSERT_MESSAGE(none.out, contains(none.out, "No config file found at " + _home->path() + "/.config/jji/config.toml"));
        writeConfig("[default]\nserver = \"prod\"\n[defaults]\ngithub_token = \"ghp_secret_in_defaults\"\n"
                    "[servers.prod]\nurl = \"https://jji.example.com\"\nusername = \"bob\"\napi_key = \"prod-secret-key\"\n"
                    "jira_pat = \"jira-secret-pat\"\nadditional_repos = \"infra:https://github.com/org/infra:main@repo-secret-token\"\n"
                    "no_verify_ssl = true\nai_cli_timeout = 7\n");
        CliRun shown = jji({"config"});
        CPPUNIT_ASSERT_EQUAL(0, shown.code);
        for (const char* secret : {"ghp_secret_in_defaults", "prod-secret-key", "jira-secret-pat", "repo-secret-token"})
            CPPUNIT_ASSERT_MESSAGE(shown.out, !contains(shown.out, secret));
        CPPUNIT_ASSERT_MESSAGE(shown.out, contains(shown.out, "Default server: prod"));
        CPPUNIT_ASSERT_MESSAGE(shown.out, contains(shown.out, "  prod *: https://jji.example.com user=bob (no-verify-ssl)"));
        CPPUNIT_ASSERT_MESSAGE(shown.out, contains(shown.out, "api_key = ********"));
        CPPUNIT_ASSERT_MESSAGE(shown.out, contains(shown.out, "additional_repos = infra:https://github.com/org/infra:main@********"));
        CPPUNIT_ASSERT_MESSAGE(shown.out, contains(shown.out, "ai_cli_timeout = 7"));
        CliRun servers = jji({"config", "servers", "--json"});
        auto prod = Poco::JSON::Parser().parse(servers.out).extract<Poco::JSON::Object::Ptr>()->getObject("prod");
        CPPUNIT_ASSERT(prod->getValue<bool>("default"));
        CPPUNIT_ASSERT(prod->getValue<bool>("no_verify_ssl"));
        writeConfig("[servers.x\nurl = 1\n");
        CliRun broken = jji({"config", "show"});
        CPPUNIT_ASSERT_EQUAL(1, broken.code);
        CPPUNIT_ASSERT_MESSAGE(broken.err, contains(broken.err, "Invalid TOML in " + _home->path() + "/.config/jji/config.toml"));
        writeConfig("[servers.x]\nurl = 5\n");
        CliRun typed = jji({"config", "servers"});
        CPPUNIT_ASSERT_EQUAL(1, typed.code);
        CPPUNIT_ASSERT_MESSAGE(typed.err, contains(typed.err, "'servers.x.url' must be a string"));
    }

    void tablesFitTheTerminalAndColoursOnlyOnATerminal()
    {
        writeConfig("[servers.long]\nurl = \"https://a-very-long-host-name.example.com/with/a/deep/path/for/the/jji/service\"\n"
                    "username = \"someone-with-a-long-name\"\n");
        CliRun full = jji({"config", "servers"});
        CPPUNIT_ASSERT_MESSAGE(full.out, contains(full.out, "https://a-very-long-host-name.example.com/with/a/deep/path/for/the/jji/service"));
        CliRun narrow = jji({"config", "servers"}, {{"COLUMNS", "60"}});
        std::istringstream lines(narrow.out);
        for (std::string line; std::getline(lines, line);) {
            std::size_t width = 0;
            for (char ch : line)
                width += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
            CPPUNIT_ASSERT_MESSAGE(narrow.out, width <= 60);
        }
        CPPUNIT_ASSERT_MESSAGE(narrow.out, contains(narrow.out, "\xE2\x80\xA6")); // cut with an ellipsis
        CPPUNIT_ASSERT_MESSAGE(narrow.out, contains(narrow.out, "long ")); // the short column whole

        directJob();
        CliRun piped = jji({"results", "list"});
        CPPUNIT_ASSERT_MESSAGE(piped.out, contains(piped.out, "completed") && !contains(piped.out, "\x1b["));
        // On a terminal (script(1) gives one): the status in colour, unless NO_COLOR.
        const std::string command = std::string(JJI_CLI_PATH) + " results list";
        auto onTerminal = [&](std::map<std::string, std::string> env) {
            env.emplace("HOME", _home->path());
            env.emplace("JJI_SERVER", url());
            env.emplace("TERM", "xterm");
            return jji::test::runProgram("/usr/bin/script", {"-qec", command, "/dev/null"}, env).out;
        };
        const std::string coloured = onTerminal({});
        CPPUNIT_ASSERT_MESSAGE(coloured, contains(coloured, "\x1b[32mcompleted\x1b[0m"));
        const std::string plain = onTerminal({{"NO_COLOR", "1"}});
        CPPUNIT_ASSERT_MESSAGE(plain, contains(plain, "completed") && !contains(plain, "\x1b[32m"));
    }

    void errorsGoToStderrWithExitCodes()
    {
        CliRun missing = jji({"results", "show", "no-such-job"});
        CPPUNIT_ASSERT_EQUAL(1, missing.code);
        CPPUNIT_ASSERT_EQUAL(std::string(), missing.out);
        CPPUNIT_ASSERT_EQUAL(std::string("Error: HTTP 404: Job not found\n"), missing.err);
        CliRun forbidden = jji({"admin", "users", "list"});
        CPPUNIT_ASSERT_EQUAL(1, forbidden.code);
        CPPUNIT_ASSERT_MESSAGE(forbidden.err, contains(forbidden.err, "Error: HTTP 40") && contains(forbidden.err, "Hint: "));
        CliRun usage = jji({"results", "show"});
        CPPUNIT_ASSERT_EQUAL(2, usage.code);
        CPPUNIT_ASSERT_MESSAGE(usage.err, contains(usage.err, "Usage: jji results show JOB_ID") && contains(usage.err, "Missing argument 'JOB_ID'"));
        CliRun unknown = jji({"frobnicate"});
        CPPUNIT_ASSERT_EQUAL(2, unknown.code);
        CPPUNIT_ASSERT_MESSAGE(unknown.err, contains(unknown.err, "No such command 'frobnicate'"));
        CPPUNIT_ASSERT_EQUAL(2, jji({}).code);
        CPPUNIT_ASSERT_EQUAL(0, jji({"help"}).code);
        CliRun down = jji({"health"}, {{"JJI_SERVER", "http://127.0.0.1:1"}});
        CPPUNIT_ASSERT_EQUAL(1, down.code);
        CPPUNIT_ASSERT_MESSAGE(down.err, contains(down.err, "Error: Connection error: Cannot connect to http://127.0.0.1:1"));
        // --json before or after the command.
        const std::string id = directJob();
        for (const auto& args : std::vector<std::vector<std::string>>{{"--json", "status", id}, {"status", id, "--json"}}) {
            CliRun json = jji(args);
            CPPUNIT_ASSERT_EQUAL(0, json.code);
            CPPUNIT_ASSERT_EQUAL(id, Poco::JSON::Parser().parse(json.out).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("job_id"));
        }
    }

    void completionInBashZshAndFish()
    {
        const std::string id = directJob();
        const std::string bin = std::filesystem::path(JJI_CLI_PATH).parent_path().string();
        for (const char* shell : {"bash", "zsh", "fish"}) {
            CliRun script = jji({"--show-completion", shell});
            CPPUNIT_ASSERT_EQUAL(0, script.code);
            std::ofstream(_home->file(std::string("jji.") + shell)) << script.out;
        }
        auto run = [&](const std::string& shell, const std::string& code) {
            return jji::test::runProgram("/usr/bin/" + shell, {"-c", code},
                                         {{"PATH", bin + ":/usr/bin:/bin"}, {"HOME", _home->path()}, {"JJI_SERVER", url()}});
        };
        const std::string bashScript = _home->file("jji.bash"), zshScript = _home->file("jji.zsh"), fishScript = _home->file("jji.fish");
        CliRun bash = run("bash", "source " + bashScript + "; COMP_WORDS=(jji res); COMP_CWORD=1; _jji_completion; printf '%s\\n' \"${COMPREPLY[@]}\";"
                                  " COMP_WORDS=(jji results show ''); COMP_CWORD=3; _jji_completion; printf '%s\\n' \"${COMPREPLY[@]}\";"
                                  " COMP_WORDS=(jji override-classification x -c ''); COMP_CWORD=4; _jji_completion; printf '%s\\n' \"${COMPREPLY[@]}\"");
        CPPUNIT_ASSERT_MESSAGE(bash.out + bash.err, contains(bash.out, "results\n") && contains(bash.out, id + "\n"));
        CPPUNIT_ASSERT_MESSAGE(bash.out, contains(bash.out, "PRODUCT\\ BUG\n")); // quoted for the shell
        CliRun zsh = run("zsh", "compadd() { print -l -- \"$@\"; }; compdef() { :; }; source " + zshScript +
                                    "; words=(jji admin users ''); CURRENT=4; _jji; words=(jji comments list ''); CURRENT=4; _jji");
        CPPUNIT_ASSERT_MESSAGE(zsh.out + zsh.err, contains(zsh.out, "rotate-key\n") && contains(zsh.out, id + "\n"));
        CliRun fish = run("fish", "source " + fishScript + "; complete -C 'jji metadata '; complete -C 'jji --server '; complete -C 'jji status '");
        CPPUNIT_ASSERT_MESSAGE(fish.out + fish.err, contains(fish.out, "preview\n") && contains(fish.out, id + "\n"));
        // The instructions the original prints.
        CliRun howto = jji({"config", "completion", "bash"});
        CPPUNIT_ASSERT_MESSAGE(howto.out, contains(howto.out, "eval \"$(jji --show-completion bash)\""));
        CPPUNIT_ASSERT_EQUAL(1, jji({"config", "completion", "tcsh"}).code);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CliSyntaxTest);
