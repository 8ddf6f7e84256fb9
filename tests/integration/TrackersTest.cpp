// GitHub issues, Jira bugs, Jira enrichment, comment references and Report Portal push,
// end to end: the real jji-server against tests/fakes/fake-trackers (GitHub REST v3,
// Jira Cloud v3 and Server v2, Report Portal v1), the fake AI CLI and the fake Jenkins.
#include "jji/analysis/trackers/JiraEnrichment.h"
#include "jji/analysis/trackers/TestsRepoEnrichment.h"
#include "jji/test/FakeJenkins.h"
#include "jji/test/FakeTrackers.h"
#include "jji/test/JenkinsFixture.h"
#include "jji/test/JsonLines.h"
#include "jji/test/ServerProcess.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/StreamSocket.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <sstream>
#include <thread>

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

const char* kAdminKey = "admin-key-for-tests-0123456789";

// Every credential the tests use: none may ever appear in a response or a log line.
const std::vector<std::string> kSecrets{"ghp_server_token", "ghp_request_token", "ghp_saved_token", "jira_cloud_token",
                                        "jira_server_pat", "jira_saved_token", "rp_token_secret"};

std::string trackersFixture(const std::string& extra = "")
{
    return R"({"github":{"tokens":{"ghp_server_token":"jji-bot","ghp_request_token":"req-user","ghp_saved_token":"alice-gh"},
                 "issues":{"acme/tests":[{"number":42,"title":"Core failure in login flow","state":"open","updated":"2026-03-05T00:00:00Z"},
                                         {"number":7,"title":"Fix login","state":"closed","pull":true,"merged":true},
                                         {"number":9,"title":"Refactor","state":"open","pull":true},
                                         {"number":50,"title":"Login banner text expected wrong","state":"open",
                                          "body":"The banner says Hello","updated":"2026-03-02T00:00:00Z"},
                                         {"number":51,"title":"Unrelated login docs typo","state":"closed","updated":"2026-03-01T00:00:00Z"}]}},
       "jira":{"cloud":[{"email":"alice@example.com","token":"jira_cloud_token","name":"Alice Cloud"},
                        {"email":"saved@example.com","token":"jira_saved_token","name":"Saved User"}],
               "pats":[{"token":"jira_server_pat","name":"JJI Bot"}],
               "projects":[{"key":"PROJ","name":"Product"},{"key":"OPS","name":"Operations"}],
               "issues":[{"key":"PROJ-1","summary":"Core failure when saving","status":"In Progress","priority":"High"},
                         {"key":"PROJ-2","summary":"Unrelated thing","status":"Done","priority":"Low"},
                         {"key":"PROJ-3","summary":"Core dump on exit","status":"Open","priority":"Medium"},
                         {"key":"PROJ-4","summary":"Unrelated core crash","status":"Open","priority":"Low",
                          "description":"Crashes in the report module\nonly on exit"}],
               "security_levels":{"PROJ":[{"id":"10001","name":"Internal","description":"Staff only"}]}},
       "reportportal":{"token":"rp_token_secret","project":"qa",
               "launches":[{"id":500,"name":"folder/app","number":3,"attributes":[{"key":"build","value":"11"}]},
                           {"id":501,"name":"folder/app","number":4,"attributes":[{"key":"build","value":"12"}]},
                           {"id":601,"name":"comp-a","number":1,"attributes":[{"key":"jenkins_build","value":"7"}]}],
               "items":{"501":[{"id":1,"name":"test_admin","codeRef":"tests.api.TestLogin.test_admin","type":"STEP","status":"FAILED"},
                               {"id":2,"name":"tests.db.TestConn.test_connect","type":"STEP","status":"FAILED"},
                               {"id":3,"name":"test_unmapped","type":"STEP","status":"FAILED"},
                               {"id":4,"name":"test_passed","type":"STEP","status":"PASSED"}],
                        "601":[{"id":11,"name":"test_checkout","type":"STEP","status":"FAILED"}]}})" +
           extra + "}";
}

std::string jenkinsFixture()
{
    const std::string app =
        jenkinsReport(jenkinsCase("tests.api.TestLogin", "test_admin", "FAILED", "AssertionError: expected 200 got 500") + "," +
                      jenkinsCase("tests.db.TestConn", "test_connect", "FAILED", "Connection refused to db:5432") + "," +
                      jenkinsCase("tests.core.TestSave", "test_save", "FAILED", "Segfault in core module"));
    const std::string child = jenkinsReport(jenkinsCase("tests.comp.TestUi", "test_checkout", "FAILED", "Checkout crashed"));
    const std::string banner = jenkinsReport(jenkinsCase("tests.ui.TestBanner", "test_banner", "FAILED",
                                                         "AssertionError: expected banner FAKE_AI_KEYWORDS=[login banner]"));
    return R"({"user":"u","token":"t","builds":{"folder/app/12":{"build":)" + jenkinsBuild(12, "UNSTABLE") +
           R"(,"testReport":)" + app + R"(,"console":"log\n"},"pipe/5":{"build":)" +
           jenkinsBuild(5, "FAILURE", R"(,"subBuilds":[{"jobName":"comp-a","buildNumber":7,"result":"FAILURE"}])") +
           R"(,"testReport":null,"console":"log\n"},"comp-a/7":{"build":)" + jenkinsBuild(7, "UNSTABLE") +
           R"(,"testReport":)" + child + R"(,"console":"log\n"},"kw/3":{"build":)" + jenkinsBuild(3, "UNSTABLE") +
           R"(,"testReport":)" + banner + R"(,"console":"log\n"}}})";
}

std::string str(const Poco::Dynamic::Var& json)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(json, out);
    return out.str();
}

/// A loopback URL whose port refuses connections: bound but never listening, and held for the whole test
/// (a port closed again at once could be taken by a server another test starts meanwhile).
class RefusingPort
{
public:
    RefusingPort() { _socket.impl()->bind(Poco::Net::SocketAddress("127.0.0.1", 0)); }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(_socket.address().port()); }

private:
    Poco::Net::StreamSocket _socket;
};

} // namespace

class TrackersTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TrackersTest);
    CPPUNIT_TEST(capabilitiesReflectTrackerSettings);
    CPPUNIT_TEST(previewGitHubIssueWithAiLinksAndDuplicates);
    CPPUNIT_TEST(previewFallsBackToTheTemplateAndFollowsOverrides);
    CPPUNIT_TEST(previewErrors);
    CPPUNIT_TEST(createGitHubIssueTokenPrecedence);
    CPPUNIT_TEST(createJiraBugOnCloudAndServer);
    CPPUNIT_TEST(disabledTrackersAre403);
    CPPUNIT_TEST(trackerFailuresAre502);
    CPPUNIT_TEST(sslVerificationIsHonoured);
    CPPUNIT_TEST(requestUrlsCannotRedirectServerCredentials);
    CPPUNIT_TEST(adminSavedTokensNeedThatAdminSignedIn);
    CPPUNIT_TEST(jiraEnrichmentDuringDirectAnalysis);
    CPPUNIT_TEST(jiraEnrichmentDuringJenkinsAnalysis);
    CPPUNIT_TEST(testsRepoMatchesForCodeIssues);
    CPPUNIT_TEST(testsRepoSearchStaysOnConfiguredHosts);
    CPPUNIT_TEST(enrichmentWithoutAiKeepsEverySearchResult);
    CPPUNIT_TEST(enrichCommentsResolvesReferences);
    CPPUNIT_TEST(jiraHelperEndpoints);
    CPPUNIT_TEST(validateToken);
    CPPUNIT_TEST(pushToReportPortal);
    CPPUNIT_TEST(reportPortalErrors);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<FakeTrackers> _trackers;
    RefusingPort _refusing;
    std::unique_ptr<FakeJenkins> _jenkins;
    std::unique_ptr<ServerProcess> _server;
    std::unique_ptr<TempDir> _data;    // shared by the restarts of one test
    std::string _logs;                 // of every server of the test, checked for secrets at the end
    std::vector<std::string> _replies; // every response body, likewise

public:
    void setUp() override
    {
        _data = std::make_unique<TempDir>();
        _trackers = std::make_unique<FakeTrackers>(trackersFixture());
        _jenkins = std::make_unique<FakeJenkins>(jenkinsFixture());
    }

    void tearDown() override
    {
        if (_server) {
            const std::string log = _logs + _server->log();
            for (const auto& secret : kSecrets) {
                CPPUNIT_ASSERT_MESSAGE("secret in the log: " + secret, log.find(secret) == std::string::npos);
                for (const auto& body : _replies)
                    CPPUNIT_ASSERT_MESSAGE("secret in a reply: " + secret + " in " + body, body.find(secret) == std::string::npos);
            }
        }
        _server.reset();
        _trackers.reset();
        _jenkins.reset();
        _replies.clear();
        _logs.clear();
        _data.reset();
    }

