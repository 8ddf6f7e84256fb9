// The jji command-line client end to end: the real binary against the real daemon with
// the fake AI CLI and the fake Jenkins.
#include "jji/test/FakeJenkins.h"
#include "jji/test/JenkinsFixture.h"
#include "jji/test/ServerProcess.h"

#include <Poco/JSON/Parser.h>

#include <boost/process.hpp>

#include <cppunit/extensions/HelperMacros.h>

namespace bp = boost::process;
using jji::test::FakeJenkins;
using jji::test::ServerProcess;
using jji::test::TempDir;

namespace {

const std::string kAdminKey = "cli-test-admin-key-0123456789";

struct CliRun
{
    int code = -1;
    std::string out, err;
};

} // namespace

class CliTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CliTest);
    CPPUNIT_TEST(analyzeWaitsWithProgressAndExitCodes);
    CPPUNIT_TEST(directAnalysisWritesEnrichedXml);
    CPPUNIT_TEST(resultsStatusAndJson);
    CPPUNIT_TEST(reviewAndHistoryCommands);
    CPPUNIT_TEST(adminAndMetadataCommands);
    CPPUNIT_TEST(usageAndConnectionErrors);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<TempDir> _scratch;
    std::unique_ptr<FakeJenkins> _jenkins;
    std::unique_ptr<ServerProcess> _server;

    CliRun jji(const std::vector<std::string>& args, std::map<std::string, std::string> extraEnv = {}) const
    {
        bp::environment env; // set(): Boost 1.74's operator[] reads past shorter entries
        env.set("PATH", "/usr/bin:/bin");
        env.set("JJI_SERVER", "http://127.0.0.1:" + std::to_string(_server->port()));
        for (const auto& [k, v] : extraEnv)
            env.set(k, v);
        bp::ipstream out, err;
        bp::child child(JJI_CLI_PATH, bp::args(args), env, bp::std_out > out, bp::std_err > err, bp::std_in < bp::null);
        CliRun run;
        std::string line;
        while (std::getline(out, line))
            run.out += line + "\n";
        while (std::getline(err, line))
            run.err += line + "\n";
        child.wait();
        run.code = child.exit_code();
        return run;
    }

    std::string directJob() const
    {
        auto r = _server->http().postJson("/analyze-failures", R"({"failures":[{"test_name":"t.a","error_message":"AssertionError: x"}]})");
        return r.json()->getValue<std::string>("job_id");
    }

