// The jji command-line client end to end: every command of its tree, run as the real
// binary (CliRunner.h) against the real daemon with the fake AI CLI, the fake Jenkins and
// the fake trackers (GitHub, Jira, Report Portal). Each command is checked for its exit
// code (0 ok, 1 the server said no, 2 usage), its human output, its --json output, and
// what the server holds afterwards.
#include "CliRunner.h"
#include "jji/test/FakeJenkins.h"
#include "jji/test/FakeTrackers.h"
#include "jji/test/JenkinsFixture.h"
#include "jji/test/ServerProcess.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <exception>
#include <filesystem>
#include <sstream>
#include <sys/stat.h>
#include <thread>

using jji::test::CliRun;
using jji::test::FakeJenkins;
using jji::test::FakeTrackers;
using jji::test::HttpResponse;
using jji::test::jenkinsBuild;
using jji::test::jenkinsCase;
using jji::test::jenkinsReport;
using jji::test::ServerProcess;
using jji::test::TempDir;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const std::string kAdminKey = "cli-test-admin-key-0123456789";
const std::string kSave = "tests.core.TestSave.test_save";      // PRODUCT BUG for the fake AI
const std::string kLogin = "tests.api.TestLogin.test_admin";    // CODE ISSUE
const std::string kConnect = "tests.db.TestConn.test_connect";  // INFRASTRUCTURE
// base64("alice@example.com:jira_cloud_token"): the Jira Cloud identity of the fixture
const std::string kAliceCloud = "Basic YWxpY2VAZXhhbXBsZS5jb206amlyYV9jbG91ZF90b2tlbg==";
const std::string kValid = "\xE2\x9C\x93 Valid \xE2\x80\x94 ";
const std::string kInvalid = "\xE2\x9C\x97 Invalid \xE2\x80\x94 ";

/// The trackers of TrackersTest, cut to what the commands use.
std::string trackersFixture()
{
    return R"({"github":{"tokens":{"ghp_server_token":"jji-bot","ghp_request_token":"req-user"},
                 "issues":{"acme/tests":[{"number":42,"title":"Core failure in login flow","state":"open","updated":"2026-03-05T00:00:00Z"},
                                         {"number":7,"title":"Fix login","state":"closed","pull":true,"merged":true}]}},
       "jira":{"cloud":[{"email":"alice@example.com","token":"jira_cloud_token","name":"Alice Cloud"}],
               "pats":[{"token":"jira_server_pat","name":"JJI Bot"}],
               "projects":[{"key":"PROJ","name":"Product"},{"key":"OPS","name":"Operations"}],
               "issues":[{"key":"PROJ-1","summary":"Core failure when saving","status":"In Progress","priority":"High"},
                         {"key":"PROJ-2","summary":"Unrelated thing","status":"Done","priority":"Low"}],
               "security_levels":{"PROJ":[{"id":"10001","name":"Internal","description":"Staff only"}]}},
       "reportportal":{"token":"rp_token_secret","project":"qa",
               "launches":[{"id":500,"name":"folder/app","number":3,"attributes":[{"key":"build","value":"11"}]},
                           {"id":501,"name":"folder/app","number":4,"attributes":[{"key":"build","value":"12"}]},
                           {"id":601,"name":"comp-a","number":1,"attributes":[{"key":"jenkins_build","value":"7"}]}],
               "items":{"501":[{"id":1,"name":"test_admin","codeRef":"tests.api.TestLogin.test_admin","type":"STEP","status":"FAILED"},
                               {"id":2,"name":"tests.db.TestConn.test_connect","type":"STEP","status":"FAILED"},
                               {"id":3,"name":"test_unmapped","type":"STEP","status":"FAILED"}],
                        "601":[{"id":11,"name":"test_checkout","type":"STEP","status":"FAILED"}]}}})";
}

/// folder/app 12 and 13 fail the same three tests; slow/3 is still building for two polls;
/// pipe/5 is a pipeline with the child comp-a/7.
std::string jenkinsFixture()
{
    const std::string app =
        jenkinsReport(jenkinsCase("tests.api.TestLogin", "test_admin", "FAILED", "AssertionError: expected 200 got 500") + "," +
                      jenkinsCase("tests.db.TestConn", "test_connect", "FAILED", "Connection refused to db:5432") + "," +
                      jenkinsCase("tests.core.TestSave", "test_save", "FAILED", "Segfault in core module"));
    const std::string one = jenkinsReport(jenkinsCase("tests.api.TestLogin", "test_admin", "FAILED", "AssertionError: expected 200 got 500"));
    const std::string child = jenkinsReport(jenkinsCase("tests.comp.TestUi", "test_checkout", "FAILED", "Checkout crashed"));
    auto entry = [](const std::string& key, int number, const std::string& result, const std::string& report, const std::string& extra = "",
                    const std::string& more = "") {
        return "\"" + key + "\":{\"build\":" + jenkinsBuild(number, result, extra) + ",\"testReport\":" + report +
               ",\"console\":\"log\\n\"" + more + "}";
    };
    return R"({"user":"u","token":"t","builds":{)" + entry("folder/app/12", 12, "UNSTABLE", app) + "," +
           entry("folder/app/13", 13, "UNSTABLE", app) + "," + entry("slow/3", 3, "UNSTABLE", one, "", R"(,"building_polls":2)") + "," +
           entry("pipe/5", 5, "FAILURE", "null", R"(,"subBuilds":[{"jobName":"comp-a","buildNumber":7,"result":"FAILURE"}])") + "," +
           entry("comp-a/7", 7, "UNSTABLE", child) + "}}";
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

std::string str(const Poco::Dynamic::Var& json)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(json, out);
    return out.str();
}

std::string joined(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

/// The lines of a text, without their ends ("\r\n" too).
std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        out.push_back(line);
    }
    return out;
}

/// What follows `prefix` on the first line that starts with it.
std::string after(const std::string& text, const std::string& prefix)
{
    for (const auto& line : lines(text))
        if (line.rfind(prefix, 0) == 0)
            return line.substr(prefix.size());
    CPPUNIT_FAIL("no line starting with '" + prefix + "' in:\n" + text);
    return "";
}

/// The text between `start` and the next `end`.
std::string between(const std::string& text, const std::string& start, const std::string& end)
{
    const auto from = text.find(start);
    CPPUNIT_ASSERT_MESSAGE("no '" + start + "' in:\n" + text, from != std::string::npos);
    const auto begin = from + start.size();
    return text.substr(begin, text.find(end, begin) - begin);
}

std::string thousands(long long n)
{
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i)
        out += (i > 0 && (digits.size() - i) % 3 == 0 ? "," : "") + std::string(1, digits[i]);
    return out;
}

/// A table as the CLI prints it: headers, a dashed rule giving each column's span, rows up
/// to the next blank line.
class Table
{
public:
    Table(const std::string& text, const std::string& firstHeader) : _text(text)
    {
        const auto all = lines(text);
        std::size_t at = 0;
        while (at < all.size() && all[at].rfind(firstHeader, 0) != 0)
            ++at;
        CPPUNIT_ASSERT_MESSAGE("no table headed " + firstHeader + " in:\n" + text, at + 1 < all.size());
        const std::string& rule = all[at + 1];
        CPPUNIT_ASSERT_MESSAGE("no rule under the headers in:\n" + text, !rule.empty() && rule.find_first_not_of("- ") == std::string::npos);
        for (std::size_t from = 0; from != std::string::npos; from = rule.find('-', rule.find(' ', from))) {
            _spans.push_back(from);
            if (rule.find(' ', from) == std::string::npos)
                break;
        }
        _headers = cells(all[at]);
        for (std::size_t r = at + 2; r < all.size() && !all[r].empty(); ++r)
            _rows.push_back(cells(all[r]));
    }

    std::size_t size() const { return _rows.size(); }
    std::string cell(std::size_t row, const std::string& header) const
    {
        CPPUNIT_ASSERT_MESSAGE(_text, row < _rows.size());
        return _rows[row][column(header)];
    }
    /// The row whose `header` cell is `value`, as header -> cell.
    std::map<std::string, std::string> row(const std::string& header, const std::string& value) const
    {
        for (const auto& r : _rows)
            if (r[column(header)] == value) {
                std::map<std::string, std::string> out;
                for (std::size_t c = 0; c < _headers.size(); ++c)
                    out[_headers[c]] = r[c];
                return out;
            }
        CPPUNIT_FAIL("no row with " + header + " = " + value + " in:\n" + _text);
        return {};
    }
    std::vector<std::string> columnValues(const std::string& header) const
    {
        std::vector<std::string> out;
        for (const auto& r : _rows)
            out.push_back(r[column(header)]);
        return out;
    }

private:
    std::size_t column(const std::string& header) const
    {
        for (std::size_t c = 0; c < _headers.size(); ++c)
            if (_headers[c] == header)
                return c;
        CPPUNIT_FAIL("no column " + header + " in:\n" + _text);
        return 0;
    }

    std::vector<std::string> cells(const std::string& line) const
    {
        std::vector<std::string> out;
        for (std::size_t c = 0; c < _spans.size(); ++c) {
            const std::size_t from = _spans[c], to = c + 1 < _spans.size() ? _spans[c + 1] : std::string::npos;
            std::string cell = from < line.size() ? line.substr(from, to == std::string::npos ? to : to - from) : "";
            cell.erase(cell.find_last_not_of(' ') + 1);
            out.push_back(cell);
        }
        return out;
    }

    std::string _text;
    std::vector<std::size_t> _spans;
    std::vector<std::string> _headers;
    std::vector<std::vector<std::string>> _rows;
};

Object::Ptr failureOf(const Object::Ptr& result, const std::string& test)
{
    Array::Ptr failures = result->getArray("failures");
    for (std::size_t i = 0; failures && i < failures->size(); ++i)
        if (failures->getObject(static_cast<unsigned>(i))->getValue<std::string>("test_name") == test)
            return failures->getObject(static_cast<unsigned>(i));
    CPPUNIT_FAIL("no failure " + test + " in " + str(result));
    return nullptr;
}

} // namespace

class CliTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CliTest);
    CPPUNIT_TEST(serverCommands);
    CPPUNIT_TEST(analyzeAndStatus);
    CPPUNIT_TEST(reAnalyzeAndAnalyzeFailures);
    CPPUNIT_TEST(resultsCommands);
    CPPUNIT_TEST(historyAndClassificationCommands);
    CPPUNIT_TEST(commentAndMentionCommands);
    CPPUNIT_TEST(trackerCommands);
    CPPUNIT_TEST(authAndAdminUserCommands);
    CPPUNIT_TEST(tokenUsageCommand);
    CPPUNIT_TEST(metadataCommands);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<TempDir> _scratch;
    std::string _home; // the CLI's HOME: no user config or session leaks in
    std::unique_ptr<FakeJenkins> _jenkins;
    std::unique_ptr<FakeTrackers> _trackers;
    std::unique_ptr<ServerProcess> _server;