private:
    /// The daemon with the fake AI, Jenkins and trackers: GitHub and Jira Server (PAT)
    /// configured; `extra` overrides or removes ("" value) settings.
    void start(std::map<std::string, std::string> extra = {}, const std::string& trackersUrl = "")
    {
        const std::string trackers = trackersUrl.empty() ? _trackers->url() : trackersUrl;
        std::map<std::string, std::string> env{
            {"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"}, {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"},
            {"JENKINS_URL", _jenkins->url()}, {"JENKINS_USER", "u"}, {"JENKINS_PASSWORD", "t"}, {"ADMIN_KEY", kAdminKey},
            {"GITHUB_API_URL", trackers}, {"GITHUB_TOKEN", "ghp_server_token"},
            {"TESTS_REPO_URL", "https://github.com/acme/tests.git"}, {"JIRA_URL", trackers},
            {"JIRA_PAT", "jira_server_pat"}, {"JIRA_PROJECT_KEY", "PROJ"}, {"ENABLE_JIRA", "false"},
            {"PUBLIC_BASE_URL", "https://jji.example.com"}, {"REPORTPORTAL_URL", trackers},
            {"REPORTPORTAL_API_TOKEN", "rp_token_secret"}, {"REPORTPORTAL_PROJECT", "qa"}, {"JJI_DATA_DIR", _data->path()},
            {"FAKE_AI_CALL_LOG", aiCallLog()}};
        for (const auto& [k, v] : extra) {
            if (v.empty())
                env.erase(k);
            else
                env[k] = v;
        }
        if (_server)
            _logs += _server->log();
        _server.reset();
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
    }

    std::string aiCallLog() const { return _data->file("ai-calls.log"); }

    /// The prompts of the AI's relevance filter calls so far.
    std::vector<std::string> filterPrompts() const
    {
        std::vector<std::string> prompts;
        for (const auto& call : jji::test::readJsonLines(aiCallLog())) {
            const std::string prompt = call->getValue<std::string>("prompt");
            if (prompt.rfind("You are evaluating whether existing issue tickets match", 0) == 0)
                prompts.push_back(prompt);
        }
        return prompts;
    }

    /// The call types of a job's recorded AI calls, in order.
    std::string callTypes(const std::string& job)
    {
        Object::Ptr usage = _server->http().get("/api/admin/token-usage/" + job, {{"Authorization", std::string("Bearer ") + kAdminKey}}).json();
        std::string types;
        Array::Ptr records = usage->getArray("records");
        for (unsigned i = 0; records && i < records->size(); ++i)
            types += (types.empty() ? "" : ",") + records->getObject(i)->getValue<std::string>("call_type");
        return types;
    }

    /// The GitHub issue searches a fake received.
    static std::vector<Object::Ptr> issueSearches(const FakeTrackers& trackers)
    {
        std::vector<Object::Ptr> out;
        for (const auto& r : trackers.requests("github", "GET"))
            if (r->getValue<std::string>("path") == "/search/issues" || r->getValue<std::string>("path") == "/api/v3/search/issues")
                out.push_back(r);
        return out;
    }

    static std::string queryParam(const Object::Ptr& request, const std::string& name)
    {
        Object::Ptr query = request->getObject("query");
        return query && query->has(name) ? query->getArray(name)->getElement<std::string>(0) : "";
    }

    static Object::Ptr codeFixOf(const Object::Ptr& result, const std::string& testName)
    {
        return analysisOf(result, testName)->getObject("code_fix");
    }

    HttpResponse post(const std::string& path, const std::string& body, const std::string& user = "")
    {
        std::map<std::string, std::string> headers;
        if (!user.empty())
            headers["Cookie"] = "jji_username=" + user;
        HttpResponse r = _server->http().postJson(path, body, headers, 60);
        _replies.push_back(r.body);
        return r;
    }

    HttpResponse get(const std::string& path)
    {
        HttpResponse r = _server->http().get(path);
        _replies.push_back(r.body);
        return r;
    }

    /// A direct analysis: tests.core.TestSave.test_save is a PRODUCT BUG (Jira keywords
    /// "core", "failure"), tests.api.TestLogin.test_admin a CODE ISSUE.
    std::string directJob(const std::string& extraFields = "")
    {
        HttpResponse r = post("/analyze-failures", R"({"failures":[
            {"test_name":"tests.core.TestSave.test_save","error_message":"Segfault in core module","stack_trace":"at save"},
            {"test_name":"tests.api.TestLogin.test_admin","error_message":"AssertionError: expected 200 got 500","stack_trace":"at login"}]
            )" + extraFields + "}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.json()->getValue<std::string>("job_id");
    }

    std::string jenkinsJob(const std::string& job, int number)
    {
        HttpResponse r = post("/analyze?sync=true", R"({"job_name":")" + job + R"(","build_number":)" + std::to_string(number) + "}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.json()->getValue<std::string>("job_id");
    }

    /// Users are known to the daemon once they have written something.
    void knowUser(const std::string& job, const std::string& user)
    {
        HttpResponse r = post("/results/" + job + "/comments", R"({"test_name":"tests.api.TestLogin.test_admin","comment":"hi"})", user);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
    }

    static Object::Ptr analysisOf(const Object::Ptr& result, const std::string& testName)
    {
        Array::Ptr failures = result->getArray("failures");
        for (unsigned i = 0; i < failures->size(); ++i)
            if (failures->getObject(i)->getValue<std::string>("test_name") == testName)
                return failures->getObject(i)->getObject("analysis");
        CPPUNIT_FAIL("no failure " + testName);
        return nullptr;
    }

    static bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

    // ------------------------------------------------------------------ tests

    void capabilitiesReflectTrackerSettings()
    {
        start();
        Object::Ptr c = get("/api/capabilities").json();
        CPPUNIT_ASSERT(c->getValue<bool>("github_issues_enabled"));
        CPPUNIT_ASSERT(c->getValue<bool>("jira_issues_enabled"));
        CPPUNIT_ASSERT(c->getValue<bool>("server_github_token"));
        CPPUNIT_ASSERT(c->getValue<bool>("server_jira_token"));
        CPPUNIT_ASSERT(!c->getValue<bool>("server_jira_email"));
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ"), c->getValue<std::string>("server_jira_project_key"));
        CPPUNIT_ASSERT(c->getValue<bool>("reportportal"));
        CPPUNIT_ASSERT_EQUAL(std::string("qa"), c->getValue<std::string>("reportportal_project"));

        start({{"ENABLE_GITHUB_ISSUES", "false"}, {"ENABLE_REPORTPORTAL", "false"}, {"JIRA_URL", ""}, {"GITHUB_TOKEN", ""}});
        c = get("/api/capabilities").json();
        CPPUNIT_ASSERT(!c->getValue<bool>("github_issues_enabled"));
        CPPUNIT_ASSERT(!c->getValue<bool>("jira_issues_enabled"));
        CPPUNIT_ASSERT(!c->getValue<bool>("server_github_token"));
        CPPUNIT_ASSERT(!c->getValue<bool>("reportportal"));
    }

    void previewGitHubIssueWithAiLinksAndDuplicates()
    {
        start();
        const std::string job = directJob();
        HttpResponse r = post("/results/" + job + "/preview-github-issue",
                              R"({"test_name":"tests.core.TestSave.test_save","include_links":true})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        Object::Ptr preview = r.json();
        // Written by the AI (the fake prefixes the template title with "AI: "), links added by the daemon.
        CPPUNIT_ASSERT_EQUAL(std::string("AI: Product fails: Segfault in core module"), preview->getValue<std::string>("title"));
        const std::string body = preview->getValue<std::string>("body");
        CPPUNIT_ASSERT_MESSAGE(body, contains(body, "AI-written GitHub report for tests.core.TestSave.test_save."));
        CPPUNIT_ASSERT_MESSAGE(body, contains(body, "https://jji.example.com/results/" + job + ".html"));
        // Duplicates from GitHub's search, with the server token (none given, nobody known).
        Array::Ptr similar = preview->getArray("similar_issues");
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(similar->size()));
        CPPUNIT_ASSERT_EQUAL(42, similar->getObject(0)->getValue<int>("number"));
        CPPUNIT_ASSERT_EQUAL(std::string("https://github.com/acme/tests/issues/42"), similar->getObject(0)->getValue<std::string>("url"));
        CPPUNIT_ASSERT_EQUAL(std::string("open"), similar->getObject(0)->getValue<std::string>("status"));
        auto searches = _trackers->requests("github", "GET");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), searches.size());
        CPPUNIT_ASSERT_EQUAL(std::string("/search/issues"), searches[0]->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_server_token"), searches[0]->getValue<std::string>("auth"));
        const std::string q = searches[0]->getObject("query")->getArray("q")->getElement<std::string>(0);
        CPPUNIT_ASSERT_MESSAGE(q, contains(q, "core") && contains(q, "repo:acme/tests") && contains(q, "is:issue"));

        // The request's own token and repository win.
        r = post("/results/" + job + "/preview-github-issue",
                 R"({"test_name":"tests.core.TestSave.test_save","github_token":"ghp_request_token",
                     "github_repo_url":"https://github.com/acme/tests"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT(!contains(r.json()->getValue<std::string>("body"), "jji.example.com")); // include_links false
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_request_token"),
                             _trackers->requests("github", "GET").back()->getValue<std::string>("auth"));

        // Jira preview: plain text, JQL search in the project with the server PAT on REST v2.
        r = post("/results/" + job + "/preview-jira-bug", R"({"test_name":"tests.core.TestSave.test_save","include_links":true})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT(contains(r.json()->getValue<std::string>("body"), "AI-written Jira report for tests.core.TestSave.test_save."));
        similar = r.json()->getArray("similar_issues");
        CPPUNIT_ASSERT(similar->size() >= 1);
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ-1"), similar->getObject(0)->getValue<std::string>("key"));
        CPPUNIT_ASSERT_EQUAL(_trackers->url() + "/browse/PROJ-1", similar->getObject(0)->getValue<std::string>("url"));
        auto jiraSearches = _trackers->requests("jira", "POST");
        CPPUNIT_ASSERT_EQUAL(std::string("/rest/api/2/search"), jiraSearches.back()->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer jira_server_pat"), jiraSearches.back()->getValue<std::string>("auth"));
        const std::string jql = jiraSearches.back()->getObject("body")->getValue<std::string>("jql");
        CPPUNIT_ASSERT_MESSAGE(jql, contains(jql, "project = \"PROJ\"") && contains(jql, "text ~ \"core failure\""));

        // Every preview's AI call is accounted to the job.
        Object::Ptr usage = _server->http().get("/api/admin/token-usage/" + job, {{"Authorization", std::string("Bearer ") + kAdminKey}}).json();
        CPPUNIT_ASSERT_MESSAGE(str(usage), contains(str(usage), "issue_content"));
    }

    void previewFallsBackToTheTemplateAndFollowsOverrides()
    {
        start({{"AI_PROVIDER", ""}, {"AI_MODEL", ""}});
        const std::string job = directJob(R"(,"ai_provider":"claude","ai_model":"m")");
        HttpResponse r = post("/results/" + job + "/preview-github-issue", R"({"test_name":"tests.core.TestSave.test_save"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Product fails: Segfault in core module"), r.json()->getValue<std::string>("title"));
        std::string body = r.json()->getValue<std::string>("body");
        CPPUNIT_ASSERT_MESSAGE(body, contains(body, "## Classification\nPRODUCT BUG"));
        CPPUNIT_ASSERT_MESSAGE(body, contains(body, "```\nSegfault in core module\n```"));
        CPPUNIT_ASSERT_MESSAGE(body, contains(body, "## Product bug report\nSeverity: high"));

        // A manual override is what the issue describes.
        HttpResponse o = _server->http().request("PUT", "/results/" + job + "/override-classification",
                                                 R"({"test_name":"tests.core.TestSave.test_save","classification":"CODE ISSUE"})",
                                                 {{"Content-Type", "application/json"}, {"Cookie", "jji_username=alice"}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(o.body, 200, o.status);
        r = post("/results/" + job + "/preview-jira-bug", R"({"test_name":"tests.core.TestSave.test_save"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Fix test_save: Segfault in core module"), r.json()->getValue<std::string>("title"));
        body = r.json()->getValue<std::string>("body");
        CPPUNIT_ASSERT_MESSAGE(body, contains(body, "Classification:\nCODE ISSUE"));
        CPPUNIT_ASSERT_MESSAGE(body, !contains(body, "##")); // Jira gets plain text

        // An AI named in the request writes it; one that fails leaves the template.
        r = post("/results/" + job + "/preview-github-issue",
                 R"({"test_name":"tests.core.TestSave.test_save","ai_provider":"claude","ai_model":"m"})");
        CPPUNIT_ASSERT_EQUAL(std::string("AI: Fix test_save: Segfault in core module"), r.json()->getValue<std::string>("title"));
        start({{"AI_PROVIDER", ""}, {"AI_MODEL", ""}, {"JJI_AI_COMMAND_CLAUDE", "/bin/false"}});
        r = post("/results/" + job + "/preview-github-issue",
                 R"({"test_name":"tests.core.TestSave.test_save","ai_provider":"claude","ai_model":"m"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Fix test_save: Segfault in core module"), r.json()->getValue<std::string>("title"));
    }

    void previewErrors()
    {
        start();
        const std::string job = directJob();
        const std::string path = "/results/" + job + "/preview-github-issue";
        CPPUNIT_ASSERT_EQUAL(422, post(path, R"({})").status);                                           // test_name missing
        CPPUNIT_ASSERT_EQUAL(422, post(path, R"({"test_name":"x","child_build_number":-1})").status);
        CPPUNIT_ASSERT_EQUAL(422, post(path, R"({"test_name":"tests.core.TestSave.test_save","ai_provider":"nope"})").status);
        CPPUNIT_ASSERT_EQUAL(400, post(path, R"({"test_name":"x","child_build_number":3})").status);      // build without child
        CPPUNIT_ASSERT_EQUAL(404, post(path, R"({"test_name":"tests.nope"})").status);
        CPPUNIT_ASSERT_EQUAL(404, post("/results/nope/preview-github-issue", R"({"test_name":"x"})").status);
        CPPUNIT_ASSERT_EQUAL(404, post(path, R"({"test_name":"tests.core.TestSave.test_save","child_job_name":"c"})").status);
        HttpResponse bad = post(path, R"({"test_name":"tests.core.TestSave.test_save","github_repo_url":"not a repo"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(bad.body, 400, bad.status);
        CPPUNIT_ASSERT(contains(bad.body, "Invalid GitHub repository URL"));

        // An analysis made without a tests repository (its request_params keep the one it ran with).
        start({{"TESTS_REPO_URL", ""}, {"JIRA_URL", ""}});
        const std::string withoutRepo = directJob();
        HttpResponse noRepo = post("/results/" + withoutRepo + "/preview-github-issue", R"({"test_name":"tests.core.TestSave.test_save"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(noRepo.body, 400, noRepo.status);
        CPPUNIT_ASSERT_EQUAL(400, post("/results/" + job + "/preview-jira-bug", R"({"test_name":"tests.core.TestSave.test_save"})").status);
        // A failed analysis is 409 (its AI could not run).
        HttpResponse failed = post("/analyze-failures", R"({"failures":[{"test_name":"t.f","error_message":"FAKE_AI_EXIT1"}]})");
        const std::string failedJob = failed.json()->getValue<std::string>("job_id");
        CPPUNIT_ASSERT_EQUAL(409, post("/results/" + failedJob + "/preview-github-issue", R"({"test_name":"t.f"})").status);
    }

    void createGitHubIssueTokenPrecedence()
    {
        start();
        const std::string job = directJob();
        const std::string path = "/results/" + job + "/create-github-issue";
        const std::string payload = R"({"test_name":"tests.core.TestSave.test_save","title":"Save crashes","body":"It crashes.")";

        // 1. the server's token, nobody known: no attribution, no comment
        HttpResponse r = post(path, payload + "}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        Object::Ptr created = r.json();
        CPPUNIT_ASSERT_EQUAL(100, created->getValue<int>("number"));
        CPPUNIT_ASSERT_EQUAL(std::string("https://github.com/acme/tests/issues/100"), created->getValue<std::string>("url"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), created->getValue<std::string>("key"));
        CPPUNIT_ASSERT_EQUAL(std::string("Save crashes"), created->getValue<std::string>("title"));
        CPPUNIT_ASSERT_EQUAL(0, created->getValue<int>("comment_id"));
        auto posts = _trackers->requests("github", "POST");
        CPPUNIT_ASSERT_EQUAL(std::string("/repos/acme/tests/issues"), posts.back()->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_server_token"), posts.back()->getValue<std::string>("auth"));
        CPPUNIT_ASSERT_EQUAL(std::string("It crashes."), posts.back()->getObject("body")->getValue<std::string>("body"));

        // 2. alice's saved token beats the server's; attribution and a linking comment
        knowUser(job, "alice");
        HttpResponse saved = _server->http().request("PUT", "/api/user/tokens", R"({"github_token":"ghp_saved_token"})",
                                                     {{"Content-Type", "application/json"}, {"Cookie", "jji_username=alice"}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(saved.body, 200, saved.status);
        r = post(path, payload + "}", "alice");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_saved_token"), _trackers->requests("github", "POST").back()->getValue<std::string>("auth"));
        const std::string sentBody = _trackers->requests("github", "POST").back()->getObject("body")->getValue<std::string>("body");
        CPPUNIT_ASSERT_MESSAGE(sentBody, contains(sentBody, "It crashes.") && contains(sentBody, "Reported by `alice` via Jenkins Job Insight"));
        const int commentId = r.json()->getValue<int>("comment_id");
        CPPUNIT_ASSERT(commentId > 0);
        Object::Ptr comments = get("/results/" + job + "/comments").json();
        const std::string listed = str(comments);
        CPPUNIT_ASSERT_MESSAGE(listed, contains(listed, "Opened GitHub issue #101: https://github.com/acme/tests/issues/101"));

        // 3. the request's token beats both, and its repository wins
        r = post(path, payload + R"(,"github_token":"ghp_request_token","github_repo_url":"git@github.com:acme/tests.git"})", "alice");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_request_token"), _trackers->requests("github", "POST").back()->getValue<std::string>("auth"));

        // Errors: bad token 401, unknown repository 502, blank title 422, no token anywhere 400.
        r = post(path, payload + R"(,"github_token":"ghp_wrong"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 401, r.status);
        r = post(path, payload + R"(,"github_repo_url":"https://github.com/acme/missing"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 502, r.status);
        CPPUNIT_ASSERT(contains(r.body, "Not Found"));
        CPPUNIT_ASSERT_EQUAL(422, post(path, R"({"test_name":"tests.core.TestSave.test_save","title":"  ","body":"b"})").status);
        CPPUNIT_ASSERT_EQUAL(422, post(path, R"({"test_name":"tests.core.TestSave.test_save","title":"t"})").status);
        const std::size_t sent = _trackers->requests("github", "POST").size();
        start({{"GITHUB_TOKEN", ""}});
        r = post(path, payload + "}", "bob");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 400, r.status);
        CPPUNIT_ASSERT(contains(r.body, "No GitHub token"));
        CPPUNIT_ASSERT_EQUAL(sent, _trackers->requests("github", "POST").size()); // GitHub was not asked
    }

    void createJiraBugOnCloudAndServer()
    {
        start();
        const std::string job = directJob();
        const std::string path = "/results/" + job + "/create-jira-bug";
        const std::string payload = R"({"test_name":"tests.core.TestSave.test_save","title":"Save crashes","body":"Line one\nLine two\n\nSecond paragraph")";

        // Jira Server/DC with the server's PAT: REST v2, description as text, a security level by name.
        HttpResponse r = post(path, payload + R"(,"jira_security_level":"internal"})", "alice");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        Object::Ptr created = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ-101"), created->getValue<std::string>("key"));
        CPPUNIT_ASSERT_EQUAL(0, created->getValue<int>("number"));
        CPPUNIT_ASSERT_EQUAL(_trackers->url() + "/browse/PROJ-101", created->getValue<std::string>("url"));
        CPPUNIT_ASSERT(created->getValue<int>("comment_id") > 0);
        auto sent = _trackers->requests("jira", "POST").back();
        CPPUNIT_ASSERT_EQUAL(std::string("/rest/api/2/issue"), sent->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer jira_server_pat"), sent->getValue<std::string>("auth"));
        Object::Ptr fields = sent->getObject("body")->getObject("fields");
        CPPUNIT_ASSERT_EQUAL(std::string("10001"), fields->getObject("security")->getValue<std::string>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bug"), fields->getObject("issuetype")->getValue<std::string>("name"));
        CPPUNIT_ASSERT(contains(fields->getValue<std::string>("description"), "Reported by alice via Jenkins Job Insight"));

        // Jira Cloud with the request's e-mail + token: REST v3, description as an Atlassian Document.
        r = post(path, payload + R"(,"jira_token":"jira_cloud_token","jira_email":"alice@example.com","jira_project_key":"OPS"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("OPS-102"), r.json()->getValue<std::string>("key"));
        sent = _trackers->requests("jira", "POST").back();
        CPPUNIT_ASSERT_EQUAL(std::string("/rest/api/3/issue"), sent->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("Basic YWxpY2VAZXhhbXBsZS5jb206amlyYV9jbG91ZF90b2tlbg=="), sent->getValue<std::string>("auth"));
        Object::Ptr doc = sent->getObject("body")->getObject("fields")->getObject("description");
        CPPUNIT_ASSERT_EQUAL(std::string("doc"), doc->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(doc->getArray("content")->size())); // two paragraphs

        // The user's saved Jira token and e-mail come before the server's PAT.
        knowUser(job, "carol");
        HttpResponse saved = _server->http().request("PUT", "/api/user/tokens",
                                                     R"({"jira_token":"jira_saved_token","jira_email":"saved@example.com"})",
                                                     {{"Content-Type", "application/json"}, {"Cookie", "jji_username=carol"}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(saved.body, 200, saved.status);
        r = post(path, payload + "}", "carol");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("/rest/api/3/issue"), _trackers->requests("jira", "POST").back()->getValue<std::string>("path"));

        // Errors: unknown security level 400 (nothing created), bad token 401, unknown project 502.
        const std::size_t before = _trackers->requests("jira", "POST").size();
        r = post(path, payload + R"(,"jira_security_level":"Top Secret"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 400, r.status);
        CPPUNIT_ASSERT_EQUAL(before, _trackers->requests("jira", "POST").size());
        r = post(path, payload + R"(,"jira_token":"wrong","jira_email":"alice@example.com"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 401, r.status);
        r = post(path, payload + R"(,"jira_project_key":"NOPE"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 502, r.status);
        CPPUNIT_ASSERT(contains(r.body, "valid project is required"));

        start({{"JIRA_PROJECT_KEY", ""}});
        CPPUNIT_ASSERT_EQUAL(400, post(path, payload + "}").status);
        start({{"JIRA_PAT", ""}});
        r = post(path, payload + "}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 400, r.status);
        CPPUNIT_ASSERT(contains(r.body, "No Jira credentials"));
        start({{"JIRA_URL", ""}});
        CPPUNIT_ASSERT_EQUAL(400, post(path, payload + "}").status);
    }

    void disabledTrackersAre403()
    {
        start({{"ENABLE_GITHUB_ISSUES", "false"}, {"ENABLE_JIRA_ISSUES", "false"}});
        const std::string job = directJob();
        const std::string create = R"({"test_name":"tests.core.TestSave.test_save","title":"t","body":"b"})";
        CPPUNIT_ASSERT_EQUAL(403, post("/results/" + job + "/preview-github-issue", R"({"test_name":"tests.core.TestSave.test_save"})").status);
        CPPUNIT_ASSERT_EQUAL(403, post("/results/" + job + "/preview-jira-bug", R"({"test_name":"tests.core.TestSave.test_save"})").status);
        CPPUNIT_ASSERT_EQUAL(403, post("/results/" + job + "/create-github-issue", create).status);
        CPPUNIT_ASSERT_EQUAL(403, post("/results/" + job + "/create-jira-bug", create).status);
        CPPUNIT_ASSERT(_trackers->requests().empty());
        // The allow list guards filing too.
        start({{"ALLOWED_USERS", "alice"}});
        CPPUNIT_ASSERT_EQUAL(403, post("/results/" + job + "/create-github-issue", create, "mallory").status);
        CPPUNIT_ASSERT_EQUAL(201, post("/results/" + job + "/create-github-issue", create, "alice").status);
    }

    void trackerFailuresAre502()
    {
        FakeTrackers broken(trackersFixture(R"(,"broken":["github","jira","reportportal"])"));
        start({}, broken.url());
        const std::string job = directJob();
        const std::string create = R"({"test_name":"tests.core.TestSave.test_save","title":"t","body":"b"})";
        HttpResponse r = post("/results/" + job + "/create-github-issue", create);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 502, r.status);
        CPPUNIT_ASSERT(contains(r.body, "GitHub answered HTTP 503"));
        CPPUNIT_ASSERT_EQUAL(502, post("/results/" + job + "/create-jira-bug", create).status);
        // Previews still work: the duplicate search is best effort.
        r = post("/results/" + job + "/preview-github-issue", R"({"test_name":"tests.core.TestSave.test_save"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(r.json()->getArray("similar_issues")->size()));

        start({}, _refusing.url());
        const std::string job2 = directJob();
        r = post("/results/" + job2 + "/create-github-issue", create);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 502, r.status);
        CPPUNIT_ASSERT(contains(r.body, "cannot reach GitHub"));
        CPPUNIT_ASSERT_EQUAL(502, post("/results/" + job2 + "/create-jira-bug", create).status);
        const std::string metrics = get("/metrics").body;
        CPPUNIT_ASSERT_MESSAGE(metrics, contains(metrics, "jji_tracker_errors_total{kind=\"unreachable\",tracker=\"github\"}") ||
                                            contains(metrics, "jji_tracker_errors_total{tracker=\"github\",kind=\"unreachable\"}"));
    }

    void sslVerificationIsHonoured()
    {
        FakeTrackers tls(trackersFixture(R"(,"tls":true)"));
        const std::string create = R"({"test_name":"tests.core.TestSave.test_save","title":"t","body":"b"})";
        // Verification on (the default): a self-signed certificate is refused.
        start({}, tls.url("https"));
        std::string job = directJob();
        HttpResponse r = post("/results/" + job + "/create-jira-bug", create);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 502, r.status);
        CPPUNIT_ASSERT(tls.requests().empty());
        // JIRA_SSL_VERIFY=false: accepted.
        start({{"JIRA_SSL_VERIFY", "false"}}, tls.url("https"));
        job = directJob();
        r = post("/results/" + job + "/create-jira-bug", create);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        // Report Portal likewise (REPORTPORTAL_VERIFY_SSL), seen through a launch lookup.
        const std::string jenkins = jenkinsJob("folder/app", 12);
        r = post("/results/" + jenkins + "/push-reportportal", "");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT(r.json()->getArray("errors")->size() == 1);
        CPPUNIT_ASSERT(r.json()->isNull("launch_id"));
        start({{"REPORTPORTAL_VERIFY_SSL", "false"}}, tls.url("https"));
        r = post("/results/" + jenkins + "/push-reportportal", "");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(501, r.json()->getValue<int>("launch_id"));
    }

    void requestUrlsCannotRedirectServerCredentials()
    {
        FakeTrackers elsewhere(trackersFixture());
        start();
        const std::string job = directJob();
        // A repository on a host the server is not configured for is refused before anything is sent.
        const std::string repo = elsewhere.url() + "/acme/tests";
        for (const char* action : {"create-github-issue", "preview-github-issue"}) {
            HttpResponse r = post("/results/" + job + "/" + action,
                                  R"({"test_name":"tests.core.TestSave.test_save","title":"t","body":"b","github_token":"ghp_request_token",
                                      "github_repo_url":")" + repo + "\"}",
                                  "alice");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 400, r.status);
            CPPUNIT_ASSERT(contains(r.body, "host not allowed"));
        }
        CPPUNIT_ASSERT(elsewhere.requests().empty());
        // The host of TESTS_REPO_URL is a configured GitHub Enterprise: its /api/v3 gets the server's token.
        start({{"TESTS_REPO_URL", repo + ".git"}});
        const std::string enterpriseJob = directJob(); // its request_params name that repository
        HttpResponse r = post("/results/" + enterpriseJob + "/create-github-issue",
                              R"({"test_name":"tests.core.TestSave.test_save","title":"t","body":"b"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        CPPUNIT_ASSERT(!elsewhere.requests().empty()); // the analysis searched its issues too
        CPPUNIT_ASSERT_EQUAL(std::string("/api/v3/repos/acme/tests/issues"), elsewhere.requests().back()->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_server_token"), elsewhere.requests().back()->getValue<std::string>("auth"));
        // A configured URL with credentials is never repeated in an error.
        start({{"TESTS_REPO_URL", "https://user:ghp_saved_token@github.com/only-owner"}});
        r = post("/results/" + directJob() + "/create-github-issue", R"({"test_name":"tests.core.TestSave.test_save","title":"t","body":"b"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 400, r.status);

        // An analysis naming another Jira does not take the server's Jira credentials there.
        start({{"ENABLE_JIRA", "true"}});
        r = post("/analyze-failures", R"({"failures":[{"test_name":"t.s","error_message":"Segfault in core module"}],
                                          "jira_url":")" + elsewhere.url() + "\"}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), elsewhere.requests("jira", "POST").size());
        // With its own token it searches there.
        r = post("/analyze-failures", R"({"failures":[{"test_name":"t.s","error_message":"Segfault in core module"}],
                                          "jira_url":")" + elsewhere.url() + R"(","jira_pat":"jira_server_pat"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), elsewhere.requests("jira", "POST").size());
    }

    void adminSavedTokensNeedThatAdminSignedIn()
    {
        start();
        const std::string job = directJob();
        const std::map<std::string, std::string> bootstrap{{"Authorization", std::string("Bearer ") + kAdminKey},
                                                           {"Content-Type", "application/json"}};
        HttpResponse created = _server->http().request("POST", "/api/admin/users", R"({"username":"root"})", bootstrap);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(created.body, 200, created.status);
        const std::string rootKey = created.json()->getValue<std::string>("api_key");
        const std::map<std::string, std::string> asRoot{{"Authorization", "Bearer " + rootKey}, {"Content-Type", "application/json"}};
        HttpResponse saved = _server->http().request("PUT", "/api/user/tokens", R"({"github_token":"ghp_saved_token"})", asRoot);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(saved.body, 200, saved.status);
        const std::string payload = R"({"test_name":"tests.core.TestSave.test_save","title":"t","body":"b"})";
        // Only a cookie naming the admin: the admin's saved token is not used (the server's is).
        HttpResponse r = post("/results/" + job + "/create-github-issue", payload, "root");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_server_token"), _trackers->requests("github", "POST").back()->getValue<std::string>("auth"));
        // Signed in as that admin: it is.
        r = _server->http().request("POST", "/results/" + job + "/create-github-issue", payload, asRoot);
        _replies.push_back(r.body);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_saved_token"), _trackers->requests("github", "POST").back()->getValue<std::string>("auth"));
        // The attribution quotes the name as code, so a crafted name cannot ping anyone.
        r = post("/results/" + job + "/create-github-issue", payload, "@acme/everyone");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        const std::string sent = _trackers->requests("github", "POST").back()->getObject("body")->getValue<std::string>("body");
        CPPUNIT_ASSERT_MESSAGE(sent, contains(sent, "Reported by `acmeeveryone`") && !contains(sent, "@"));
    }

    void jiraEnrichmentDuringDirectAnalysis()
    {
        start({{"ENABLE_JIRA", ""}}); // auto: Jira fully configured, so on
        HttpResponse r = post("/analyze-failures", R"({"failures":[
            {"test_name":"tests.core.TestSave.test_save","error_message":"Segfault in core module"},
            {"test_name":"tests.core.TestSave.test_load","error_message":"Segfault in core module"},
            {"test_name":"tests.api.TestLogin.test_admin","error_message":"AssertionError: expected 200 got 500"}]})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        const std::string job = r.json()->getValue<std::string>("job_id");
        Object::Ptr result = get("/results/" + job).json()->getObject("result");
        // The AI kept the issues it judged relevant, with its scores: not "Unrelated core crash",
        // nor a key it made up.
        Array::Ptr matches = analysisOf(result, "tests.core.TestSave.test_save")->getObject("product_bug_report")->getArray("jira_matches");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(str(matches), 2u, static_cast<unsigned>(matches->size()));
        Object::Ptr best = matches->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ-1"), best->getValue<std::string>("key"));
        CPPUNIT_ASSERT_EQUAL(std::string("Core failure when saving"), best->getValue<std::string>("summary"));
        CPPUNIT_ASSERT_EQUAL(std::string("In Progress"), best->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("High"), best->getValue<std::string>("priority"));
        CPPUNIT_ASSERT_EQUAL(_trackers->url() + "/browse/PROJ-1", best->getValue<std::string>("url"));
        CPPUNIT_ASSERT_EQUAL(0.9, best->getValue<double>("score"));
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ-3"), matches->getObject(1)->getValue<std::string>("key"));
        CPPUNIT_ASSERT_EQUAL(0.9, matches->getObject(1)->getValue<double>("score"));
        // The group shares one search and one question to the AI; the CODE ISSUE is not searched.
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), _trackers->requests("jira", "POST").size());
        CPPUNIT_ASSERT(contains(str(result->getArray("progress_log")), "enriching_jira"));
        std::vector<std::string> prompts = filterPrompts();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), prompts.size());
        const std::string asked = "NEW BUG:\nTitle: Product fails: Segfault in core module\nDescription: See details.\n\nCANDIDATES:\n"
                                  "1. PROJ-1 [In Progress] - Core failure when saving\n   Description: No description\n"
                                  "2. PROJ-3 [Open] - Core dump on exit\n   Description: No description\n"
                                  "3. PROJ-4 [Open] - Unrelated core crash\n   Description: Crashes in the report module\nonly on exit\n\n";
        CPPUNIT_ASSERT_MESSAGE(prompts[0], contains(prompts[0], asked));
        const std::string types = callTypes(job);
        CPPUNIT_ASSERT_MESSAGE(types, contains(types, "jira_filter") && contains(types, "analysis"));

        // The filter failing keeps no match (as the original): an unsure filter shows nothing.
        r = post("/analyze-failures", R"({"failures":[{"test_name":"t.s","error_message":"Segfault in core FAKE_FILTER_EXIT1"}]})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), r.json()->getValue<std::string>("status"));
        result = get("/results/" + r.json()->getValue<std::string>("job_id")).json()->getObject("result");
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(analysisOf(result, "t.s")->getObject("product_bug_report")->getArray("jira_matches")->size()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), _trackers->requests("jira", "POST").size()); // searched all the same
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), filterPrompts().size());
        CPPUNIT_ASSERT(contains(callTypes(r.json()->getValue<std::string>("job_id")), "jira_filter")); // a failed call counts too

        // jira_max_results and enable_jira from the request.
        r = post("/analyze-failures", R"({"failures":[{"test_name":"t.s","error_message":"Segfault in core module"}],"jira_max_results":1})");
        result = get("/results/" + r.json()->getValue<std::string>("job_id")).json()->getObject("result");
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(analysisOf(result, "t.s")->getObject("product_bug_report")->getArray("jira_matches")->size()));
        r = post("/analyze-failures", R"({"failures":[{"test_name":"t.s","error_message":"Segfault in core module"}],"enable_jira":false})");
        result = get("/results/" + r.json()->getValue<std::string>("job_id")).json()->getObject("result");
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(analysisOf(result, "t.s")->getObject("product_bug_report")->getArray("jira_matches")->size()));
        CPPUNIT_ASSERT(!contains(str(result->getArray("progress_log")), "enriching_jira"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), _trackers->requests("jira", "POST").size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), filterPrompts().size()); // none asked without a search

        // Jira down: the analysis still completes, without matches.
        start({{"ENABLE_JIRA", "true"}, {"JIRA_URL", _refusing.url()}});
        r = post("/analyze-failures", R"({"failures":[{"test_name":"t.s","error_message":"Segfault in core module"}]})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), r.json()->getValue<std::string>("status"));
    }

    void jiraEnrichmentDuringJenkinsAnalysis()
    {
        start({{"ENABLE_JIRA", "true"}, {"JIRA_PAT", ""}});
        // The request brings its own Jira Cloud credentials (kept sealed while the job runs).
        HttpResponse r = post("/analyze", R"({"job_name":"folder/app","build_number":12,"jira_api_token":"jira_cloud_token",
                                             "jira_email":"alice@example.com"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 202, r.status);
        const std::string job = r.json()->getValue<std::string>("job_id");
        Object::Ptr row;
        for (int i = 0; i < 300; ++i) {
            row = get("/results/" + job).json();
            if (row->getValue<std::string>("status") == "completed" || row->getValue<std::string>("status") == "failed")
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        CPPUNIT_ASSERT_EQUAL_MESSAGE(str(row), std::string("completed"), row->getValue<std::string>("status"));
        Object::Ptr result = row->getObject("result");
        Array::Ptr matches = analysisOf(result, "tests.core.TestSave.test_save")->getObject("product_bug_report")->getArray("jira_matches");
        CPPUNIT_ASSERT(matches->size() >= 1);
        CPPUNIT_ASSERT(contains(str(result->getArray("progress_log")), "enriching_jira"));
        CPPUNIT_ASSERT_EQUAL(std::string("/rest/api/3/search/jql"), _trackers->requests("jira", "POST").back()->getValue<std::string>("path"));
        CPPUNIT_ASSERT(!contains(str(row), "jira_cloud_token"));
        // Jira Cloud's descriptions (Atlassian Documents) reach the relevance filter as text.
        const std::vector<std::string> prompts = filterPrompts();
        CPPUNIT_ASSERT(!prompts.empty());
        CPPUNIT_ASSERT_MESSAGE(prompts.back(), contains(prompts.back(), "Unrelated core crash\n   Description: Crashes in the report module\nonly on exit"));
        CPPUNIT_ASSERT(contains(callTypes(job), "jira_filter"));
    }

    /// CODE ISSUE fixes with tests_repo_search_keywords get the tests repository's GitHub
    /// issues that the AI judged relevant, in code_fix.tests_repo_matches.
    void testsRepoMatchesForCodeIssues()
    {
        start();
        HttpResponse r = post("/analyze-failures", R"({"failures":[
            {"test_name":"t.a","error_message":"AssertionError: expected banner FAKE_AI_KEYWORDS=[ login banner |login banner||expected text]"},
            {"test_name":"t.b","error_message":"AssertionError: expected footer FAKE_AI_KEYWORDS=[expected text|login banner]"},
            {"test_name":"t.c","error_message":"AssertionError: expected 1 FAKE_AI_PLAIN_FIX"},
            {"test_name":"t.d","error_message":"Segfault in core module"}]})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        const std::string job = r.json()->getValue<std::string>("job_id");
        const std::string served = get("/results/" + job).body;
        Object::Ptr result = Poco::JSON::Parser().parse(served).extract<Object::Ptr>()->getObject("result");

        // One search for the two fixes with the same keywords: sorted, 10 most recently updated, the server's token.
        auto searches = issueSearches(*_trackers);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), searches.size());
        CPPUNIT_ASSERT_EQUAL(std::string("expected text login banner repo:acme/tests is:issue"), queryParam(searches[0], "q"));
        CPPUNIT_ASSERT_EQUAL(std::string("10"), queryParam(searches[0], "per_page"));
        CPPUNIT_ASSERT_EQUAL(std::string("updated"), queryParam(searches[0], "sort"));
        CPPUNIT_ASSERT_EQUAL(std::string("desc"), queryParam(searches[0], "order"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_server_token"), searches[0]->getValue<std::string>("auth"));

        // Found #42, #50, #51 (newest first); the AI kept #50 (0.9) before #42 (0.6), neither
        // #51 ("Unrelated ...") nor the key it made up.
        Object::Ptr fix = codeFixOf(result, "t.a");
        const std::string expected = R"("tests_repo_matches":[{"number":50,"key":"","title":"Login banner text expected wrong",)"
                                     R"("url":"https://github.com/acme/tests/issues/50","status":"open"},)"
                                     R"({"number":42,"key":"","title":"Core failure in login flow",)"
                                     R"("url":"https://github.com/acme/tests/issues/42","status":"open"}])";
        CPPUNIT_ASSERT_MESSAGE(served, contains(served, expected));
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(fix->getArray("tests_repo_matches")->size()));
        CPPUNIT_ASSERT_EQUAL(str(fix->getArray("tests_repo_matches")), str(codeFixOf(result, "t.b")->getArray("tests_repo_matches")));
        CPPUNIT_ASSERT_EQUAL(std::string(R"(["login banner","expected text"])"), str(fix->getArray("tests_repo_search_keywords")));
        CPPUNIT_ASSERT(contains(fix->getValue<std::string>("original_code"), "assert status() == 200"));
        CPPUNIT_ASSERT(contains(fix->getValue<std::string>("suggested_code"), "assert status() == 500"));
        // A fix without keywords is not searched; without files they are null.
        Object::Ptr plain = codeFixOf(result, "t.c");
        CPPUNIT_ASSERT(plain->isNull("original_code") && plain->isNull("suggested_code"));
        CPPUNIT_ASSERT_EQUAL(std::string("[]"), str(plain->getArray("tests_repo_search_keywords")));
        CPPUNIT_ASSERT_EQUAL(std::string("[]"), str(plain->getArray("tests_repo_matches")));
        CPPUNIT_ASSERT(contains(str(result->getArray("progress_log")), "enriching_tests_repo"));

        // The AI was asked once, about the first fix and its failure, with every issue found.
        std::vector<std::string> prompts = filterPrompts();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), prompts.size());
        CPPUNIT_ASSERT_MESSAGE(prompts[0], contains(prompts[0], "NEW BUG:\nTitle: tests/test_example.py: Fix the expected value.\n"
                                                                "Description: Test: t.a\nError: AssertionError: expected banner "));
        CPPUNIT_ASSERT_MESSAGE(prompts[0], contains(prompts[0], "\nAnalysis: The test expectation is wrong: AssertionError"));
        CPPUNIT_ASSERT_MESSAGE(prompts[0], contains(prompts[0], "CANDIDATES:\n1. 42 [open] - Core failure in login flow\n   Description: No description\n"
                                                                "2. 50 [open] - Login banner text expected wrong\n   Description: The banner says Hello\n"
                                                                "3. 51 [closed] - Unrelated login docs typo\n   Description: No description\n\n"));
        const std::string types = callTypes(job);
        CPPUNIT_ASSERT_MESSAGE(types, contains(types, "tests_repo_filter") && !contains(types, "jira_filter"));

        // The request's own token; an answer without JSON keeps no match (as the original).
        r = post("/analyze-failures", R"({"failures":[{"test_name":"t.e",
                 "error_message":"AssertionError: expected login FAKE_FILTER_GARBAGE FAKE_AI_KEYWORDS=[login banner]"}],
                 "github_token":"ghp_request_token"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), r.json()->getValue<std::string>("status"));
        searches = issueSearches(*_trackers);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), searches.size());
        CPPUNIT_ASSERT_EQUAL(std::string("login banner repo:acme/tests is:issue"), queryParam(searches[1], "q"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_request_token"), searches[1]->getValue<std::string>("auth"));
        result = get("/results/" + r.json()->getValue<std::string>("job_id")).json()->getObject("result");
        CPPUNIT_ASSERT_EQUAL(std::string("[]"), str(codeFixOf(result, "t.e")->getArray("tests_repo_matches")));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), filterPrompts().size());

        // Without a tests repository nothing is searched.
        start({{"TESTS_REPO_URL", ""}});
        r = post("/analyze-failures", R"({"failures":[{"test_name":"t.f","error_message":"AssertionError: expected FAKE_AI_KEYWORDS=[login banner]"}]})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), issueSearches(*_trackers).size());
        result = get("/results/" + r.json()->getValue<std::string>("job_id")).json()->getObject("result");
        CPPUNIT_ASSERT(!contains(str(result->getArray("progress_log")), "enriching_tests_repo"));
    }

    /// The search goes only to a GitHub API the server is configured for, and GITHUB_TOKEN only to GITHUB_API_URL.
    void testsRepoSearchStaysOnConfiguredHosts()
    {
        FakeTrackers elsewhere(trackersFixture());
        start();
        // A request naming a repository on another host: that host is never searched, with or without a token.
        HttpResponse r = post("/analyze-failures", R"({"failures":[{"test_name":"t.a",
                              "error_message":"AssertionError: expected banner FAKE_AI_KEYWORDS=[login banner]"}],
                              "tests_repo_url":")" + elsewhere.url() + R"(/acme/tests","github_token":"ghp_request_token"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT(issueSearches(elsewhere).empty());
        CPPUNIT_ASSERT(issueSearches(*_trackers).empty());
        Object::Ptr result = get("/results/" + r.json()->getValue<std::string>("job_id")).json()->getObject("result");
        CPPUNIT_ASSERT_EQUAL(std::string("[]"), str(codeFixOf(result, "t.a")->getArray("tests_repo_matches")));

        // TESTS_REPO_URL on a GitHub Enterprise host: its /api/v3 is searched during a Jenkins
        // analysis too, but without GITHUB_TOKEN, which is meant for GITHUB_API_URL.
        start({{"TESTS_REPO_URL", elsewhere.url() + "/acme/tests.git"}});
        const std::string job = jenkinsJob("kw", 3);
        auto searches = issueSearches(elsewhere);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), searches.size());
        CPPUNIT_ASSERT_EQUAL(std::string("/api/v3/search/issues"), searches[0]->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), searches[0]->getValue<std::string>("auth"));
        CPPUNIT_ASSERT(issueSearches(*_trackers).empty());
        result = get("/results/" + job).json()->getObject("result");
        Array::Ptr matches = codeFixOf(result, "tests.ui.TestBanner.test_banner")->getArray("tests_repo_matches");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(str(matches), 2u, static_cast<unsigned>(matches->size()));
        CPPUNIT_ASSERT_EQUAL(50, matches->getObject(0)->getValue<int>("number"));
        CPPUNIT_ASSERT(contains(str(result->getArray("progress_log")), "enriching_tests_repo"));
        CPPUNIT_ASSERT(contains(callTypes(job), "tests_repo_filter"));
        // The request's own token goes with it.
        r = post("/analyze?sync=true", R"({"job_name":"kw","build_number":3,"github_token":"ghp_request_token"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer ghp_request_token"), issueSearches(elsewhere).back()->getValue<std::string>("auth"));
    }

    /// The enrichment classes without an AI: every issue found is kept (tests repository in
    /// the search's order, Jira scored by the keywords in the summary); a tracker error keeps none.
    void enrichmentWithoutAiKeepsEverySearchResult()
    {
        jji::config::Settings settings;
        settings.githubApiUrl = _trackers->url();
        settings.githubToken = "ghp_server_token";
        settings.testsRepoUrl = "https://github.com/acme/tests";
        auto parse = [](const std::string& json) { return Poco::JSON::Parser().parse(json).extract<Object::Ptr>(); };
        const std::string tree = R"({"failures":[
            {"test_name":"t.a","error":"e","analysis":{"classification":"CODE ISSUE","details":"d",
             "code_fix":{"file":"f","line":"1","change":"c","tests_repo_search_keywords":["login banner"]}}},
            {"test_name":"t.b","error":"e","analysis":{"classification":"PRODUCT BUG","code_fix":{"tests_repo_search_keywords":["login"]}}}],
            "child_job_analyses":[{"failures":[{"test_name":"t.c","error":"e","analysis":{"classification":"CODE ISSUE",
             "code_fix":{"tests_repo_search_keywords":["login banner"]}}}]}]})";
        Object::Ptr result = parse(tree);
        std::vector<jji::analysis::TokenUsage> usage;
        CPPUNIT_ASSERT(jji::analysis::TestsRepoEnrichment::hasCandidates(result));
        const jji::analysis::TestsRepoSearchConfig config = jji::analysis::TestsRepoSearchConfig::from(new Object, settings);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), jji::analysis::TestsRepoEnrichment(config).enrich(result, usage));
        auto numbers = [&](const Object::Ptr& fix) {
            std::string out;
            Array::Ptr matches = fix->getArray("tests_repo_matches");
            for (unsigned i = 0; matches && i < matches->size(); ++i)
                out += std::to_string(matches->getObject(i)->getValue<int>("number")) + " ";
            return out;
        };
        Object::Ptr fix = result->getArray("failures")->getObject(0)->getObject("analysis")->getObject("code_fix");
        CPPUNIT_ASSERT_EQUAL(std::string("42 50 51 "), numbers(fix)); // newest first, "Unrelated" too
        Object::Ptr child = result->getArray("child_job_analyses")->getObject(0)->getArray("failures")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("42 50 51 "), numbers(child->getObject("analysis")->getObject("code_fix")));
        CPPUNIT_ASSERT(!result->getArray("failures")->getObject(1)->getObject("analysis")->getObject("code_fix")->has("tests_repo_matches"));
        CPPUNIT_ASSERT(usage.empty());

        // GitHub failing: no matches, no exception.
        FakeTrackers broken(R"({"broken":["github"]})");
        settings.githubApiUrl = broken.url();
        result = parse(tree);
        jji::analysis::TestsRepoEnrichment(jji::analysis::TestsRepoSearchConfig::from(new Object, settings)).enrich(result, usage);
        CPPUNIT_ASSERT_EQUAL(std::string(""), numbers(result->getArray("failures")->getObject(0)->getObject("analysis")->getObject("code_fix")));

        // Jira without an AI: scored by the share of the keywords in the summary, as before.
        jji::analysis::JiraSearchConfig jira;
        jira.enabled = true;
        jira.connection.url = _trackers->url();
        jira.connection.token = "jira_server_pat";
        jira.projectKey = "PROJ";
        result = parse(R"({"failures":[{"test_name":"t.s","analysis":{"classification":"PRODUCT BUG",
                          "product_bug_report":{"title":"t","jira_search_keywords":["core","failure"]}}}]})");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), jji::analysis::JiraEnrichment(jira).enrich(result, usage));
        Array::Ptr matches = result->getArray("failures")->getObject(0)->getObject("analysis")->getObject("product_bug_report")->getArray("jira_matches");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(str(matches), 3u, static_cast<unsigned>(matches->size()));
        CPPUNIT_ASSERT_EQUAL(1.0, matches->getObject(0)->getValue<double>("score"));
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ-4"), matches->getObject(2)->getValue<std::string>("key")); // kept without an AI
        CPPUNIT_ASSERT_EQUAL(0.5, matches->getObject(2)->getValue<double>("score"));
        CPPUNIT_ASSERT(usage.empty());
    }

    void enrichCommentsResolvesReferences()
    {
        start();
        const std::string job = directJob();
        auto comment = [&](const std::string& text) {
            HttpResponse r = post("/results/" + job + "/comments",
                                  R"({"test_name":"tests.core.TestSave.test_save","comment":")" + text + "\"}", "alice");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
            return std::to_string(r.json()->getValue<long long>("id"));
        };
        const std::string first = comment("Fixed by https://github.com/acme/tests/pull/7 and tracked as PROJ-1");
        const std::string second = comment("Duplicate of acme/tests#42, see also acme/tests#9 and UTF-8 and PROJ-999");
        const std::string third = comment("nothing to see here");
        HttpResponse r = post("/results/" + job + "/enrich-comments", "");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        Object::Ptr enrichments = r.json()->getObject("enrichments");
        CPPUNIT_ASSERT(!enrichments->has(third));
        Array::Ptr a = enrichments->getArray(first);
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(a->size()));
        CPPUNIT_ASSERT_EQUAL(std::string("github_pr"), a->getObject(0)->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("acme/tests#7"), a->getObject(0)->getValue<std::string>("key"));
        CPPUNIT_ASSERT_EQUAL(std::string("merged"), a->getObject(0)->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("jira"), a->getObject(1)->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ-1"), a->getObject(1)->getValue<std::string>("key"));
        CPPUNIT_ASSERT_EQUAL(std::string("In Progress"), a->getObject(1)->getValue<std::string>("status"));
        Array::Ptr b = enrichments->getArray(second);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(str(b), 2u, static_cast<unsigned>(b->size())); // UTF-8 and PROJ-999 are unknown to Jira
        CPPUNIT_ASSERT_EQUAL(std::string("github_issue"), b->getObject(0)->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("open"), b->getObject(0)->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("github_pr"), b->getObject(1)->getValue<std::string>("type")); // #9 is a pull request
        CPPUNIT_ASSERT_EQUAL(std::string("open"), b->getObject(1)->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("{}"),
                             str(post("/results/nope/enrich-comments", "").json()->getObject("enrichments")));
    }

    void jiraHelperEndpoints()
    {
        start();
        // The caller's Cloud token lists what Jira shows them, filtered.
        HttpResponse r = post("/api/jira-projects", R"({"jira_token":"jira_cloud_token","jira_email":"alice@example.com","query":"op"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        Array::Ptr projects = r.jsonArray();
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(projects->size()));
        CPPUNIT_ASSERT_EQUAL(std::string("OPS"), projects->getObject(0)->getValue<std::string>("key"));
        CPPUNIT_ASSERT_EQUAL(std::string("Operations"), projects->getObject(0)->getValue<std::string>("name"));
        CPPUNIT_ASSERT_EQUAL(std::string("/rest/api/3/project/search"), _trackers->requests("jira", "GET").back()->getValue<std::string>("path"));
        // Without a token of one's own: only the configured project, Jira not asked.
        const std::size_t asked = _trackers->requests().size();
        projects = post("/api/jira-projects", "{}").jsonArray();
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(projects->size()));
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ"), projects->getObject(0)->getValue<std::string>("key"));
        CPPUNIT_ASSERT_EQUAL(asked, _trackers->requests().size());
        // No configured project either: nothing, and still Jira is not asked.
        start({{"JIRA_PROJECT_KEY", ""}});
        CPPUNIT_ASSERT_EQUAL(std::string("[]"), post("/api/jira-projects", "{}").body);
        CPPUNIT_ASSERT_EQUAL(asked, _trackers->requests().size());
        // A bad token: an empty list, still 200.
        r = post("/api/jira-projects", R"({"jira_token":"wrong","jira_email":"alice@example.com"})");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(r.jsonArray()->size()));

        r = post("/api/jira-security-levels", R"({"project_key":"PROJ"})"); // the server's PAT
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        Array::Ptr levels = r.jsonArray();
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(levels->size()));
        CPPUNIT_ASSERT_EQUAL(std::string("10001"), levels->getObject(0)->getValue<std::string>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("Internal"), levels->getObject(0)->getValue<std::string>("name"));
        CPPUNIT_ASSERT_EQUAL(std::string("Staff only"), levels->getObject(0)->getValue<std::string>("description"));
        CPPUNIT_ASSERT_EQUAL(std::string("[]"), post("/api/jira-security-levels", R"({"project_key":"NOPE"})").body);
        CPPUNIT_ASSERT_EQUAL(422, post("/api/jira-security-levels", R"({})").status);
    }

    void validateToken()
    {
        start();
        Object::Ptr v = post("/api/validate-token", R"({"token_type":"github","token":"ghp_request_token"})").json();
        CPPUNIT_ASSERT(v->getValue<bool>("valid"));
        CPPUNIT_ASSERT_EQUAL(std::string("req-user"), v->getValue<std::string>("username"));
        v = post("/api/validate-token", R"({"token_type":"github","token":"ghp_wrong"})").json();
        CPPUNIT_ASSERT(!v->getValue<bool>("valid"));
        CPPUNIT_ASSERT(contains(v->getValue<std::string>("message"), "rejected"));
        v = post("/api/validate-token", R"({"token_type":"jira","token":"jira_cloud_token","email":"alice@example.com"})").json();
        CPPUNIT_ASSERT(v->getValue<bool>("valid"));
        CPPUNIT_ASSERT_EQUAL(std::string("Alice Cloud"), v->getValue<std::string>("username"));
        v = post("/api/validate-token", R"({"token_type":"jira","token":"jira_server_pat"})").json();
        CPPUNIT_ASSERT(v->getValue<bool>("valid"));
        CPPUNIT_ASSERT_EQUAL(std::string("JJI Bot"), v->getValue<std::string>("username"));
        v = post("/api/validate-token", R"({"token_type":"jira","token":"nope"})").json();
        CPPUNIT_ASSERT(!v->getValue<bool>("valid"));
        v = post("/api/validate-token", R"({"token_type":"github","token":""})").json();
        CPPUNIT_ASSERT(!v->getValue<bool>("valid"));
        CPPUNIT_ASSERT_EQUAL(422, post("/api/validate-token", R"({"token_type":"gitlab","token":"x"})").status);
        CPPUNIT_ASSERT_EQUAL(422, post("/api/validate-token", R"({"token":"x"})").status);
        CPPUNIT_ASSERT_EQUAL(422, post("/api/validate-token", R"({"token_type":"github"})").status);
        // Unreachable tracker: still 200.
        start({{"GITHUB_API_URL", _refusing.url()}});
        HttpResponse r = post("/api/validate-token", R"({"token_type":"github","token":"ghp_request_token"})");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT(!r.json()->getValue<bool>("valid"));
    }

    void pushToReportPortal()
    {
        start();
        const std::string job = jenkinsJob("folder/app", 12);
        HttpResponse r = post("/results/" + job + "/push-reportportal", "");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        Object::Ptr out = r.json();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(str(out), 2, out->getValue<int>("pushed"));
        CPPUNIT_ASSERT_EQUAL(501, out->getValue<int>("launch_id")); // build 12's launch, not build 11's
        CPPUNIT_ASSERT_EQUAL(std::string("[\"test_unmapped\"]"), str(out->getArray("unmatched")));
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(out->getArray("errors")->size()));
        auto puts = _trackers->requests("reportportal", "PUT");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), puts.size());
        CPPUNIT_ASSERT_EQUAL(std::string("/api/v1/qa/item"), puts[0]->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer rp_token_secret"), puts[0]->getValue<std::string>("auth"));
        Array::Ptr issues = puts[0]->getObject("body")->getArray("issues");
        std::map<int, Object::Ptr> byItem;
        for (unsigned i = 0; i < issues->size(); ++i)
            byItem[issues->getObject(i)->getValue<int>("testItemId")] = issues->getObject(i)->getObject("issue");
        CPPUNIT_ASSERT_EQUAL(std::string("ab001"), byItem.at(1)->getValue<std::string>("issueType")); // CODE ISSUE
        CPPUNIT_ASSERT_EQUAL(std::string("si001"), byItem.at(2)->getValue<std::string>("issueType")); // INFRASTRUCTURE
        const std::string comment = byItem.at(1)->getValue<std::string>("comment");
        CPPUNIT_ASSERT_MESSAGE(comment, contains(comment, "CODE ISSUE") && contains(comment, "https://jji.example.com/results/" + job + ".html"));
        CPPUNIT_ASSERT(!byItem.at(1)->getValue<bool>("autoAnalyzed"));

        // A child's failures go to the child's launch.
        const std::string pipeline = jenkinsJob("pipe", 5);
        r = post("/results/" + pipeline + "/push-reportportal?child_job_name=comp-a&child_build_number=7", "");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(601, r.json()->getValue<int>("launch_id"));
        CPPUNIT_ASSERT_EQUAL(1, r.json()->getValue<int>("pushed"));
        // The pipeline itself has no launch: reported in errors, still 200.
        r = post("/results/" + pipeline + "/push-reportportal", "");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT(contains(str(r.json()->getArray("errors")), "No Report Portal launch named 'pipe'"));
        CPPUNIT_ASSERT(r.json()->isNull("launch_id"));
    }

    void reportPortalErrors()
    {
        start();
        const std::string job = jenkinsJob("folder/app", 12);
        const std::string path = "/results/" + job + "/push-reportportal";
        CPPUNIT_ASSERT_EQUAL(404, post("/results/nope/push-reportportal", "").status);
        CPPUNIT_ASSERT_EQUAL(400, post(path + "?child_job_name=comp-a", "").status);
        CPPUNIT_ASSERT_EQUAL(400, post(path + "?child_build_number=7", "").status);
        CPPUNIT_ASSERT_EQUAL(422, post(path + "?child_job_name=comp-a&child_build_number=x", "").status);
        CPPUNIT_ASSERT_EQUAL(400, post(path + "?child_job_name=other&child_build_number=1", "").status);
        // A direct analysis has no Jenkins build to find a launch for.
        HttpResponse r = post("/results/" + directJob() + "/push-reportportal", "");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(r.json()->getArray("errors")->size()));

        start({{"REPORTPORTAL_API_TOKEN", "wrong-token"}});
        r = post(path, "");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT_MESSAGE(r.body, contains(str(r.json()->getArray("errors")), "401"));
        CPPUNIT_ASSERT_EQUAL(0, r.json()->getValue<int>("pushed"));
        start({{"PUBLIC_BASE_URL", ""}});
        CPPUNIT_ASSERT_EQUAL(400, post(path, "").status);
        start({{"REPORTPORTAL_PROJECT", ""}});
        CPPUNIT_ASSERT_EQUAL(400, post(path, "").status);
        start({{"ENABLE_REPORTPORTAL", "false"}});
        CPPUNIT_ASSERT_EQUAL(400, post(path, "").status);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TrackersTest);