public:
    void setUp() override
    {
        _scratch = std::make_unique<TempDir>();
        using namespace jji::test;
        const std::string report = jenkinsReport(jenkinsCase("tests.api.TestLogin", "test_admin", "FAILED", "AssertionError: expected 200"));
        _jenkins = std::make_unique<FakeJenkins>(
            R"({"user":"u","token":"t","builds":{"app/7":{"build":)" + jenkinsBuild(7, "UNSTABLE") + R"(,"testReport":)" + report +
            R"(,"building_polls":2},"missing-report/1":{"build":)" + jenkinsBuild(1, "FAILURE") + R"(,"testReport":null,"console":"x\n"}}})");
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{
            {{"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"}, {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"},
             {"JENKINS_URL", _jenkins->url()}, {"JENKINS_USER", "u"}, {"JENKINS_PASSWORD", "t"},
             {"JJI_WAIT_MINUTE_SECONDS", "1"}, {"ADMIN_KEY", kAdminKey}},
            {}});
    }

    void tearDown() override
    {
        _server.reset();
        _jenkins.reset();
        _scratch.reset();
    }

    void analyzeWaitsWithProgressAndExitCodes()
    {
        CliRun done = jji({"analyze", "app", "7", "--wait", "--poll-seconds", "1"});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(done.err, 0, done.code);
        // Not a terminal: one progress line per state, with phase and elapsed seconds.
        CPPUNIT_ASSERT_MESSAGE(done.err, done.err.find("[waiting waiting_for_jenkins] ") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(done.err, done.err.find("[completed saving] ") != std::string::npos);
        CPPUNIT_ASSERT(done.out.find("status: completed") != std::string::npos);
        CPPUNIT_ASSERT(done.out.find("tests.api.TestLogin.test_admin") != std::string::npos);
        CPPUNIT_ASSERT(done.out.find("CODE ISSUE") != std::string::npos);

        CliRun failed = jji({"analyze", "nope", "3", "--wait", "--poll-seconds", "1"});
        CPPUNIT_ASSERT_EQUAL(1, failed.code);
        CPPUNIT_ASSERT(failed.out.find("status: failed") != std::string::npos);

        CliRun queued = jji({"analyze", "app", "7"});
        CPPUNIT_ASSERT_EQUAL(0, queued.code);
        CPPUNIT_ASSERT(queued.out.find("job_id: ") != std::string::npos);
        CPPUNIT_ASSERT(queued.out.find("status: queued") != std::string::npos);
    }

    void directAnalysisWritesEnrichedXml()
    {
        const std::string out = _scratch->file("enriched.xml");
        CliRun run = jji({"analyze-failures", "--junit", jji::test::dataDir() + "/junit/pytest.xml", "--write-enriched", out});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(run.err, 0, run.code);
        CPPUNIT_ASSERT(jji::test::readFile(out).find("ai_classification") != std::string::npos);
        CPPUNIT_ASSERT(run.out.find("classification") != std::string::npos);
        CliRun missing = jji({"analyze-failures"});
        CPPUNIT_ASSERT_EQUAL(2, missing.code);
    }

    void resultsStatusAndJson()
    {
        const std::string id = directJob();
        CliRun list = jji({"results"});
        CPPUNIT_ASSERT_EQUAL(0, list.code);
        CPPUNIT_ASSERT(list.out.find("job_id") == 0); // a table with a header row
        CPPUNIT_ASSERT(list.out.find(id) != std::string::npos);
        CliRun json = jji({"--json", "results", id});
        CPPUNIT_ASSERT_EQUAL(0, json.code);
        CPPUNIT_ASSERT_EQUAL(id, Poco::JSON::Parser().parse(json.out).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("job_id"));
        CliRun status = jji({"status", id});
        CPPUNIT_ASSERT(status.out.find("progress_phase: saving") != std::string::npos);
        CliRun unknown = jji({"results", "no-such-job"});
        CPPUNIT_ASSERT_EQUAL(1, unknown.code);
        CPPUNIT_ASSERT_MESSAGE(unknown.err, unknown.err.find("error: HTTP 404: Job not found") != std::string::npos);
    }

    void reviewAndHistoryCommands()
    {
        const std::string id = directJob();
        const std::map<std::string, std::string> alice{{"JJI_USERNAME", "alice"}};
        CPPUNIT_ASSERT_EQUAL(0, jji({"comment", id, "t.a", "looks flaky"}, alice).code);
        CPPUNIT_ASSERT_EQUAL(0, jji({"review", id, "t.a"}, alice).code);
        CliRun overridden = jji({"override", id, "t.a", "PRODUCT BUG"}, alice);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(overridden.err, 0, overridden.code);
        CPPUNIT_ASSERT_EQUAL(0, jji({"classify", "t.a", "flaky", "--job-id", id, "--reason", "timeouts"}, alice).code);
        CliRun bad = jji({"override", id, "t.a", "NOT A CLASS"}, alice);
        CPPUNIT_ASSERT_EQUAL(1, bad.code);
        CPPUNIT_ASSERT(bad.err.find("HTTP 422") != std::string::npos);

        CliRun failures = jji({"history", "failures", "--search", "t.a"});
        CPPUNIT_ASSERT(failures.out.find("PRODUCT BUG") != std::string::npos);
        CPPUNIT_ASSERT(failures.out.find("total: 1") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(0, jji({"history", "test", "t.a"}).code);
        CPPUNIT_ASSERT_EQUAL(0, jji({"history", "stats", "some/job"}).code);
        CliRun comments = jji({"--json", "results", id});
        CPPUNIT_ASSERT(comments.out.find("PRODUCT BUG") != std::string::npos);
    }

    void adminAndMetadataCommands()
    {
        CliRun denied = jji({"admin", "users"});
        CPPUNIT_ASSERT_EQUAL(1, denied.code);
        CPPUNIT_ASSERT(denied.err.find("HTTP 403") != std::string::npos);
        const std::map<std::string, std::string> admin{{"JJI_API_KEY", kAdminKey}};
        CPPUNIT_ASSERT_EQUAL(0, jji({"admin", "users"}, admin).code);
        directJob();
        CliRun usage = jji({"admin", "token-usage", "--group-by", "provider"}, admin);
        CPPUNIT_ASSERT_EQUAL(0, usage.code);
        CPPUNIT_ASSERT(usage.out.find("claude") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(0, jji({"metadata", "set", "folder/app", "--team", "platform", "--labels", "nightly,smoke"}, admin).code);
        CliRun listed = jji({"metadata", "list"});
        CPPUNIT_ASSERT(listed.out.find("platform") != std::string::npos);
        CPPUNIT_ASSERT(listed.out.find("nightly") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(0, jji({"metadata", "delete", "folder/app"}, admin).code);
        CPPUNIT_ASSERT_EQUAL(1, jji({"metadata", "get", "folder/app"}).code);
    }

    void usageAndConnectionErrors()
    {
        CPPUNIT_ASSERT_EQUAL(0, jji({"health"}).code);
        CPPUNIT_ASSERT_EQUAL(std::string("healthy\n"), jji({"health"}).out);
        CPPUNIT_ASSERT_EQUAL(2, jji({}).code);
        CPPUNIT_ASSERT_EQUAL(2, jji({"frobnicate"}).code);
        CPPUNIT_ASSERT_EQUAL(2, jji({"analyze", "only-a-job"}).code);
        CPPUNIT_ASSERT_EQUAL(0, jji({"help"}).code);
        CliRun down = jji({"health"}, {{"JJI_SERVER", "http://127.0.0.1:1"}});
        CPPUNIT_ASSERT_EQUAL(2, down.code);
        CPPUNIT_ASSERT(down.err.find("cannot reach") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(0, jji({"--server", "http://127.0.0.1:" + std::to_string(_server->port()), "health"},
                                    {{"JJI_SERVER", "http://127.0.0.1:1"}}).code);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CliTest);