public:
    void setUp() override
    {
        _scratch = std::make_unique<TempDir>();
        _home = _scratch->file("home");
        std::filesystem::create_directories(_home);
        jji::test::writeFile(_scratch->file("rules.yaml"), "metadata_rules:\n"
                                                           "  - pattern: \"folder/*\"\n"
                                                           "    team: platform\n"
                                                           "    labels: [nightly]\n"
                                                           "  - pattern: \"(?P<team>[a-z]+)/(?P<version>[0-9]+)\"\n");
        std::exception_ptr failed; // the two fakes start side by side
        std::thread jenkins([&] {
            try {
                _jenkins = std::make_unique<FakeJenkins>(jenkinsFixture());
            } catch (...) {
                failed = std::current_exception();
            }
        });
        _trackers = std::make_unique<FakeTrackers>(trackersFixture());
        jenkins.join();
        if (failed)
            std::rethrow_exception(failed);
        // The server knows the fake Jenkins but has no credentials for it: an analysis only
        // gets its builds with the --jenkins-user / --jenkins-password it brings.
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{
            {{"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"}, {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"},
             {"JENKINS_URL", _jenkins->url()}, {"ADMIN_KEY", kAdminKey}, {"JJI_WAIT_MINUTE_SECONDS", "1"},
             {"GITHUB_API_URL", _trackers->url()}, {"GITHUB_TOKEN", "ghp_server_token"},
             {"TESTS_REPO_URL", "https://github.com/acme/tests.git"}, {"JIRA_URL", _trackers->url()}, {"JIRA_PAT", "jira_server_pat"},
             {"JIRA_PROJECT_KEY", "PROJ"}, {"ENABLE_JIRA", "false"}, {"PUBLIC_BASE_URL", "https://jji.example.com"},
             {"REPORTPORTAL_URL", _trackers->url()}, {"REPORTPORTAL_API_TOKEN", "rp_token_secret"}, {"REPORTPORTAL_PROJECT", "qa"},
             {"METADATA_RULES_FILE", _scratch->file("rules.yaml")}, {"JJI_ALLOW_FILE_REPOS", "true"},
             {"JJI_GIT_COMMAND", "/bin/false"}}, // no clone reaches the network; a failed clone is only a note
            {}});
    }

    void tearDown() override
    {
        _server.reset();
        _trackers.reset();
        _jenkins.reset();
        _scratch.reset();
    }

private:
    // ------------------------------------------------------------------ the CLI

    std::string url() const { return "http://127.0.0.1:" + std::to_string(_server->port()); }

    CliRun cli(const std::vector<std::string>& args, const std::string& input = "") const
    {
        return jji::test::runCli(args, {{"HOME", _home}, {"JJI_SERVER", url()}}, input);
    }

    /// Runs `jji args` and checks its exit code.
    CliRun expect(int code, const std::vector<std::string>& args, const std::string& input = "") const
    {
        CliRun run = cli(args, input);
        CPPUNIT_ASSERT_EQUAL_MESSAGE("jji " + joined(args) + "\nstderr: " + run.err + "stdout: " + run.out, code, run.code);
        return run;
    }

    CliRun ok(const std::vector<std::string>& args, const std::string& input = "") const { return expect(0, args, input); }

    /// Exit 1 with the server's answer: "Error: HTTP <status>: <detail>".
    CliRun refused(int status, const std::vector<std::string>& args, const std::string& input = "") const
    {
        CliRun run = expect(1, args, input);
        CPPUNIT_ASSERT_MESSAGE(run.err, contains(run.err, "Error: HTTP " + std::to_string(status) + ":"));
        return run;
    }

    /// Exit 2 with the command's usage line and `problem`.
    CliRun usage(const std::vector<std::string>& args, const std::string& problem) const
    {
        CliRun run = expect(2, args);
        CPPUNIT_ASSERT_MESSAGE(run.err, contains(run.err, "Usage: jji ") && contains(run.err, problem));
        return run;
    }

    static std::vector<std::string> as(const std::string& user, std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--user", user});
        return args;
    }

    static std::vector<std::string> admin(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--api-key", kAdminKey});
        return args;
    }

    static Poco::Dynamic::Var parsed(const CliRun& run)
    {
        try {
            return Poco::JSON::Parser().parse(run.out);
        } catch (const Poco::Exception& e) {
            CPPUNIT_FAIL("not JSON (" + e.displayText() + "):\n" + run.out);
        }
        return {};
    }

    static Object::Ptr object(const CliRun& run)
    {
        Poco::Dynamic::Var v = parsed(run);
        CPPUNIT_ASSERT_MESSAGE("not a JSON object:\n" + run.out, v.type() == typeid(Object::Ptr));
        return v.extract<Object::Ptr>();
    }

    static Array::Ptr array(const CliRun& run)
    {
        Poco::Dynamic::Var v = parsed(run);
        CPPUNIT_ASSERT_MESSAGE("not a JSON array:\n" + run.out, v.type() == typeid(Array::Ptr));
        return v.extract<Array::Ptr>();
    }

    // ------------------------------------------------------------------ the server

    static std::map<std::string, std::string> bearer(const std::string& key = kAdminKey) { return {{"Authorization", "Bearer " + key}}; }
    static std::map<std::string, std::string> cookie(const std::string& user) { return {{"Cookie", "jji_username=" + user}}; }

    Object::Ptr get(const std::string& path, const std::map<std::string, std::string>& headers = {}) const
    {
        HttpResponse r = _server->http().get(path, headers);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(path + ": " + r.body, 200, r.status);
        return r.json();
    }

    int statusOf(const std::string& path) const { return _server->http().get(path).status; }
    Object::Ptr result(const std::string& jobId) const { return get("/results/" + jobId); }
    std::size_t storedJobs() const
    {
        HttpResponse r = _server->http().get("/results?limit=100");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.jsonArray()->size();
    }
    Object::Ptr me(const std::map<std::string, std::string>& headers) const { return get("/api/auth/me", headers); }

    bool hasUser(const std::string& name) const
    {
        Array::Ptr users = get("/api/admin/users", bearer())->getArray("users");
        for (std::size_t i = 0; i < users->size(); ++i)
            if (users->getObject(static_cast<unsigned>(i))->getValue<std::string>("username") == name)
                return true;
        return false;
    }

    /// A direct analysis of one failure, kSave (a PRODUCT BUG): one AI call.
    std::string directJob(const std::string& extraFields = "") const
    {
        HttpResponse r = _server->http().postJson(
            "/analyze-failures",
            R"({"failures":[{"test_name":"tests.core.TestSave.test_save","error_message":"Segfault in core module","stack_trace":"at save"}])" +
                extraFields + "}",
            {}, 60);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.json()->getValue<std::string>("job_id");
    }

    /// A Jenkins build analysed to its end, with the fake's credentials.
    std::string jenkinsJob(const std::string& job, int number) const
    {
        HttpResponse r = _server->http().postJson(
            "/analyze?sync=true",
            R"({"job_name":")" + job + R"(","build_number":)" + std::to_string(number) + R"(,"jenkins_user":"u","jenkins_password":"t"})", {},
            60);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, std::string("completed"), r.json()->getValue<std::string>("status"));
        return r.json()->getValue<std::string>("job_id");
    }

    Object::Ptr waitForEnd(const std::string& jobId) const
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        for (;;) {
            Object::Ptr envelope = _server->http().get("/results/" + jobId).json();
            const std::string status = envelope->getValue<std::string>("status");
            if (status == "completed" || status == "failed")
                return envelope;
            CPPUNIT_ASSERT_MESSAGE("job " + jobId + " still " + status, std::chrono::steady_clock::now() < deadline);
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }

    Object::Ptr lastRequest(const std::string& tracker, const std::string& method) const
    {
        auto sent = _trackers->requests(tracker, method);
        CPPUNIT_ASSERT_MESSAGE("no " + method + " to " + tracker, !sent.empty());
        return sent.back();
    }

public:
    // ------------------------------------------------------------------ tests

    /// health, capabilities, ai-configs, ai-models [-p].
    void serverCommands()
    {
        CliRun health = ok({"health"});
        Object::Ptr h = object(ok({"--json", "health"}));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(health.out, "Status: " + h->getValue<std::string>("status"), lines(health.out).at(0));
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), h->getObject("checks")->getObject("database")->getValue<std::string>("status"));
        CPPUNIT_ASSERT_MESSAGE(health.out, contains(health.out, "\nChecks:\n") && contains(health.out, "\n  database: ok\n"));

        for (const auto& args : std::vector<std::vector<std::string>>{{"capabilities"}, {"capabilities", "--json"}}) {
            Object::Ptr c = object(ok(args)); // JSON either way, as the original prints it
            CPPUNIT_ASSERT(c->getValue<bool>("github_issues_enabled"));
            CPPUNIT_ASSERT(c->getValue<bool>("server_github_token"));
            CPPUNIT_ASSERT_EQUAL(std::string("PROJ"), c->getValue<std::string>("server_jira_project_key"));
            CPPUNIT_ASSERT_EQUAL(std::string("qa"), c->getValue<std::string>("reportportal_project"));
        }

        CPPUNIT_ASSERT_EQUAL(std::string("No AI configurations found from completed analyses.\n"), ok({"ai-configs"}).out);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), array(ok({"ai-configs", "--json"}))->size());
        directJob(R"(,"ai_model":"configs-model")");
        Table configs(ok({"ai-configs"}).out, "AI PROVIDER");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), configs.size());
        CPPUNIT_ASSERT_EQUAL(std::string("configs-model"), configs.row("AI PROVIDER", "claude").at("AI MODEL"));
        Array::Ptr known = array(ok({"--json", "ai-configs"}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), known->size());
        CPPUNIT_ASSERT_EQUAL(std::string("configs-model"), known->getObject(0)->getValue<std::string>("ai_model"));

        // Every provider the server lists, with its model count; one provider as a table.
        Object::Ptr providers = get("/api/ai-models")->getObject("providers");
        CliRun all = ok({"ai-models"});
        for (const auto& name : providers->getNames())
            CPPUNIT_ASSERT_MESSAGE(all.out, contains(all.out, "\n" + name + " (" + std::to_string(providers->getArray(name)->size()) + " models):\n"));
        CPPUNIT_ASSERT_MESSAGE(all.out, contains(all.out, "claude-sonnet-4-5"));
        CliRun claude = ok({"ai-models", "-p", "claude"});
        CPPUNIT_ASSERT_EQUAL(std::string("Models for claude:"), lines(claude.out).at(0));
        Table models(claude.out, "MODEL ID");
        CPPUNIT_ASSERT_EQUAL(providers->getArray("claude")->size(), models.size());
        CPPUNIT_ASSERT_EQUAL(std::string("Claude Sonnet 4 5"), models.row("MODEL ID", "claude-sonnet-4-5").at("DISPLAY NAME"));
        CPPUNIT_ASSERT(!contains(claude.out, "gemini"));
        Object::Ptr one = object(ok({"ai-models", "--provider", "gemini", "--json"}));
        CPPUNIT_ASSERT_EQUAL(std::string("gemini"), one->getValue<std::string>("provider"));
        CPPUNIT_ASSERT_EQUAL(providers->getArray("gemini")->size(), one->getArray("models")->size());
        CPPUNIT_ASSERT_EQUAL(std::string("No models found for provider 'nope'.\n"), ok({"ai-models", "-p", "nope"}).out);
    }

    /// analyze (every option, --no-wait/--wait, --follow, --json, usage errors) and status.
    void analyzeAndStatus()
    {
        const std::string jenkins = _jenkins->url(), trackers = _trackers->url();
        CliRun queued = ok({"analyze", "-j", "folder/app", "-b", "12", "--provider", "claude", "--model", "opt-model", "--jira",
                            "--jenkins-url", jenkins, "--jenkins-user", "u", "--jenkins-password", "t", "--no-jenkins-ssl-verify",
                            "--jenkins-timeout", "33", "--jenkins-artifacts-max-size-mb", "5", "--no-get-job-artifacts",
                            "--tests-repo-url", "file:///nonexistent/tests.git", "--jira-url", trackers, "--jira-email",
                            "alice@example.com", "--jira-api-token", "jira_cloud_token", "--jira-pat", "jira_server_pat",
                            "--jira-project-key", "OPS", "--no-jira-ssl-verify", "--jira-max-results", "7", "--github-token",
                            "ghp_request_token", "--ai-cli-timeout", "9", "--raw-prompt", "be brief", "--peers", "claude:m2",
                            "--peer-analysis-max-rounds", "1", "--additional-repos",
                            "product:file:///nonexistent/product.git:main@sekrit-repo-token", "--no-wait", "--poll-interval", "3",
                            "--max-wait", "4", "--force"});
        const std::string id = after(queued.out, "Job queued: ");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(queued.out, std::string("Status: queued"), lines(queued.out).at(1));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(queued.out, "Poll: https://jji.example.com/results/" + id, lines(queued.out).at(2));

        // Completed: the given credentials reached Jenkins (the server has none).
        Object::Ptr stored = waitForEnd(id);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(str(stored), std::string("completed"), stored->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("opt-model"), stored->getObject("result")->getValue<std::string>("ai_model"));
        // Every option is in the resolved request, secrets stripped.
        Object::Ptr params = stored->getObject("result")->getObject("request_params");
        const std::string p = str(params);
        for (const auto& [key, json] : std::vector<std::pair<std::string, std::string>>{
                 {"job_name", R"("folder/app")"}, {"build_number", "12"}, {"ai_provider", R"("claude")"}, {"ai_model", R"("opt-model")"},
                 {"enable_jira", "true"}, {"jenkins_url", "\"" + jenkins + "\""}, {"jenkins_ssl_verify", "false"},
                 {"jenkins_timeout", "33"}, {"jenkins_artifacts_max_size_mb", "5"}, {"get_job_artifacts", "false"},
                 {"tests_repo_url", R"("file:///nonexistent/tests.git")"}, {"jira_url", "\"" + trackers + "\""},
                 {"jira_project_key", R"("OPS")"}, {"jira_ssl_verify", "false"}, {"jira_max_results", "7"}, {"ai_cli_timeout", "9"},
                 {"raw_prompt", R"("be brief")"}, {"peer_analysis_max_rounds", "1"}, {"wait_for_completion", "false"},
                 {"poll_interval_minutes", "3"}, {"max_wait_minutes", "4"}, {"force", "true"}})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(key + " in " + p, json, params->has(key) ? str(params->get(key)) : "(absent)");
        Array::Ptr peers = params->getArray("peer_ai_configs");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(p, std::size_t(1), peers->size());
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), peers->getObject(0)->getValue<std::string>("ai_provider"));
        CPPUNIT_ASSERT_EQUAL(std::string("m2"), peers->getObject(0)->getValue<std::string>("ai_model"));
        Array::Ptr repos = params->getArray("additional_repos");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(p, std::size_t(1), repos->size());
        CPPUNIT_ASSERT_EQUAL(std::string("product"), repos->getObject(0)->getValue<std::string>("name"));
        CPPUNIT_ASSERT_EQUAL(std::string("file:///nonexistent/product.git"), repos->getObject(0)->getValue<std::string>("url"));
        CPPUNIT_ASSERT_EQUAL(std::string("main"), repos->getObject(0)->getValue<std::string>("ref"));
        CPPUNIT_ASSERT(!repos->getObject(0)->has("token"));
        for (const char* secret : {"jenkins_user", "jenkins_password", "jira_email", "jira_api_token", "jira_pat", "github_token"})
            CPPUNIT_ASSERT_MESSAGE(std::string(secret) + " kept in " + p, !params->has(secret));
        const std::string served = _server->http().get("/results/" + id).body;
        for (const char* secret : {"sekrit-repo-token", "jira_cloud_token", "jira_server_pat", "ghp_request_token"})
            CPPUNIT_ASSERT_MESSAGE(secret, !contains(served, secret));
        // The peer debated (claude:m2), and Jira was searched with the Cloud identity given, in OPS.
        const std::string aiCalls = str(get("/api/admin/token-usage/" + id, bearer())->getArray("records"));
        CPPUNIT_ASSERT_MESSAGE(aiCalls, contains(aiCalls, R"("call_type":"peer_review")") && contains(aiCalls, R"("ai_model":"m2")"));
        bool searched = false;
        for (const auto& r : _trackers->requests("jira", "POST"))
            searched = searched || (r->getValue<std::string>("auth") == kAliceCloud && contains(str(r->getObject("body")), "OPS"));
        CPPUNIT_ASSERT_MESSAGE("no Jira search as alice in OPS", searched);

        // status: a table, --json the whole envelope.
        Table status(ok({"status", id}).out, "JOB ID");
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), status.row("JOB ID", id).at("STATUS"));
        Object::Ptr envelope = object(ok({"status", id, "--json"}));
        CPPUNIT_ASSERT_EQUAL(id, envelope->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(std::string("folder/app"), envelope->getObject("result")->getValue<std::string>("job_name"));
        refused(404, {"status", "no-such-job"});

        // --json: the queued reply; the credentials alone suffice (the server's Jenkins URL).
        Object::Ptr json = object(ok({"--json", "analyze", "--job-name", "folder/app", "--build-number", "13", "--jenkins-user", "u",
                                      "--jenkins-password", "t"}));
        CPPUNIT_ASSERT_EQUAL(std::string("queued"), json->getValue<std::string>("status"));
        const std::string second = json->getValue<std::string>("job_id");
        CPPUNIT_ASSERT_EQUAL("https://jji.example.com/results/" + second, json->getValue<std::string>("result_url"));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), waitForEnd(second)->getValue<std::string>("status"));

        // --wait (the server waits for the build) with --follow: progress on stderr, one line
        // per state when it is not a terminal, the result on stdout, exit 0.
        CliRun waited = ok({"analyze", "-j", "slow", "-b", "3", "--jenkins-user", "u", "--jenkins-password", "t", "--wait",
                            "--poll-interval", "1", "--follow", "--poll-seconds", "1"});
        const std::string waitedId = after(waited.out, "Job: ");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(waited.err, waitedId, after(waited.err, "Job queued: "));
        CPPUNIT_ASSERT_MESSAGE(waited.err, contains(waited.err, "\n[waiting waiting_for_jenkins] "));
        CPPUNIT_ASSERT_MESSAGE(waited.err, contains(waited.err, "\n[completed"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(waited.out, std::string("completed"), after(waited.out, "Status: "));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(waited.out, std::string("slow"), after(waited.out, "Jenkins job: "));
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), Table(waited.out, "TEST").row("TEST", kLogin).at("CLASSIFICATION"));
        Object::Ptr waitedParams = result(waitedId)->getObject("result")->getObject("request_params");
        CPPUNIT_ASSERT_EQUAL(true, waitedParams->getValue<bool>("wait_for_completion"));
        CPPUNIT_ASSERT_EQUAL(1, waitedParams->getValue<int>("poll_interval_minutes"));

        // --follow of an analysis that fails (Jenkins refuses the password): exit 1.
        CliRun failed = expect(1, {"analyze", "-j", "folder/app", "-b", "12", "--jenkins-user", "u", "--jenkins-password", "wrong",
                                   "--follow", "--poll-seconds", "1"});
        CPPUNIT_ASSERT_MESSAGE(failed.err, contains(failed.err, "\n[failed] "));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(failed.out, std::string("failed"), after(failed.out, "Status: "));
        CPPUNIT_ASSERT_MESSAGE(failed.out, contains(after(failed.out, "Error: "), "HTTP 401"));
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), result(after(failed.out, "Job: "))->getValue<std::string>("status"));

        // Usage errors: exit 2, nothing queued.
        const std::size_t jobs = storedJobs();
        usage({"analyze", "-j", "folder/app", "-b", "12", "--peer-analysis-max-rounds", "11"},
              "--peer-analysis-max-rounds must be between 1 and 10");
        usage({"analyze", "-j", "folder/app", "--build-number", "0"}, "--build-number must be greater than 0");
        usage({"analyze", "-b", "12"}, "Missing option '--job-name'");
        usage({"analyze", "-j", "folder/app", "-b", "12", "--peers", "claude"}, "Invalid peer config 'claude'");
        CPPUNIT_ASSERT_EQUAL(jobs, storedJobs());
    }

    /// re-analyze (overrides, --follow, --json) and analyze-failures (--junit, --write-enriched).
    void reAnalyzeAndAnalyzeFailures()
    {
        const std::string original = jenkinsJob("folder/app", 12);
        // The stored request runs again (its sealed Jenkins credentials too), with the overrides.
        CliRun again = ok({"re-analyze", original, "--provider", "claude", "--model", "m7", "--raw-prompt", "again", "--follow",
                           "--poll-seconds", "1"});
        const std::string rerun = after(again.err, "Re-analysis queued: ");
        CPPUNIT_ASSERT(!rerun.empty() && rerun != original);
        CPPUNIT_ASSERT_EQUAL(rerun, after(again.out, "Job: "));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(again.out, std::string("completed"), after(again.out, "Status: "));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(again.out, std::string("claude / m7"), after(again.out, "AI: "));
        Object::Ptr params = result(rerun)->getObject("result")->getObject("request_params");
        CPPUNIT_ASSERT_EQUAL(std::string("m7"), params->getValue<std::string>("ai_model"));
        CPPUNIT_ASSERT_EQUAL(std::string("again"), params->getValue<std::string>("raw_prompt"));
        CPPUNIT_ASSERT_EQUAL(std::string("folder/app"), params->getValue<std::string>("job_name"));
        CPPUNIT_ASSERT_EQUAL(12, params->getValue<int>("build_number"));

        Object::Ptr queued = object(ok({"--json", "re-analyze", original}));
        CPPUNIT_ASSERT_EQUAL(std::string("queued"), queued->getValue<std::string>("status"));
        Object::Ptr plainRun = waitForEnd(queued->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), plainRun->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("m"), plainRun->getObject("result")->getValue<std::string>("ai_model")); // no override
        CliRun human = ok({"re-analyze", original});
        const std::string third = after(human.out, "Re-analysis queued: "); // waited for at the end
        CPPUNIT_ASSERT_EQUAL(std::string("queued"), after(human.out, "Status: "));
        CPPUNIT_ASSERT_EQUAL("https://jji.example.com/results/" + third, after(human.out, "Poll: "));
        refused(404, {"re-analyze", "no-such-job"});

        // analyze-failures: the report analysed, the enriched copy written.
        const std::string junit = jji::test::dataDir() + "/junit/pytest.xml", enriched = _scratch->file("enriched.xml");
        CliRun direct = ok({"analyze-failures", "--junit", junit, "--write-enriched", enriched, "-n", "nightly inventory", "--provider",
                            "claude", "--model", "af-model", "--raw-prompt", "extra words"});
        const std::string id = after(direct.out, "Job: ");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(direct.out, std::string("completed"), after(direct.out, "Status: "));
        Table failures(direct.out, "TEST");
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), failures.size());
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"),
                             failures.row("TEST", "tests.test_inventory.test_inventory_service_reachable").at("CLASSIFICATION"));
        const std::string xml = jji::test::readFile(enriched);
        CPPUNIT_ASSERT_MESSAGE(xml, contains(xml, "ai_classification") && contains(xml, "https://jji.example.com/results/" + id + ".html"));
        Object::Ptr stored = result(id)->getObject("result");
        CPPUNIT_ASSERT_EQUAL(std::string("af-model"), stored->getValue<std::string>("ai_model"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(str(stored->get("name")), std::string("nightly inventory"), stored->optValue<std::string>("name", ""));
        CPPUNIT_ASSERT_EQUAL(std::string("extra words"), stored->getObject("request_params")->getValue<std::string>("raw_prompt"));
        const std::string small = _scratch->file("small.xml");
        jji::test::writeFile(small, R"(<testsuite name="s" tests="1" failures="1"><testcase classname="t.Small" name="test_one">)"
                                    R"(<failure message="AssertionError: 1 != 2">trace</failure></testcase></testsuite>)");
        Object::Ptr json = object(ok({"analyze-failures", "--junit", small, "--json"}));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), json->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), json->getArray("failures")->size());
        CPPUNIT_ASSERT_EQUAL(200, statusOf("/results/" + json->getValue<std::string>("job_id")));
        // A failed analysis exits 1.
        CliRun failed = expect(1, {"analyze-failures", "--junit", small, "--raw-prompt", "FAKE_AI_EXIT1"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(failed.out, std::string("failed"), after(failed.out, "Status: "));
        usage({"analyze-failures"}, "Missing option '--junit'");
        usage({"analyze-failures", "--junit", _scratch->file("missing.xml")}, "cannot read");
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), waitForEnd(third)->getValue<std::string>("status"));
    }

    /// results list / dashboard / show / delete / review-status / set-reviewed / enrich-comments.
    void resultsCommands()
    {
        const std::string a = directJob(), b = directJob(), c = jenkinsJob("folder/app", 12);
        Table listed(ok({"results", "list"}).out, "JOB ID");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), listed.size());
        CPPUNIT_ASSERT_EQUAL(result(c)->getValue<std::string>("jenkins_url"), listed.row("JOB ID", c).at("JENKINS URL"));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), listed.row("JOB ID", a).at("STATUS"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), listed.row("JOB ID", b).at("JENKINS URL"));
        Array::Ptr limited = array(ok({"results", "list", "-l", "1", "--json"}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), limited->size());
        CPPUNIT_ASSERT_EQUAL(_server->http().get("/results?limit=1").jsonArray()->getObject(0)->getValue<std::string>("job_id"),
                             limited->getObject(0)->getValue<std::string>("job_id"));

        Table dashboard(ok({"results", "dashboard"}).out, "JOB ID");
        const auto row = dashboard.row("JOB ID", c);
        CPPUNIT_ASSERT_EQUAL(std::string("folder/app"), row.at("JOB NAME"));
        CPPUNIT_ASSERT_EQUAL(std::string("12"), row.at("BUILD NUMBER"));
        CPPUNIT_ASSERT_EQUAL(std::string("3"), row.at("FAILURE COUNT"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), dashboard.row("JOB ID", a).at("FAILURE COUNT"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), array(ok({"--json", "results", "dashboard"}))->size());

        // show: a summary row; --full, -f and --json print the whole document.
        Object::Ptr stored = result(c);
        const auto summary = Table(ok({"results", "show", c}).out, "JOB ID").row("JOB ID", c);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), summary.at("STATUS"));
        CPPUNIT_ASSERT_EQUAL(stored->getObject("result")->getValue<std::string>("summary"), summary.at("SUMMARY"));
        CPPUNIT_ASSERT_EQUAL(std::string("3"), summary.at("FAILURES"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), summary.at("CHILDREN"));
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), summary.at("AI PROVIDER"));
        for (const auto& args : std::vector<std::vector<std::string>>{
                 {"results", "show", c, "--full"}, {"results", "show", "-f", c}, {"--json", "results", "show", c}}) {
            Object::Ptr full = object(ok(args));
            CPPUNIT_ASSERT_EQUAL(c, full->getValue<std::string>("job_id"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), full->getObject("result")->getArray("failures")->size());
        }
        CliRun unknown = refused(404, {"results", "show", "no-such-job"});
        CPPUNIT_ASSERT_MESSAGE(unknown.err, contains(unknown.err, "Error: HTTP 404: Job not found"));

        // review-status and set-reviewed (--reviewed / --not-reviewed), read back from the server.
        Table status(ok({"results", "review-status", a}).out, "TOTAL FAILURES");
        CPPUNIT_ASSERT_EQUAL(std::string("1"), status.cell(0, "TOTAL FAILURES"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), status.cell(0, "REVIEWED COUNT"));
        CPPUNIT_ASSERT_EQUAL(std::string("Marked as reviewed (by alice)\n"),
                             ok(as("alice", {"results", "set-reviewed", a, "-t", kSave, "--reviewed"})).out);
        Object::Ptr review = get("/results/" + a + "/comments")->getObject("reviews")->getObject(kSave);
        CPPUNIT_ASSERT_EQUAL(true, review->getValue<bool>("reviewed"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), review->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(1, object(ok({"results", "review-status", a, "--json"}))->getValue<int>("reviewed_count"));
        CliRun cleared = ok(as("bob", {"results", "set-reviewed", a, "--test", kSave, "--not-reviewed"}));
        CPPUNIT_ASSERT_MESSAGE(cleared.out, cleared.out.rfind("Marked as not reviewed", 0) == 0);
        review = get("/results/" + a + "/comments")->getObject("reviews")->getObject(kSave);
        CPPUNIT_ASSERT_EQUAL(false, review->getValue<bool>("reviewed"));
        CPPUNIT_ASSERT_EQUAL(std::string("bob"), review->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(0, get("/results/" + a + "/review-status")->getValue<int>("reviewed_count"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"),
                             object(ok(as("alice", {"results", "set-reviewed", a, "-t", kSave, "--reviewed", "--json"})))
                                 ->getValue<std::string>("reviewed_by"));
        usage({"results", "set-reviewed", a, "-t", kSave}, "Missing option '--reviewed' / '--not-reviewed'");
        refused(404, as("alice", {"results", "set-reviewed", a, "-t", "tests.nope", "--reviewed"}));

        // enrich-comments: the live state of the PR and the Jira ticket a comment names.
        HttpResponse posted = _server->http().postJson(
            "/results/" + a + "/comments",
            R"({"test_name":")" + kSave + R"(","comment":"Fixed by https://github.com/acme/tests/pull/7 and tracked as PROJ-1"})",
            cookie("alice"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(posted.body, 201, posted.status);
        const std::string commentId = std::to_string(posted.json()->getValue<long long>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("Enriched 1 comment(s).\n"), ok({"results", "enrich-comments", a}).out);
        Array::Ptr refs = object(ok({"results", "enrich-comments", a, "--json"}))->getObject("enrichments")->getArray(commentId);
        CPPUNIT_ASSERT_MESSAGE("no enrichment of comment " + commentId, !refs.isNull() && refs->size() == 2);
        std::map<std::string, std::string> statusOfType;
        for (std::size_t i = 0; i < refs->size(); ++i)
            statusOfType[refs->getObject(static_cast<unsigned>(i))->getValue<std::string>("type")] =
                refs->getObject(static_cast<unsigned>(i))->getValue<std::string>("status");
        CPPUNIT_ASSERT_EQUAL(std::string("merged"), statusOfType["github_pr"]);
        CPPUNIT_ASSERT_EQUAL(std::string("In Progress"), statusOfType["jira"]);

        // delete: admins only; one id, several (a failure is exit 1), --all needs --confirm.
        refused(403, {"results", "delete", a});
        CPPUNIT_ASSERT_EQUAL(200, statusOf("/results/" + a));
        CPPUNIT_ASSERT_EQUAL("Deleted job " + a + "\n", ok(admin({"results", "delete", a})).out);
        CPPUNIT_ASSERT_EQUAL(404, statusOf("/results/" + a));
        const std::string d = directJob();
        CliRun several = expect(1, admin({"results", "delete", b, "no-such-job", a, b}));
        CPPUNIT_ASSERT_EQUAL(std::string("Deleted 1 of 3 jobs\n"), several.out); // b once; a is gone already
        CPPUNIT_ASSERT_MESSAGE(several.err, contains(several.err, "  Failed: no-such-job - ") && contains(several.err, "  Failed: " + a));
        CPPUNIT_ASSERT_EQUAL(404, statusOf("/results/" + b));
        usage(admin({"results", "delete", "--all"}), "--all requires --confirm");
        usage(admin({"results", "delete", "--all", "--confirm", d}), "--all cannot be combined");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), storedJobs()); // c and d
        Object::Ptr all = object(ok(admin({"results", "delete", "--all", "--confirm", "--json"})));
        CPPUNIT_ASSERT_EQUAL(2, all->getValue<int>("total"));
        const std::string deleted = str(all->getArray("deleted"));
        CPPUNIT_ASSERT_MESSAGE(deleted, contains(deleted, c) && contains(deleted, d));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), all->getArray("failed")->size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), storedJobs());
        CPPUNIT_ASSERT_EQUAL(std::string("No jobs to delete.\n"), ok(admin({"results", "delete", "--all", "--confirm"})).out);
    }

    /// history test / search / stats / failures, classify, classifications list, override-classification.
    void historyAndClassificationCommands()
    {
        const std::string j12 = jenkinsJob("folder/app", 12), j13 = jenkinsJob("folder/app", 13);
        CliRun test = ok({"history", "test", kLogin});
        CPPUNIT_ASSERT_EQUAL("Test: " + kLogin, lines(test.out).at(0));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), after(test.out, "Failures: "));
        CPPUNIT_ASSERT_EQUAL(std::string("N/A"), after(test.out, "Failure rate: ")); // no job name: no passes known
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), after(test.out, "Last classification: "));
        Table runs(test.out, "JOB NAME");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), runs.size());
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), runs.row("BUILD", "13").at("CLASSIFICATION"));
        Object::Ptr scoped = object(ok({"history", "test", kLogin, "-j", "folder/app", "--exclude-job-id", j13, "-l", "1", "--json"}));
        CPPUNIT_ASSERT_EQUAL(1, scoped->getValue<int>("failures"));
        CPPUNIT_ASSERT(!scoped->get("failure_rate").isEmpty()); // scoped to the job
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), scoped->getArray("recent_runs")->size());

        const std::string signature = failureOf(result(j12)->getObject("result"), kLogin)->getValue<std::string>("error_signature");
        CliRun search = ok({"history", "search", "-s", signature});
        CPPUNIT_ASSERT_EQUAL(signature, after(search.out, "Signature: "));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), after(search.out, "Total occurrences: "));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), after(search.out, "Unique tests: "));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), Table(search.out, "TEST NAME").row("TEST NAME", kLogin).at("OCCURRENCES"));
        CPPUNIT_ASSERT_EQUAL(1, object(ok({"history", "search", "--signature", signature, "--exclude-job-id", j13, "--json"}))
                                    ->getValue<int>("total_occurrences"));
        usage({"history", "search"}, "Missing option '--signature'");

        CliRun stats = ok({"history", "stats", "folder/app"});
        CPPUNIT_ASSERT_EQUAL(std::string("folder/app"), after(stats.out, "Job: "));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), after(stats.out, "Builds analyzed: "));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), after(stats.out, "Builds with failures: "));
        CPPUNIT_ASSERT_EQUAL(std::string("100.0%"), after(stats.out, "Failure rate: "));
        const auto common = Table(stats.out, "TEST NAME").row("TEST NAME", kSave);
        CPPUNIT_ASSERT_EQUAL(std::string("2"), common.at("COUNT"));
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"), common.at("CLASSIFICATION"));
        CPPUNIT_ASSERT_EQUAL(1, object(ok({"history", "stats", "folder/app", "--exclude-job-id", j13, "--json"}))
                                    ->getValue<int>("total_builds_analyzed"));

        CliRun failures = ok({"history", "failures", "-s", "test_admin"});
        CPPUNIT_ASSERT_EQUAL(std::string("Total: 2 (showing 2, offset 0)"), lines(failures.out).at(0));
        CPPUNIT_ASSERT((Table(failures.out, "TEST NAME").columnValues("CLASSIFICATION") == std::vector<std::string>{"CODE ISSUE", "CODE ISSUE"}));
        CliRun page = ok({"history", "failures", "-c", "CODE ISSUE", "-j", "folder/app", "-l", "1", "-o", "1"});
        CPPUNIT_ASSERT_EQUAL(std::string("Total: 2 (showing 1, offset 1)"), lines(page.out).at(0));
        Object::Ptr connect = object(ok({"history", "failures", "--search", "test_connect", "--json"}));
        CPPUNIT_ASSERT_EQUAL(2, connect->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(kConnect, connect->getArray("failures")->getObject(0)->getValue<std::string>("test_name"));

        // classify: a label with every field; INFRASTRUCTURE is also a primary classification, so listed.
        CliRun created = ok(as("alice", {"classify", kConnect, "-t", "infrastructure", "--job-id", j12, "-r", "lab was down",
                                         "--references", "PROJ-9", "-j", "other/job"}));
        const std::string labelId = between(created.out, "Classification created (id: ", ")");
        Array::Ptr labels = object(ok({"classifications", "list", "--job-id", j12, "-j", "other/job", "--json"}))->getArray("classifications");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(str(labels), std::size_t(1), labels->size());
        Object::Ptr label = labels->getObject(0);
        CPPUNIT_ASSERT_EQUAL(labelId, std::to_string(label->getValue<long long>("id")));
        CPPUNIT_ASSERT_EQUAL(kConnect, label->getValue<std::string>("test_name"));
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"), label->getValue<std::string>("classification"));
        CPPUNIT_ASSERT_EQUAL(std::string("lab was down"), label->getValue<std::string>("reason"));
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ-9"), label->getValue<std::string>("references_info"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), label->getValue<std::string>("created_by"));
        CPPUNIT_ASSERT_EQUAL(std::string("folder/app"), label->getValue<std::string>("parent_job_name"));
        const auto labelRow = Table(ok({"classifications", "list", "-t", kConnect, "-c", "infrastructure", "--parent-job-name",
                                        "folder/app"}).out, "TEST NAME").row("TEST NAME", kConnect);
        CPPUNIT_ASSERT_EQUAL(std::string("lab was down"), labelRow.at("REASON"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), labelRow.at("BY"));
        // A history-only label is stored (an id) but is no primary classification.
        Object::Ptr flaky = object(ok(as("alice", {"classify", kLogin, "--type", "flaky", "--job-id", j12, "--json"})));
        CPPUNIT_ASSERT(flaky->getValue<long long>("id") > std::stoll(labelId));
        CPPUNIT_ASSERT_EQUAL(std::string("No classifications found.\n"), ok({"classifications", "list", "-t", kLogin}).out);
        CliRun known = refused(400, as("alice", {"classify", kLogin, "-t", "known_bug", "--job-id", j12}));
        CPPUNIT_ASSERT_MESSAGE(known.err, contains(known.err, "KNOWN_BUG requires references"));
        refused(422, as("alice", {"classify", kLogin, "-t", "weird", "--job-id", j12}));
        usage({"classify", kLogin, "-t", "flaky"}, "Missing option '--job-id'");

        // override-classification, read back from the result and the classification list.
        CPPUNIT_ASSERT_EQUAL(std::string("Classification overridden to: PRODUCT BUG\n"),
                             ok(as("alice", {"override-classification", j13, "-t", kLogin, "-c", "PRODUCT BUG"})).out);
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"),
                             failureOf(result(j13)->getObject("result"), kLogin)->getObject("analysis")->getValue<std::string>("classification"));
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"),
                             failureOf(result(j12)->getObject("result"), kLogin)->getObject("analysis")->getValue<std::string>("classification"));
        Array::Ptr overrides = object(ok({"classifications", "list", "-c", "product bug", "--job-id", j13, "--json"}))->getArray("classifications");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(str(overrides), std::size_t(1), overrides->size());
        CPPUNIT_ASSERT_EQUAL(kLogin, overrides->getObject(0)->getValue<std::string>("test_name"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), overrides->getObject(0)->getValue<std::string>("created_by"));
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"),
                             object(ok(as("alice", {"override-classification", j13, "--test", kSave, "--classification", "INFRASTRUCTURE",
                                                    "--json"})))->getValue<std::string>("classification"));
        CliRun bad = refused(422, as("alice", {"override-classification", j13, "-t", kLogin, "-c", "NOT A CLASS"}));
        CPPUNIT_ASSERT_MESSAGE(bad.err, contains(bad.err, "Input should be 'CODE ISSUE', 'PRODUCT BUG' or 'INFRASTRUCTURE'"));
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"),
                             failureOf(result(j13)->getObject("result"), kLogin)->getObject("analysis")->getValue<std::string>("classification"));
        CPPUNIT_ASSERT_EQUAL(std::string("No classifications found.\n"), ok({"classifications", "list", "--job-id", "no-such-job"}).out);
    }

    /// comments list / add / delete, mentionable-users, mentions, mentions-mark-read,
    /// mentions-mark-all-read, analyze-comment-intent.
    void commentAndMentionCommands()
    {
        const std::string job = directJob();
        for (const char* user : {"bob", "carol"}) // known users from their first request
            CPPUNIT_ASSERT_EQUAL(std::string("Total: 0 mention(s), 0 unread\nNo mentions found.\n"), ok(as(user, {"mentions"})).out);
        CPPUNIT_ASSERT_EQUAL(std::string("No comments for this job.\n"), ok({"comments", "list", job}).out);

        CliRun added = ok(as("alice", {"comments", "add", job, "-t", kSave, "-m", "@bob @carol please look at this"}));
        const std::string commentId = between(added.out, "Comment added (id: ", ")");
        Object::Ptr stored = get("/results/" + job + "/comments")->getArray("comments")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(commentId, std::to_string(stored->getValue<long long>("id")));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), stored->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(kSave, stored->getValue<std::string>("test_name"));
        CPPUNIT_ASSERT_EQUAL(std::string("@bob @carol please look at this"), stored->getValue<std::string>("comment"));
        Object::Ptr second = object(ok(as("alice", {"comments", "add", job, "--test", kSave, "--message", "second note", "--json"})));
        CPPUNIT_ASSERT(second->getValue<long long>("id") > std::stoll(commentId));
        usage({"comments", "add", job, "-t", kSave}, "Missing option '--message'");
        refused(404, as("alice", {"comments", "add", job, "-t", "tests.nope", "-m", "x"}));

        Table listed(ok({"comments", "list", job}).out, "ID");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), listed.size());
        const auto first = listed.row("ID", commentId);
        CPPUNIT_ASSERT_EQUAL(kSave, first.at("TEST NAME"));
        CPPUNIT_ASSERT_EQUAL(std::string("@bob @carol please look at this"), first.at("COMMENT"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), first.at("USERNAME"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), object(ok({"comments", "list", job, "--json"}))->getArray("comments")->size());

        // mentionable-users: one name a line, as the server lists them (a user is needed).
        Array::Ptr names = get("/api/users/mentionable", cookie("bob"))->getArray("usernames");
        std::string expected;
        for (std::size_t i = 0; i < names->size(); ++i)
            expected += names->getElement<std::string>(static_cast<unsigned>(i)) + "\n";
        CPPUNIT_ASSERT_MESSAGE(expected, contains(expected, "alice\n") && contains(expected, "carol\n"));
        CPPUNIT_ASSERT_EQUAL(expected, ok(as("bob", {"mentionable-users"})).out);
        CPPUNIT_ASSERT_EQUAL(names->size(), object(ok(as("bob", {"mentionable-users", "--json"})))->getArray("usernames")->size());
        refused(401, {"mentionable-users"});

        CliRun bobs = ok(as("bob", {"mentions"}));
        CPPUNIT_ASSERT_EQUAL(std::string("Total: 1 mention(s), 1 unread"), lines(bobs.out).at(0));
        const auto mention = Table(bobs.out, "ID").row("ID", commentId);
        CPPUNIT_ASSERT_EQUAL(job, mention.at("JOB ID"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), mention.at("BY"));
        CPPUNIT_ASSERT_EQUAL(std::string("False"), mention.at("READ"));
        Object::Ptr unread = object(ok(as("bob", {"mentions", "--unread", "--json"})));
        CPPUNIT_ASSERT_EQUAL(1, unread->getValue<int>("unread_count"));
        CPPUNIT_ASSERT_EQUAL(commentId, std::to_string(unread->getArray("mentions")->getObject(0)->getValue<long long>("id")));

        CPPUNIT_ASSERT_EQUAL(std::string("Marked 1 mention(s) as read.\n"), ok(as("bob", {"mentions-mark-read", "--ids", commentId})).out);
        CPPUNIT_ASSERT_EQUAL(0, get("/api/users/mentions/unread-count", cookie("bob"))->getValue<int>("count"));
        CPPUNIT_ASSERT_EQUAL(std::string("Total: 0 mention(s), 0 unread\nNo mentions found.\n"), ok(as("bob", {"mentions", "--unread"})).out);
        Object::Ptr read = object(ok(as("bob", {"mentions", "--json"}))); // read ones are still listed
        CPPUNIT_ASSERT_EQUAL(1, read->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(true, read->getArray("mentions")->getObject(0)->getValue<bool>("is_read"));
        usage(as("bob", {"mentions-mark-read", "--ids", "x"}), "invalid ID 'x'");

        CPPUNIT_ASSERT_EQUAL(1, get("/api/users/mentions/unread-count", cookie("carol"))->getValue<int>("count"));
        CPPUNIT_ASSERT_EQUAL(std::string("Marked 1 mention(s) as read.\n"), ok(as("carol", {"mentions-mark-all-read"})).out);
        CPPUNIT_ASSERT_EQUAL(0, get("/api/users/mentions/unread-count", cookie("carol"))->getValue<int>("count"));
        CPPUNIT_ASSERT_EQUAL(0, object(ok(as("carol", {"mentions-mark-all-read", "--json"})))->getValue<int>("marked_read"));

        refused(404, as("bob", {"comments", "delete", job, commentId})); // not bob's
        CPPUNIT_ASSERT_EQUAL(std::string("Comment deleted.\n"), ok(as("alice", {"comments", "delete", job, commentId})).out);
        Array::Ptr left = get("/results/" + job + "/comments")->getArray("comments");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), left->size());
        CPPUNIT_ASSERT_EQUAL(std::string("second note"), left->getObject(0)->getValue<std::string>("comment"));
        usage({"comments", "delete", job, "abc"}, "is not a valid integer");

        CPPUNIT_ASSERT_EQUAL(std::string("Suggests reviewed: True\nReason: names a filed bug or a fix\n"),
                             ok({"analyze-comment-intent", "Filed JIRA-123 for this"}).out);
        CPPUNIT_ASSERT_EQUAL(false, object(ok({"analyze-comment-intent", "Can someone check the logs?", "--json"}))
                                        ->getValue<bool>("suggests_reviewed"));
        ok({"analyze-comment-intent", "fixed in abc123", "--ai-provider", "claude", "--ai-model", "intent-model", "--job-id", job});
        const std::string calls = str(get("/api/admin/token-usage/comment-intent", bearer())->getArray("records"));
        CPPUNIT_ASSERT_MESSAGE(calls, contains(calls, R"("ai_model":"intent-model")"));
    }

    /// preview-issue, create-issue, get-issue-prompt, validate-token, jira-projects,
    /// jira-security-levels, push-reportportal and its hidden alias push-rp.
    void trackerCommands()
    {
        const std::string job = directJob(R"(,"issue_prompt":"Use the team template.\nAttach the logs.")");
        Object::Ptr preview = object(ok({"preview-issue", job, "-t", kSave, "--type", "github", "--include-links", "--json"}));
        const std::string title = preview->getValue<std::string>("title"), body = preview->getValue<std::string>("body");
        CPPUNIT_ASSERT_MESSAGE(body, contains(body, "\n") && contains(body, "https://jji.example.com/results/" + job + ".html"));
        // The body as written, lines kept; the duplicates GitHub found with the server's token.
        CPPUNIT_ASSERT_EQUAL("Title: " + title + "\n\nBody:\n" + body +
                                 "\n\nSimilar issues (1):\n  #42: Core failure in login flow (https://github.com/acme/tests/issues/42)\n",
                             ok({"preview-issue", job, "-t", kSave, "--type", "GitHub", "--include-links"}).out);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_server_token"), lastRequest("github", "GET")->getValue<std::string>("auth"));
        CliRun own = ok({"preview-issue", job, "-t", kSave, "--type", "github", "--github-token", "ghp_request_token",
                         "--github-repo-url", "https://github.com/acme/tests"});
        CPPUNIT_ASSERT_MESSAGE(own.out, !contains(own.out, "jji.example.com")); // no --include-links
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_request_token"), lastRequest("github", "GET")->getValue<std::string>("auth"));
        CliRun jira = ok({"preview-issue", job, "-t", kSave, "--type", "jira"});
        CPPUNIT_ASSERT_MESSAGE(jira.out, contains(jira.out, "\nBody:\nAI-written Jira report for " + kSave));
        CPPUNIT_ASSERT_MESSAGE(jira.out, contains(jira.out, "  PROJ-1: Core failure when saving (" + _trackers->url() + "/browse/PROJ-1)\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer jira_server_pat"), lastRequest("jira", "POST")->getValue<std::string>("auth"));
        ok({"preview-issue", job, "-t", kSave, "--type", "jira", "--jira-token", "jira_cloud_token", "--jira-email", "alice@example.com",
            "--jira-project-key", "OPS", "--json"});
        Object::Ptr search = lastRequest("jira", "POST");
        CPPUNIT_ASSERT_EQUAL(kAliceCloud, search->getValue<std::string>("auth"));
        CPPUNIT_ASSERT_MESSAGE(str(search), contains(str(search->getObject("body")), "OPS"));
        usage({"preview-issue", job, "-t", kSave, "--type", "gitlab"}, "--type must be 'github' or 'jira'");

        CliRun issue = ok(as("alice", {"create-issue", job, "-t", kSave, "--type", "github", "--title", "Login broken", "--body",
                                       "It fails.\nEvery time."}));
        const std::string number = after(issue.out, "Created: #");
        CPPUNIT_ASSERT_EQUAL("https://github.com/acme/tests/issues/" + number, after(issue.out, "URL: "));
        const std::string linkComment = between(issue.out, "Comment added (id: ", ")");
        Object::Ptr sent = lastRequest("github", "POST");
        CPPUNIT_ASSERT_EQUAL(std::string("/repos/acme/tests/issues"), sent->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("Login broken"), sent->getObject("body")->getValue<std::string>("title"));
        CPPUNIT_ASSERT(contains(sent->getObject("body")->getValue<std::string>("body"), "It fails.\nEvery time."));
        CPPUNIT_ASSERT(contains(sent->getObject("body")->getValue<std::string>("body"), "alice"));
        Object::Ptr link = get("/results/" + job + "/comments")->getArray("comments")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(linkComment, std::to_string(link->getValue<long long>("id")));
        CPPUNIT_ASSERT(contains(link->getValue<std::string>("comment"), "https://github.com/acme/tests/issues/" + number));

        Object::Ptr bug = object(ok({"create-issue", job, "-t", kSave, "--type", "jira", "--title", "Save crashes", "--body", "Line one",
                                     "--jira-token", "jira_cloud_token", "--jira-email", "alice@example.com", "--jira-project-key", "OPS",
                                     "--json"}));
        const std::string key = bug->getValue<std::string>("key");
        CPPUNIT_ASSERT_MESSAGE(key, key.rfind("OPS-", 0) == 0);
        CPPUNIT_ASSERT_EQUAL(_trackers->url() + "/browse/" + key, bug->getValue<std::string>("url"));
        sent = lastRequest("jira", "POST");
        CPPUNIT_ASSERT_EQUAL(std::string("/rest/api/3/issue"), sent->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(kAliceCloud, sent->getValue<std::string>("auth"));
        Object::Ptr fields = sent->getObject("body")->getObject("fields");
        CPPUNIT_ASSERT_EQUAL(std::string("OPS"), fields->getObject("project")->getValue<std::string>("key"));
        CPPUNIT_ASSERT_EQUAL(std::string("Save crashes"), fields->getValue<std::string>("summary"));
        CliRun secured = ok({"create-issue", job, "-t", kSave, "--type", "jira", "--title", "Restricted", "--body", "b",
                             "--jira-security-level", "Internal"});
        CPPUNIT_ASSERT_MESSAGE(secured.out, after(secured.out, "Created: ").rfind("PROJ-", 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(secured.out, !contains(secured.out, "Comment added")); // nobody named: no linking comment
        sent = lastRequest("jira", "POST");
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer jira_server_pat"), sent->getValue<std::string>("auth"));
        CPPUNIT_ASSERT_EQUAL(std::string("10001"),
                             sent->getObject("body")->getObject("fields")->getObject("security")->getValue<std::string>("id"));
        usage({"create-issue", job, "-t", kSave, "--type", "github", "--body", "b"}, "Missing option '--title'");

        CPPUNIT_ASSERT_EQUAL(std::string("Use the team template.\nAttach the logs.\n"), ok({"get-issue-prompt", job}).out);
        CPPUNIT_ASSERT_EQUAL(std::string("Use the team template.\nAttach the logs."),
                             object(ok({"get-issue-prompt", job, "--json"}))->getValue<std::string>("prompt"));
        const std::string build = jenkinsJob("folder/app", 12);
        CPPUNIT_ASSERT_EQUAL(std::string("No issue prompt found.\n"), ok({"get-issue-prompt", build}).out);

        // validate-token: --token, or read from stdin when omitted (not a terminal here).
        CPPUNIT_ASSERT_EQUAL(kValid + "Token is valid for GitHub user req-user\n",
                             ok({"validate-token", "github", "--token", "ghp_request_token"}).out);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_request_token"), lastRequest("github", "GET")->getValue<std::string>("auth"));
        CliRun invalid = expect(1, {"validate-token", "github", "--token", "ghp_wrong"});
        CPPUNIT_ASSERT_MESSAGE(invalid.out, invalid.out.rfind(kInvalid, 0) == 0);
        Object::Ptr piped = object(ok({"validate-token", "github", "--json"}, "ghp_request_token\n"));
        CPPUNIT_ASSERT_EQUAL(true, piped->getValue<bool>("valid"));
        CPPUNIT_ASSERT_EQUAL(std::string("req-user"), piped->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(kValid + "Token is valid for Jira user Alice Cloud\n",
                             ok({"validate-token", "jira", "--email", "alice@example.com"}, "jira_cloud_token\n").out);
        CPPUNIT_ASSERT(expect(1, {"validate-token", "jira"}, "nope\n").out.rfind(kInvalid, 0) == 0);
        usage({"validate-token", "gitlab", "--token", "x"}, "TOKEN_TYPE must be 'github' or 'jira'");

        Table projects(ok({"jira-projects", "--jira-token", "jira_cloud_token", "--jira-email", "alice@example.com", "--query", "op"}).out,
                       "KEY");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), projects.size());
        CPPUNIT_ASSERT_EQUAL(std::string("Operations"), projects.row("KEY", "OPS").at("NAME"));
        CPPUNIT_ASSERT_EQUAL(std::string("/rest/api/3/project/search"), lastRequest("jira", "GET")->getValue<std::string>("path"));
        Array::Ptr configured = array(ok({"jira-projects", "--json"})); // no token: the server's project
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), configured->size());
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ"), configured->getObject(0)->getValue<std::string>("key"));
        CPPUNIT_ASSERT_EQUAL(std::string("No Jira projects found.\n"),
                             ok({"jira-projects", "--jira-token", "wrong", "--jira-email", "alice@example.com"}).out);

        CPPUNIT_ASSERT_EQUAL(std::string("Staff only"), Table(ok({"jira-security-levels", "PROJ"}).out, "NAME").row("NAME", "Internal").at("DESCRIPTION"));
        Array::Ptr levels = array(ok({"jira-security-levels", "PROJ", "--jira-token", "jira_cloud_token", "--jira-email",
                                      "alice@example.com", "--json"}));
        CPPUNIT_ASSERT_EQUAL(std::string("10001"), levels->getObject(0)->getValue<std::string>("id"));
        CPPUNIT_ASSERT_EQUAL(kAliceCloud, lastRequest("jira", "GET")->getValue<std::string>("auth"));
        CPPUNIT_ASSERT_EQUAL(std::string("No security levels found.\n"), ok({"jira-security-levels", "NOPE"}).out);

        CPPUNIT_ASSERT_EQUAL(std::string("Pushed 2 classification(s) to Report Portal\nLaunch ID: 501\nUnmatched: test_unmapped\n"),
                             ok({"push-reportportal", build}).out);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), _trackers->requests("reportportal", "PUT").size());
        CPPUNIT_ASSERT_EQUAL(std::string("/api/v1/qa/item"), lastRequest("reportportal", "PUT")->getValue<std::string>("path"));
        Object::Ptr pushed = object(ok({"push-rp", build, "--json"}));
        CPPUNIT_ASSERT_EQUAL(2, pushed->getValue<int>("pushed"));
        CPPUNIT_ASSERT_EQUAL(501, pushed->getValue<int>("launch_id"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), _trackers->requests("reportportal", "PUT").size());
        const std::string pipeline = jenkinsJob("pipe", 5);
        Object::Ptr child = object(ok({"push-rp", pipeline, "--child-job-name", "comp-a", "--child-build-number", "7", "--json"}));
        CPPUNIT_ASSERT_EQUAL(601, child->getValue<int>("launch_id"));
        CPPUNIT_ASSERT_EQUAL(1, child->getValue<int>("pushed"));
        refused(400, {"push-reportportal", build, "--child-job-name", "comp-a"});
        refused(404, {"push-reportportal", "no-such-job"});
        CliRun help = ok({"--help"});
        CPPUNIT_ASSERT_MESSAGE(help.out, contains(help.out, "push-reportportal") && !contains(help.out, "push-rp"));
    }

    /// auth login / whoami / logout, admin users list / create / rotate-key / change-role / delete.
    void authAndAdminUserCommands()
    {
        const std::string sessions = _home + "/.local/state/jji/sessions.json";
        Table anonymous(ok({"auth", "whoami"}).out, "USERNAME");
        CPPUNIT_ASSERT_EQUAL(std::string(""), anonymous.cell(0, "USERNAME"));
        CPPUNIT_ASSERT_EQUAL(std::string("user"), anonymous.cell(0, "ROLE"));
        CPPUNIT_ASSERT_EQUAL(std::string("False"), anonymous.cell(0, "IS ADMIN"));
        Object::Ptr alice = object(ok(as("alice", {"auth", "whoami", "--json"}))); // alice is known from her first request
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), alice->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(false, alice->getValue<bool>("is_admin"));
        CliRun denied = refused(403, {"admin", "users", "list"});
        CPPUNIT_ASSERT_MESSAGE(denied.err, contains(denied.err, "Hint: This action requires admin access"));
        CliRun wrong = refused(401, {"auth", "login", "-u", "admin", "-k", "wrong-key-0123456789"});
        CPPUNIT_ASSERT_MESSAGE(wrong.err, contains(wrong.err, "Hint: Use --api-key"));
        CPPUNIT_ASSERT(!std::filesystem::exists(sessions));

        // login keeps the session the server issued (0600), never the key.
        CliRun login = ok({"auth", "login", "--username", "admin", "--api-key", kAdminKey});
        CPPUNIT_ASSERT_EQUAL(std::string("Logged in as admin (role: admin, admin: True)"), lines(login.out).at(0));
        CPPUNIT_ASSERT_MESSAGE(login.out, contains(login.out, "Session saved in " + sessions));
        struct stat info {};
        CPPUNIT_ASSERT_EQUAL(0, ::stat(sessions.c_str(), &info));
        CPPUNIT_ASSERT_EQUAL(0600, static_cast<int>(info.st_mode & 0777));
        const std::string saved = jji::test::readFile(sessions);
        CPPUNIT_ASSERT_MESSAGE(saved, !contains(saved, kAdminKey));
        Object::Ptr entry = Poco::JSON::Parser().parse(saved).extract<Object::Ptr>()->getObject(url());
        CPPUNIT_ASSERT_MESSAGE(saved, !entry.isNull());
        CPPUNIT_ASSERT_EQUAL(std::string("admin"), entry->getValue<std::string>("username"));
        const std::string session = entry->getValue<std::string>("session");
        CPPUNIT_ASSERT_EQUAL(true, me({{"Cookie", "jji_session=" + session}})->getValue<bool>("is_admin"));

        // Later commands are the admin without --api-key.
        Object::Ptr who = object(ok({"auth", "whoami", "--json"}));
        CPPUNIT_ASSERT_EQUAL(std::string("admin"), who->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(true, who->getValue<bool>("is_admin"));
        CliRun created = ok({"admin", "users", "create", "ops"});
        CPPUNIT_ASSERT_EQUAL(std::string("Created admin user: ops"), lines(created.out).at(0));
        CPPUNIT_ASSERT_MESSAGE(created.out, contains(created.out, "Save this API key now"));
        const std::string key = after(created.out, "API Key: ");
        CPPUNIT_ASSERT_EQUAL(std::string("ops"), me(bearer(key))->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(true, me(bearer(key))->getValue<bool>("is_admin"));
        Object::Ptr second = object(ok({"admin", "users", "create", "ops2", "--json"}));
        CPPUNIT_ASSERT_EQUAL(std::string("admin"), second->getValue<std::string>("role"));
        CPPUNIT_ASSERT_EQUAL(true, me(bearer(second->getValue<std::string>("api_key")))->getValue<bool>("is_admin"));
        CPPUNIT_ASSERT_EQUAL(std::string("admin"), Table(ok({"admin", "users", "list"}).out, "USERNAME").row("USERNAME", "ops").at("ROLE"));
        CPPUNIT_ASSERT_MESSAGE("ops2 not listed", contains(str(object(ok({"admin", "users", "list", "--json"}))->getArray("users")),
                                                           R"("username":"ops2")"));

        CliRun rotated = ok({"admin", "users", "rotate-key", "ops"});
        CPPUNIT_ASSERT_EQUAL(std::string("Rotated API key for: ops"), lines(rotated.out).at(0));
        const std::string newKey = after(rotated.out, "New API Key: ");
        CPPUNIT_ASSERT_EQUAL(false, me(bearer(key))->getValue<bool>("is_admin"));
        CPPUNIT_ASSERT_EQUAL(true, me(bearer(newKey))->getValue<bool>("is_admin"));

        CliRun promoted = ok({"admin", "users", "change-role", "alice", "admin"});
        CPPUNIT_ASSERT_EQUAL(std::string("Changed role of 'alice' to 'admin'"), lines(promoted.out).at(0));
        const std::string aliceKey = after(promoted.out, "API Key: ");
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), me(bearer(aliceKey))->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(true, me(bearer(aliceKey))->getValue<bool>("is_admin"));
        CPPUNIT_ASSERT_EQUAL(std::string("user"),
                             object(ok({"admin", "users", "change-role", "alice", "user", "--json"}))->getValue<std::string>("role"));
        CPPUNIT_ASSERT_EQUAL(false, me(bearer(aliceKey))->getValue<bool>("is_admin"));
        refused(400, {"admin", "users", "change-role", "alice", "root"});

        // delete asks first: "n" keeps the user; --force does not ask.
        CliRun kept = expect(1, {"admin", "users", "delete", "ops2"}, "n\n");
        CPPUNIT_ASSERT_MESSAGE(kept.err, contains(kept.err, "Delete admin user 'ops2'? [y/N]: ") && contains(kept.err, "Aborted!"));
        CPPUNIT_ASSERT(hasUser("ops2"));
        CPPUNIT_ASSERT_EQUAL(std::string("Deleted admin user: ops2\n"), ok({"admin", "users", "delete", "ops2", "--force"}).out);
        CPPUNIT_ASSERT(!hasUser("ops2"));
        CPPUNIT_ASSERT(hasUser("ops"));
        refused(404, {"admin", "users", "delete", "nobody", "-f"});

        // logout: the session ends on the server and leaves the file.
        CPPUNIT_ASSERT_EQUAL(std::string("Logged out; the stored session is removed.\n"), ok({"auth", "logout"}).out);
        CPPUNIT_ASSERT_MESSAGE(jji::test::readFile(sessions), !contains(jji::test::readFile(sessions), url()));
        CPPUNIT_ASSERT_EQUAL(false, me({{"Cookie", "jji_session=" + session}})->getValue<bool>("is_admin"));
        refused(403, {"admin", "users", "list"});
        CPPUNIT_ASSERT_EQUAL(std::string("Logged out.\n"), ok({"auth", "logout"}).out);
    }

    /// admin token-usage: the summary, filters and grouping, one job, CSV.
    void tokenUsageCommand()
    {
        const std::string job = directJob();
        refused(403, {"admin", "token-usage"});
        Object::Ptr summary = get("/api/admin/token-usage/summary", bearer());
        const int calls = summary->getObject("today")->getValue<int>("calls");
        CPPUNIT_ASSERT(calls > 0);
        CliRun plain = ok(admin({"admin", "token-usage"}));
        CPPUNIT_ASSERT_MESSAGE(plain.out, contains(plain.out, "\nToday:\n  Calls: " + std::to_string(calls) + "\n  Tokens: " +
                                                                  thousands(summary->getObject("today")->getValue<long long>("tokens")) +
                                                                  "\n  Cost: $"));
        CPPUNIT_ASSERT_MESSAGE(plain.out, contains(plain.out, "\nThis Week:\n  Calls: " + std::to_string(calls) + "\n"));
        CPPUNIT_ASSERT_MESSAGE(plain.out, contains(plain.out, "\nThis Month:\n  Calls: " + std::to_string(calls) + "\n"));
        CPPUNIT_ASSERT_MESSAGE(plain.out, contains(plain.out, "\nTop Models (30 days):\n  m: " + std::to_string(calls) + " calls, $"));
        CPPUNIT_ASSERT_EQUAL(calls, object(ok(admin({"admin", "token-usage", "--json"})))->getObject("this_month")->getValue<int>("calls"));

        Object::Ptr totals = get("/api/admin/token-usage?group_by=provider", bearer());
        CliRun grouped = ok(admin({"admin", "token-usage", "--group-by", "provider"}));
        CPPUNIT_ASSERT_EQUAL(std::to_string(calls), after(grouped.out, "Total calls: "));
        CPPUNIT_ASSERT_EQUAL(thousands(totals->getValue<long long>("total_input_tokens")), after(grouped.out, "Input tokens: "));
        CPPUNIT_ASSERT_MESSAGE(grouped.out, contains(grouped.out, "\nBreakdown:\n  claude: " + std::to_string(calls) + " calls, $"));
        CPPUNIT_ASSERT_EQUAL(calls, object(ok(admin({"admin", "token-usage", "--period", "week", "--json"})))->getValue<int>("total_calls"));
        CPPUNIT_ASSERT_EQUAL(0, object(ok(admin({"admin", "token-usage", "--period", "week", "--provider", "gemini", "--json"})))
                                    ->getValue<int>("total_calls"));
        usage(admin({"admin", "token-usage", "--period", "year"}), "Invalid --period: year");

        CliRun perJob = ok(admin({"admin", "token-usage", "--job-id", job}));
        CPPUNIT_ASSERT_EQUAL("Job: " + job, lines(perJob.out).at(0));
        CPPUNIT_ASSERT_MESSAGE(perJob.out, contains(perJob.out, "\n  [analysis] claude/m\n    Input: "));
        Array::Ptr records = object(ok(admin({"admin", "token-usage", "--job-id", job, "--json"})))->getArray("records");
        CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(calls), records->size());
        CPPUNIT_ASSERT_EQUAL(std::string("analysis"), records->getObject(0)->getValue<std::string>("call_type"));
        refused(404, admin({"admin", "token-usage", "--job-id", "no-such-job"}));

        // CSV: a header line, then one row per period (or per group).
        CliRun csv = ok(admin({"admin", "token-usage", "--format", "csv"}));
        CPPUNIT_ASSERT_MESSAGE(csv.out, contains(csv.out, "\r\n"));
        const auto rows = lines(csv.out);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(csv.out, std::size_t(4), rows.size());
        CPPUNIT_ASSERT_MESSAGE(rows[0], rows[0].rfind("period,calls,", 0) == 0);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(csv.out, "today," + std::to_string(calls) + ",", rows[1].substr(0, 7 + std::to_string(calls).size()));
        CPPUNIT_ASSERT_MESSAGE(csv.out, rows[2].rfind("this_week,", 0) == 0 && rows[3].rfind("this_month,", 0) == 0);
        const auto byModel = lines(ok(admin({"admin", "token-usage", "--format", "csv", "--group-by", "model"})).out);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), byModel.size());
        CPPUNIT_ASSERT_MESSAGE(byModel[0], byModel[0].rfind("group_key,", 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(byModel[1], byModel[1].rfind("m,", 0) == 0);
    }

    /// metadata list / get / set / delete / import (JSON and YAML) / rules / preview.
    void metadataCommands()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("No results.\n"), ok({"metadata", "list"}).out);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), array(ok({"metadata", "list", "--json"}))->size());
        refused(403, {"metadata", "set", "team/app", "--team", "platform"});
        CPPUNIT_ASSERT_EQUAL(std::string("Metadata set for team/app\n"),
                             ok(admin({"metadata", "set", "team/app", "--team", "platform", "--tier", "critical", "--version", "2.1", "-l",
                                       "nightly", "--label", "smoke"})).out);
        Object::Ptr stored = get("/api/jobs/team/app/metadata");
        CPPUNIT_ASSERT_EQUAL(std::string("platform"), stored->getValue<std::string>("team"));
        CPPUNIT_ASSERT_EQUAL(std::string("critical"), stored->getValue<std::string>("tier"));
        CPPUNIT_ASSERT_EQUAL(std::string("2.1"), stored->getValue<std::string>("version"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"(["nightly","smoke"])"), str(stored->getArray("labels")));

        const auto shown = Table(ok({"metadata", "get", "team/app"}).out, "JOB NAME").row("JOB NAME", "team/app");
        CPPUNIT_ASSERT_EQUAL(std::string("platform"), shown.at("TEAM"));
        CPPUNIT_ASSERT_EQUAL(std::string("2.1"), shown.at("VERSION"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"(["nightly","smoke"])"), shown.at("LABELS"));
        CPPUNIT_ASSERT_EQUAL(std::string("critical"), object(ok({"metadata", "get", "team/app", "--json"}))->getValue<std::string>("tier"));
        refused(404, {"metadata", "get", "no/such"});

        // import: a JSON file and a YAML file.
        jji::test::writeFile(_scratch->file("items.json"),
                             R"([{"job_name":"json/one","team":"alpha","labels":["a"]},{"job_name":"json/two","tier":"low"}])");
        jji::test::writeFile(_scratch->file("items.yaml"), "- job_name: yaml/one\n  team: beta\n  version: \"3\"\n  labels: [x, y]\n");
        CPPUNIT_ASSERT_EQUAL(std::string("Imported 2 metadata entries.\n"), ok(admin({"metadata", "import", _scratch->file("items.json")})).out);
        CPPUNIT_ASSERT_EQUAL(std::string("alpha"), get("/api/jobs/json/one/metadata")->getValue<std::string>("team"));
        CPPUNIT_ASSERT_EQUAL(std::string("low"), get("/api/jobs/json/two/metadata")->getValue<std::string>("tier"));
        CPPUNIT_ASSERT_EQUAL(1, object(ok(admin({"metadata", "import", _scratch->file("items.yaml"), "--json"})))->getValue<int>("updated"));
        Object::Ptr yaml = get("/api/jobs/yaml/one/metadata");
        CPPUNIT_ASSERT_EQUAL(std::string("beta"), yaml->getValue<std::string>("team"));
        CPPUNIT_ASSERT_EQUAL(std::string("3"), yaml->getValue<std::string>("version"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"(["x","y"])"), str(yaml->getArray("labels")));
        CliRun missing = expect(1, admin({"metadata", "import", _scratch->file("missing.json")}));
        CPPUNIT_ASSERT_MESSAGE(missing.err, contains(missing.err, "file not found"));

        // list with filters: labels repeat and must all match.
        Table all(ok({"metadata", "list"}).out, "JOB NAME");
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), all.size());
        Table both(ok({"metadata", "list", "-l", "nightly", "-l", "smoke", "--team", "platform"}).out, "JOB NAME");
        CPPUNIT_ASSERT((both.columnValues("JOB NAME") == std::vector<std::string>{"team/app"}));
        CPPUNIT_ASSERT_EQUAL(std::string("No results.\n"), ok({"metadata", "list", "-l", "nightly", "-l", "absent"}).out);
        Array::Ptr low = array(ok({"metadata", "list", "--tier", "low", "--json"}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), low->size());
        CPPUNIT_ASSERT_EQUAL(std::string("json/two"), low->getObject(0)->getValue<std::string>("job_name"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), array(ok({"metadata", "list", "--version", "3", "--json"}))->size());

        CliRun rules = ok({"metadata", "rules"});
        CPPUNIT_ASSERT_EQUAL(std::string("Rules file: rules.yaml\n2 rule(s):\n  1. pattern='folder/*', team='platform', labels=[\"nightly\"]\n"
                                         "  2. pattern='(?P<team>[a-z]+)/(?P<version>[0-9]+)'\n"),
                             rules.out);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), object(ok({"metadata", "rules", "--json"}))->getArray("rules")->size());
        CPPUNIT_ASSERT_EQUAL(std::string("Match for 'payments/42':\n  team: payments\n  version: 42\n"),
                             ok({"metadata", "preview", "payments/42"}).out);
        CPPUNIT_ASSERT_EQUAL(std::string("Match for 'folder/x':\n  team: platform\n  labels: [\"nightly\"]\n"),
                             ok({"metadata", "preview", "folder/x"}).out);
        CPPUNIT_ASSERT_EQUAL(std::string("No rules matched 'UPPER'.\n"), ok({"metadata", "preview", "UPPER"}).out);
        Object::Ptr preview = object(ok({"metadata", "preview", "payments/42", "--json"}));
        CPPUNIT_ASSERT_EQUAL(true, preview->getValue<bool>("matched"));
        CPPUNIT_ASSERT_EQUAL(std::string("42"), preview->getObject("metadata")->getValue<std::string>("version"));

        refused(403, {"metadata", "delete", "team/app"});
        CPPUNIT_ASSERT_EQUAL(std::string("Metadata deleted for team/app\n"), ok(admin({"metadata", "delete", "team/app"})).out);
        CPPUNIT_ASSERT_EQUAL(404, statusOf("/api/jobs/team/app/metadata"));
        CPPUNIT_ASSERT_EQUAL(std::string("json/one"),
                             object(ok(admin({"metadata", "delete", "json/one", "--json"})))->getValue<std::string>("job_name"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), array(ok({"metadata", "list", "--json"}))->size());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CliTest);
