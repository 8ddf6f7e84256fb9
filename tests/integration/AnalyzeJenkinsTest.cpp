// Jenkins-backed analysis end to end: the real jji-server against the fake Jenkins
// server and the fake AI CLI, through POST /analyze (async and sync), callbacks,
// /re-analyze, the build-finished webhook, and crash recovery.
#include "jji/test/CallbackReceiver.h"
#include "jji/test/FakeJenkins.h"
#include "jji/test/JenkinsFixture.h"
#include "jji/test/JsonLines.h"
#include "jji/test/ServerProcess.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using jji::test::CallbackReceiver;
using jji::test::FakeJenkins;
using jji::test::HttpResponse;
using jji::test::jenkinsBuild;
using jji::test::jenkinsCase;
using jji::test::jenkinsReport;
using jji::test::ServerProcess;
using jji::test::TempDir;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const char* kUser = "jenkins-bot";
const char* kToken = "api-token-123";

/// The fake Jenkins' builds: a failed build with tests, one still building, a green
/// one, a compile failure without a test report, and pipelines with children.
std::string fixture()
{
    const std::string appReport =
        jenkinsReport(jenkinsCase("tests.api.TestLogin", "test_admin", "FAILED", "AssertionError: expected 200 got 500") + "," +
               jenkinsCase("tests.api.TestLogin", "test_user", "REGRESSION", "AssertionError: expected 200 got 500") + "," +
               jenkinsCase("tests.db.TestConn", "test_connect", "FAILED", "Connection refused to db:5432") + "," +
               jenkinsCase("tests.ok.TestOk", "test_ok", "PASSED"));
    const std::string oneFailure = jenkinsReport(jenkinsCase("tests.comp.TestUi", "test_checkout", "FAILED", "Checkout crashed with NullPointer"));
    const std::string leafFailure = jenkinsReport(jenkinsCase("tests.leaf.TestDeep", "test_deep", "FAILED", "Deep service crashed"));
    return std::string(R"({"user":")") + kUser + R"(","token":")" + kToken + R"(","builds":{)"
           R"("folder/app/12":{"build":)" + jenkinsBuild(12, "UNSTABLE") + R"(,"testReport":)" + appReport +
           R"(,"console":"tests ran\n","artifacts":{"logs/app.log":"ERROR app crashed\n","../../escape.txt":"x"}},)"
           R"("folder/app/13":{"build":)" + jenkinsBuild(13, "UNSTABLE") + R"(,"testReport":)" + appReport + R"(,"building_polls":3},)"
           R"("slow/1":{"build":)" + jenkinsBuild(1, "UNSTABLE") + R"(,"testReport":)" + oneFailure + R"(,"building_polls":4},)"
           R"("forever/1":{"build":)" + jenkinsBuild(1, "FAILURE") + R"(,"testReport":null,"building_polls":1000000},)"
           R"("green/1":{"build":)" + jenkinsBuild(1, "SUCCESS") + R"(,"testReport":)" + oneFailure + R"(},)"
           R"("compile/4":{"build":)" + jenkinsBuild(4, "FAILURE") + R"(,"testReport":null,)"
           R"("console":{"repeat":"[INFO] compiling module\n","times":20000,"tail":"src/main.c:10: error: 'x' undeclared\nBUILD FAILED\n"}},)"
           R"("pipe/5":{"build":)" +
           jenkinsBuild(5, "FAILURE",
                 R"(,"subBuilds":[{"jobName":"comp-a","buildNumber":7,"result":"FAILURE"},{"jobName":"ok-job","buildNumber":1,"result":"SUCCESS"}])") +
           R"(,"testReport":null,"console":"pipeline\n"},)"
           R"("comp-a/7":{"build":)" +
           jenkinsBuild(7, "UNSTABLE",
                 R"(,"actions":[{"_class":"hudson.model.CauseAction"},{"triggeredBuilds":[{"number":3,"result":"UNSTABLE","url":"http://jenkins.example/job/deep/job/leaf/3/"}]}])") +
           R"(,"testReport":)" + oneFailure + R"(},)"
           R"("deep/leaf/3":{"build":)" + jenkinsBuild(3, "UNSTABLE") + R"(,"testReport":)" + leafFailure + R"(},)"
           R"("logpipe/2":{"build":)" + jenkinsBuild(2, "FAILURE") +
           R"(,"testReport":null,"console":"Starting building: tools » other #4\nBuild tools » other #4 completed: FAILURE\nFinished: FAILURE\n"},)"
           R"("tools/other/4":{"build":)" + jenkinsBuild(4, "FAILURE") + R"(,"testReport":)" + leafFailure + R"(},)"
           R"("agent/9":{"build":)" + jenkinsBuild(9, "FAILURE") + R"(,"testReport":)" +
           jenkinsReport(jenkinsCase("tests.e2e.TestFlow", "test_checkout", "FAILED", "Test run aborted")) +
           R"(,"console":"[e2e] running\nFATAL: command execution failed\nhudson.remoting.ChannelClosedException: Channel \"hudson.remoting.Channel@1f2e:agent-7\": Remote call on agent-7 failed\n"})"
           "}}";
}

bool isFinished(const std::string& status)
{
    return status == "completed" || status == "failed";
}

} // namespace

class AnalyzeJenkinsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AnalyzeJenkinsTest);
    CPPUNIT_TEST(asyncJobIsQueuedPolledAndCompleted);
    CPPUNIT_TEST(syncReturnsTheFullResult);
    CPPUNIT_TEST(waitingBuildHoldsNoWorker);
    CPPUNIT_TEST(waitGivesUpAfterMaxWait);
    CPPUNIT_TEST(greenBuildIsSkippedUnlessForced);
    CPPUNIT_TEST(buildWithoutTestReportIsAnalysedFromItsConsole);
    CPPUNIT_TEST(knownFailuresInJenkinsBuilds);
    CPPUNIT_TEST(failedChildBuildsAreAnalysedRecursively);
    CPPUNIT_TEST(childDepthIsLimited);
    CPPUNIT_TEST(callbackIsRetriedAndCarriesTheResult);
    CPPUNIT_TEST(reAnalyzeAppliesOnlyTheOverrides);
    CPPUNIT_TEST(notifyWebhookQueuesOneJobPerBuild);
    CPPUNIT_TEST(unreachableOrMissingBuildFailsTheJob);
    CPPUNIT_TEST(badRequestsAreRejected);
    CPPUNIT_TEST(requestNamedTargetsCannotReachInside);
    CPPUNIT_TEST(killedDaemonResumesItsJobs);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<TempDir> _scratch;
    std::unique_ptr<FakeJenkins> _jenkins;
    std::unique_ptr<ServerProcess> _server;

    std::map<std::string, std::string> env(std::map<std::string, std::string> extra = {}) const
    {
        const std::string fake = jji::test::fakesDir() + "/fake-ai-cli";
        std::map<std::string, std::string> e{
            {"AI_PROVIDER", "claude"},          {"AI_MODEL", "fake-model"},
            {"JJI_AI_COMMAND_CLAUDE", fake},     {"JJI_AI_COMMAND_GEMINI", fake},
            {"FAKE_AI_CALL_LOG", callLog()},     {"FAKE_AI_PID_FILE", _scratch->file("pids")},
            {"JENKINS_URL", _jenkins->url()},    {"JENKINS_USER", kUser},
            {"JENKINS_PASSWORD", kToken},        {"JJI_WAIT_MINUTE_SECONDS", "1"},
            {"JJI_CALLBACK_ALLOW_HOSTS", "127.0.0.1"}, // the callback receivers listen on loopback
        };
        for (const auto& [k, v] : extra)
            e[k] = v;
        return e;
    }

    void start(std::map<std::string, std::string> extra = {})
    {
        _server.reset();
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env(std::move(extra)), {}});
    }

    std::string callLog() const { return _scratch->file("calls.log"); }

    std::vector<Poco::JSON::Object::Ptr> calls() const { return jji::test::readJsonLines(callLog()); }

    HttpResponse analyze(const std::string& body, const std::string& query = "") const
    {
        return _server->http().postJson("/analyze" + query, body, {}, 120);
    }

    /// Queues an analysis and returns its job id (asserting the 202 reply).
    std::string queue(const std::string& body) const
    {
        HttpResponse r = analyze(body);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 202, r.status);
        return r.json()->getValue<std::string>("job_id");
    }

    /// GET /results/{id} until the job has ended (or `seconds` pass); the envelope.
    Object::Ptr waitForEnd(const std::string& id, int seconds = 60) const
    {
        Object::Ptr envelope;
        for (int i = 0; i < seconds * 20; ++i) {
            HttpResponse r = _server->http().get("/results/" + id);
            envelope = r.json();
            if (isFinished(envelope->getValue<std::string>("status"))) {
                CPPUNIT_ASSERT_EQUAL(200, r.status);
                return envelope;
            }
            CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 202, r.status);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        CPPUNIT_FAIL("job " + id + " did not end; last: " + envelope->getValue<std::string>("status"));
        return nullptr;
    }

    std::string statusOf(const std::string& id) const
    {
        return _server->http().get("/results/" + id).json()->getValue<std::string>("status");
    }

    /// Waits until the job reports `status` (polling up to `seconds`).
    void waitForStatus(const std::string& id, const std::string& status, int seconds = 20) const
    {
        for (int i = 0; i < seconds * 50 && statusOf(id) != status; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        CPPUNIT_ASSERT_EQUAL(status, statusOf(id));
    }

    static std::vector<std::string> phases(const Object::Ptr& result)
    {
        std::vector<std::string> out;
        Array::Ptr log = result->getArray("progress_log");
        for (unsigned i = 0; log && i < log->size(); ++i)
            out.push_back(log->getObject(i)->getValue<std::string>("phase"));
        return out;
    }

    static bool contains(const std::vector<std::string>& list, const std::string& item)
    {
        return std::find(list.begin(), list.end(), item) != list.end();
    }

    static std::string jobBody(const std::string& job, int number, const std::string& extra = "")
    {
        return R"({"job_name":")" + job + R"(","build_number":)" + std::to_string(number) + extra + "}";
    }

public:
    void setUp() override
    {
        _scratch = std::make_unique<TempDir>();
        _jenkins = std::make_unique<FakeJenkins>(fixture());
        start();
    }

    void tearDown() override
    {
        _server.reset();
        _jenkins.reset();
        _scratch.reset();
    }

    void asyncJobIsQueuedPolledAndCompleted()
    {
        // Credentials come with the request only: the job must keep them (sealed) to run.
        start({{"JENKINS_USER", ""}, {"JENKINS_PASSWORD", ""}});
        HttpResponse r = analyze(jobBody("folder/app", 12, std::string(R"(,"jenkins_user":")") + kUser +
                                                               R"(","jenkins_password":")" + kToken + R"(")"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 202, r.status);
        Object::Ptr queued = r.json();
        const std::string id = queued->getValue<std::string>("job_id");
        CPPUNIT_ASSERT_EQUAL(std::string("queued"), queued->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL("Analysis job queued. Poll /results/" + id + " for status.", queued->getValue<std::string>("message"));
        CPPUNIT_ASSERT_EQUAL("/results/" + id, queued->getValue<std::string>("result_url"));
        CPPUNIT_ASSERT_EQUAL("/results/" + id + ".html", queued->getValue<std::string>("html_report_url"));
        CPPUNIT_ASSERT(queued->has("base_url"));

        Object::Ptr envelope = waitForEnd(id);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), envelope->getValue<std::string>("status"));
        CPPUNIT_ASSERT(!envelope->get("analysis_started_at").isEmpty());
        CPPUNIT_ASSERT(!envelope->get("completed_at").isEmpty());
        CPPUNIT_ASSERT_EQUAL(_jenkins->url() + "/job/folder/job/app/12/", envelope->getValue<std::string>("jenkins_url"));
        Object::Ptr result = envelope->getObject("result");
        CPPUNIT_ASSERT_EQUAL(std::string("folder/app"), result->getValue<std::string>("job_name"));
        CPPUNIT_ASSERT_EQUAL(12, result->getValue<int>("build_number"));
        CPPUNIT_ASSERT_EQUAL(std::string("3 failure(s) analyzed (2 unique error types)"), result->getValue<std::string>("summary"));
        Array::Ptr failures = result->getArray("failures");
        CPPUNIT_ASSERT_EQUAL(3u, static_cast<unsigned>(failures->size()));
        CPPUNIT_ASSERT_EQUAL(std::string("tests.api.TestLogin.test_admin"), failures->getObject(0)->getValue<std::string>("test_name"));
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"),
                             failures->getObject(0)->getObject("analysis")->getValue<std::string>("classification"));
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"),
                             failures->getObject(2)->getObject("analysis")->getValue<std::string>("classification"));
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(calls().size())); // one AI call per signature
        std::vector<std::string> seen = phases(result);
        CPPUNIT_ASSERT(contains(seen, "analyzing"));
        CPPUNIT_ASSERT(contains(seen, "saving"));
        CPPUNIT_ASSERT_EQUAL(std::string("saving"), result->getValue<std::string>("progress_phase"));

        // Artifacts were downloaded into the AI's workspace (the unsafe path was not) and named in the prompt.
        Object::Ptr call = calls().front();
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(call->getArray("artifacts")->size()));
        CPPUNIT_ASSERT_EQUAL(std::string("logs/app.log"), call->getArray("artifacts")->getElement<std::string>(0));
        CPPUNIT_ASSERT(call->getValue<std::string>("prompt").find("artifacts/logs/app.log") != std::string::npos);
        for (const char* where : {"/data/escape.txt", "/data/workspaces/escape.txt", "/escape.txt"})
            CPPUNIT_ASSERT(!Poco::File(_server->dataDir() + where).exists());

        // Secrets are neither returned nor stored in clear.
        const std::string body = _server->http().get("/results/" + id).body;
        CPPUNIT_ASSERT(body.find(kToken) == std::string::npos);
        CPPUNIT_ASSERT(body.find("jenkins_password") == std::string::npos);
        CPPUNIT_ASSERT(!jji::test::anyFileContains(_server->dataDir(), kToken));
        CPPUNIT_ASSERT(_server->log().find(kToken) == std::string::npos);
    }

    void syncReturnsTheFullResult()
    {
        HttpResponse r = analyze(jobBody("folder/app", 12, R"(,"get_job_artifacts":false)"), "?sync=true");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        Object::Ptr result = r.json();
        const std::string id = result->getValue<std::string>("job_id");
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), result->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(3u, static_cast<unsigned>(result->getArray("failures")->size()));
        CPPUNIT_ASSERT_EQUAL("/results/" + id, result->getValue<std::string>("result_url"));
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), result->getValue<std::string>("ai_provider"));
        CPPUNIT_ASSERT(!result->has("request_params"));
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(calls().front()->getArray("artifacts")->size())); // get_job_artifacts=false
        CPPUNIT_ASSERT_EQUAL(200, _server->http().get("/results/" + id).status);
    }

    void waitingBuildHoldsNoWorker()
    {
        start({{"JJI_MAX_CONCURRENT_ANALYSES", "1"}});
        // folder/app #13 keeps building for 3 polls (1 s apart); with one worker, the
        // job queued after it must not wait for Jenkins to finish that build.
        const std::string waiting = queue(jobBody("folder/app", 13, R"(,"poll_interval_minutes":1)"));
        waitForStatus(waiting, "waiting");
        const std::string quick = queue(jobBody("folder/app", 12));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), waitForEnd(quick, 20)->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("waiting"), statusOf(waiting));
        // The badge counts the one waiting for its build; the completed one no longer.
        CPPUNIT_ASSERT_EQUAL(1, _server->http().get("/api/dashboard/active-count").json()->getValue<int>("count"));
        Object::Ptr result = _server->http().get("/results/" + waiting).json()->getObject("result");
        CPPUNIT_ASSERT_EQUAL(std::string("waiting_for_jenkins"), result->getValue<std::string>("progress_phase"));

        Object::Ptr envelope = waitForEnd(waiting);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), envelope->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(0, _server->http().get("/api/dashboard/active-count").json()->getValue<int>("count"));
        std::vector<std::string> seen = phases(envelope->getObject("result"));
        CPPUNIT_ASSERT_EQUAL(std::string("waiting_for_jenkins"), seen.front());
        CPPUNIT_ASSERT_EQUAL(1, static_cast<int>(std::count(seen.begin(), seen.end(), "waiting_for_jenkins")));
        CPPUNIT_ASSERT(contains(seen, "analyzing"));
    }

    void waitGivesUpAfterMaxWait()
    {
        const std::string id = queue(jobBody("forever", 1, R"(,"poll_interval_minutes":1,"max_wait_minutes":2)"));
        Object::Ptr envelope = waitForEnd(id, 30);
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), envelope->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("Timed out waiting for Jenkins job 'forever' build #1 after 2 minutes"),
                             envelope->getObject("result")->getValue<std::string>("error"));
        CPPUNIT_ASSERT(calls().empty());
    }

    void greenBuildIsSkippedUnlessForced()
    {
        Object::Ptr skipped = waitForEnd(queue(jobBody("green", 1)));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), skipped->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("Build passed successfully. No failures to analyze."),
                             skipped->getObject("result")->getValue<std::string>("summary"));
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(skipped->getObject("result")->getArray("failures")->size()));
        CPPUNIT_ASSERT(calls().empty());

        Object::Ptr forced = waitForEnd(queue(jobBody("green", 1, R"(,"force":true)")));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), forced->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(forced->getObject("result")->getArray("failures")->size()));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(calls().size()));
    }

    void buildWithoutTestReportIsAnalysedFromItsConsole()
    {
        Object::Ptr envelope = waitForEnd(queue(jobBody("compile", 4)));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), envelope->getValue<std::string>("status"));
        Array::Ptr failures = envelope->getObject("result")->getArray("failures");
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(failures->size()));
        CPPUNIT_ASSERT_EQUAL(std::string("compile#4"), failures->getObject(0)->getValue<std::string>("test_name"));
        CPPUNIT_ASSERT_EQUAL(std::string("Console-only analysis"), failures->getObject(0)->getValue<std::string>("error"));
        // The AI saw the error line from the end of a 480 kB log, not the log itself.
        const std::string prompt = calls().front()->getValue<std::string>("prompt");
        CPPUNIT_ASSERT(prompt.find("src/main.c:10: error: 'x' undeclared") != std::string::npos);
        CPPUNIT_ASSERT(prompt.size() < 20000);
    }

    /// Issue 19 on the Jenkins path: a rule on the build's console classifies without AI, and
    /// the job's own builds are counted in the history of the next prompt.
    void knownFailuresInJenkinsBuilds()
    {
        Object::Ptr result = waitForEnd(queue(jobBody("agent", 9)))->getObject("result");
        Object::Ptr f = result->getArray("failures")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("rule:jenkins-agent-disconnected"), f->getValue<std::string>("classified_by"));
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"), f->getObject("analysis")->getValue<std::string>("classification"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), calls().size());

        const std::string data = _scratch->file("history-data"); // kept across the restart below
        start({{"JJI_DATA_DIR", data}});
        waitForEnd(queue(jobBody("folder/app", 12)));
        waitForEnd(queue(jobBody("folder/app", 12)));
        const std::size_t before = calls().size();
        waitForEnd(queue(jobBody("folder/app", 12)));
        CPPUNIT_ASSERT(calls().size() > before);
        std::string prompt = calls().back()->getValue<std::string>("prompt");
        CPPUNIT_ASSERT_MESSAGE(prompt, prompt.find("In the last 2 analysed build(s) of folder/app it failed in 2") != std::string::npos);
        // JJI_HISTORY_BUILDS bounds how far back the job's builds are counted.
        start({{"JJI_DATA_DIR", data}, {"JJI_HISTORY_BUILDS", "1"}});
        waitForEnd(queue(jobBody("folder/app", 12)));
        prompt = calls().back()->getValue<std::string>("prompt");
        CPPUNIT_ASSERT_MESSAGE(prompt, prompt.find("In the last 1 analysed build(s) of folder/app it failed in 1") != std::string::npos);
    }

    void failedChildBuildsAreAnalysedRecursively()
    {
        const std::string jobId = queue(jobBody("pipe", 5));
        Object::Ptr result = waitForEnd(jobId)->getObject("result");
        // The dashboard counts the failures of the whole tree, as the original does.
        Array::Ptr rows = _server->http().get("/api/dashboard").jsonArray();
        for (std::size_t i = 0; i < rows->size(); ++i) {
            if (rows->getObject(i)->getValue<std::string>("job_id") != jobId)
                continue;
            CPPUNIT_ASSERT_EQUAL(2, rows->getObject(i)->getValue<int>("failure_count"));
            CPPUNIT_ASSERT_EQUAL(1, rows->getObject(i)->getValue<int>("child_job_count"));
            CPPUNIT_ASSERT_EQUAL(5, rows->getObject(i)->getValue<int>("build_number"));
        }
        CPPUNIT_ASSERT_EQUAL(std::string("Pipeline failed due to 1 child job(s). Total: 2 failure(s) analyzed. See child analyses below."),
                             result->getValue<std::string>("summary"));
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(result->getArray("failures")->size()));
        Array::Ptr children = result->getArray("child_job_analyses");
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(children->size())); // the green sub-build is not followed
        Object::Ptr child = children->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("comp-a"), child->getValue<std::string>("job_name"));
        CPPUNIT_ASSERT_EQUAL(7, child->getValue<int>("build_number"));
        CPPUNIT_ASSERT_EQUAL(_jenkins->url() + "/job/comp-a/7/", child->getValue<std::string>("jenkins_url"));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(child->getArray("failures")->size()));
        Array::Ptr grandchildren = child->getArray("failed_children");
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(grandchildren->size())); // from triggeredBuilds
        Object::Ptr leaf = grandchildren->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("deep/leaf"), leaf->getValue<std::string>("job_name"));
        CPPUNIT_ASSERT_EQUAL(std::string("tests.leaf.TestDeep.test_deep"),
                             leaf->getArray("failures")->getObject(0)->getValue<std::string>("test_name"));
        CPPUNIT_ASSERT(!leaf->has("note"));

        // Children named only in the console ("Build tools » other #4 completed: FAILURE").
        Object::Ptr fromLog = waitForEnd(queue(jobBody("logpipe", 2)))->getObject("result");
        Object::Ptr other = fromLog->getArray("child_job_analyses")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("tools/other"), other->getValue<std::string>("job_name"));
        CPPUNIT_ASSERT_EQUAL(4, other->getValue<int>("build_number"));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(other->getArray("failures")->size()));
    }

    void childDepthIsLimited()
    {
        start({{"JJI_MAX_CHILD_DEPTH", "1"}});
        Object::Ptr result = waitForEnd(queue(jobBody("pipe", 5)))->getObject("result");
        Object::Ptr child = result->getArray("child_job_analyses")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(child->getArray("failures")->size()));
        Object::Ptr leaf = child->getArray("failed_children")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("Max depth reached - analysis stopped to prevent infinite recursion"),
                             leaf->getValue<std::string>("note"));
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(leaf->getArray("failures")->size()));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(calls().size())); // the leaf was never sent to the AI
    }

    void callbackIsRetriedAndCarriesTheResult()
    {
        CallbackReceiver receiver(1); // the first delivery gets a 500
        const std::string callback = R"(,"callback_url":")" + receiver.url("/hook") +
                                     R"(","callback_headers":{"Authorization":"Bearer cb-secret-42"})";
        const std::string id = queue(jobBody("folder/app", 12, callback));
        waitForEnd(id);
        for (int i = 0; i < 300 && receiver.calls() < 2; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CPPUNIT_ASSERT_EQUAL(2, receiver.calls());
        Object::Ptr delivered = Poco::JSON::Parser().parse(receiver.lastBody()).extract<Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(id, delivered->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), delivered->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(3u, static_cast<unsigned>(delivered->getArray("failures")->size()));
        CPPUNIT_ASSERT_EQUAL("/results/" + id, delivered->getValue<std::string>("result_url"));
        CPPUNIT_ASSERT(!delivered->has("request_params"));
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer cb-secret-42"), receiver.lastHeader("Authorization"));
        CPPUNIT_ASSERT(_server->log().find("cb-secret-42") == std::string::npos);
        CPPUNIT_ASSERT(_server->http().get("/results/" + id).body.find("cb-secret-42") == std::string::npos);

        // A job that fails is delivered too.
        CallbackReceiver second;
        const std::string failed = queue(jobBody("missing", 9, R"(,"callback_url":")" + second.url() + R"(")"));
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), waitForEnd(failed)->getValue<std::string>("status"));
        for (int i = 0; i < 100 && second.calls() < 1; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CPPUNIT_ASSERT_EQUAL(1, second.calls());
        CPPUNIT_ASSERT(second.lastBody().find("\"status\":\"failed\"") != std::string::npos);
    }

    void reAnalyzeAppliesOnlyTheOverrides()
    {
        start({{"JENKINS_USER", ""}, {"JENKINS_PASSWORD", ""}});
        const std::string original = queue(jobBody("folder/app", 12, std::string(R"(,"jenkins_user":")") + kUser +
                                                                          R"(","jenkins_password":")" + kToken +
                                                                          R"(","raw_prompt":"focus on auth","get_job_artifacts":false)"));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), waitForEnd(original)->getValue<std::string>("status"));

        HttpResponse r = _server->http().postJson("/re-analyze/" + original, R"({"ai_provider":"gemini","ai_model":"g-pro"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 202, r.status);
        const std::string again = r.json()->getValue<std::string>("job_id");
        CPPUNIT_ASSERT(again != original);
        CPPUNIT_ASSERT_EQUAL("Re-analysis job queued. Poll /results/" + again + " for status.", r.json()->getValue<std::string>("message"));
        Object::Ptr envelope = waitForEnd(again);
        // Completed: the stored (sealed) Jenkins credentials were used again.
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), envelope->getValue<std::string>("status"));
        Object::Ptr result = envelope->getObject("result");
        CPPUNIT_ASSERT_EQUAL(std::string("gemini"), result->getValue<std::string>("ai_provider"));
        CPPUNIT_ASSERT_EQUAL(std::string("g-pro"), result->getValue<std::string>("ai_model"));
        CPPUNIT_ASSERT_EQUAL(std::string("folder/app"), result->getValue<std::string>("job_name"));
        Object::Ptr params = result->getObject("request_params");
        CPPUNIT_ASSERT_EQUAL(std::string("focus on auth"), params->getValue<std::string>("raw_prompt")); // kept
        CPPUNIT_ASSERT(!params->has("jenkins_password"));
        // The whole request as it ran, the server's values for what it left out (the original's
        // request_params, which a re-analysis form is prefilled from); never a secret.
        CPPUNIT_ASSERT_EQUAL(_jenkins->url(), params->getValue<std::string>("jenkins_url"));
        for (const char* key : {"jenkins_ssl_verify", "jenkins_timeout", "wait_for_completion", "poll_interval_minutes",
                                "max_wait_minutes", "enable_jira", "jira_url", "jira_project_key", "jira_ssl_verify",
                                "jira_max_results", "ai_cli_timeout", "max_concurrent_ai_calls", "jenkins_artifacts_max_size_mb",
                                "get_job_artifacts", "peer_analysis_max_rounds", "force", "peer_ai_configs", "tests_repo_url",
                                "tests_repo_ref", "additional_repos"})
            CPPUNIT_ASSERT_MESSAGE(key, params->has(key));
        for (const char* secret : {"jenkins_user", "jenkins_password", "jira_api_token", "jira_pat", "github_token"})
            CPPUNIT_ASSERT_MESSAGE(secret, !params->has(secret));
        CPPUNIT_ASSERT_EQUAL(false, params->getValue<bool>("enable_jira"));
        CPPUNIT_ASSERT_EQUAL(std::string("gemini"), calls().back()->getValue<std::string>("provider"));
        CPPUNIT_ASSERT(calls().back()->getValue<std::string>("prompt").find("focus on auth") != std::string::npos);

        CPPUNIT_ASSERT_EQUAL(404, _server->http().postJson("/re-analyze/no-such-job", "{}").status);
        CPPUNIT_ASSERT_EQUAL(422, _server->http().postJson("/re-analyze/" + original, R"({"ai_cli_timeout":0})").status);
        // A direct analysis has request_params but no Jenkins build to go back to.
        HttpResponse direct = _server->http().postJson(
            "/analyze-failures", R"({"failures":[{"test_name":"t.a","error_message":"AssertionError: x"}]})", {}, 60);
        CPPUNIT_ASSERT_EQUAL(200, direct.status);
        HttpResponse refused = _server->http().postJson("/re-analyze/" + direct.json()->getValue<std::string>("job_id"), "{}");
        CPPUNIT_ASSERT_EQUAL(400, refused.status);
        CPPUNIT_ASSERT(refused.body.find("Failed to reconstruct original request") != std::string::npos);
    }

    void notifyWebhookQueuesOneJobPerBuild()
    {
        start({{"JJI_WEBHOOK_TOKEN", "hook-secret"}});
        auto notification = [](const std::string& phase, const std::string& status) {
            return R"({"name":"app","url":"job/folder/job/app/","build":{"full_url":"http://ci/job/folder/job/app/12/",)"
                   R"("number":12,"phase":")" + phase + R"(","status":")" + status +
                   R"(","url":"job/folder/job/app/12/","scm":{}}})";
        };
        const auto& http = _server->http();
        CPPUNIT_ASSERT_EQUAL(401, http.postJson("/api/jenkins/notify", notification("FINALIZED", "UNSTABLE")).status);
        CPPUNIT_ASSERT_EQUAL(401, http.postJson("/api/jenkins/notify?token=wrong", notification("FINALIZED", "UNSTABLE")).status);

        HttpResponse started = http.postJson("/api/jenkins/notify?token=hook-secret", notification("STARTED", ""));
        CPPUNIT_ASSERT_EQUAL(200, started.status);
        CPPUNIT_ASSERT_EQUAL(std::string("ignored"), started.json()->getValue<std::string>("status"));
        HttpResponse green = http.postJson("/api/jenkins/notify", notification("FINALIZED", "SUCCESS"),
                                           {{"X-JJI-Webhook-Token", "hook-secret"}});
        CPPUNIT_ASSERT_EQUAL(200, green.status);
        CPPUNIT_ASSERT(green.json()->getValue<std::string>("reason").find("SUCCESS") != std::string::npos);

        HttpResponse first = http.postJson("/api/jenkins/notify?token=hook-secret", notification("COMPLETED", "UNSTABLE"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(first.body, 202, first.status);
        const std::string id = first.json()->getValue<std::string>("job_id");
        CPPUNIT_ASSERT_EQUAL(false, first.json()->getValue<bool>("duplicate"));
        HttpResponse second = http.postJson("/api/jenkins/notify", notification("FINALIZED", "UNSTABLE"),
                                            {{"Authorization", "Bearer hook-secret"}});
        CPPUNIT_ASSERT_EQUAL(202, second.status);
        CPPUNIT_ASSERT_EQUAL(id, second.json()->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(true, second.json()->getValue<bool>("duplicate"));

        Object::Ptr envelope = waitForEnd(id);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), envelope->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("folder/app"), envelope->getObject("result")->getValue<std::string>("job_name"));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(http.get("/results").jsonArray()->size()));
        CPPUNIT_ASSERT_EQUAL(422, http.postJson("/api/jenkins/notify?token=hook-secret", R"({"name":"x"})").status);
    }

    void unreachableOrMissingBuildFailsTheJob()
    {
        Object::Ptr missing = waitForEnd(queue(jobBody("missing", 9)));
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), missing->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("Jenkins job 'missing' build #9 not found (HTTP 404)"),
                             missing->getObject("result")->getValue<std::string>("error"));

        Object::Ptr down = waitForEnd(queue(jobBody("folder/app", 12, R"(,"jenkins_url":"http://127.0.0.1:1")")));
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), down->getValue<std::string>("status"));
        CPPUNIT_ASSERT(down->getObject("result")->getValue<std::string>("error").find("cannot reach Jenkins") != std::string::npos);

        // The same fake Jenkins under another name is another origin: the server's
        // credentials are not sent there, so Jenkins refuses the anonymous request.
        std::string elsewhere = _jenkins->url();
        elsewhere.replace(elsewhere.find("127.0.0.1"), 9, "localhost");
        Object::Ptr anonymous = waitForEnd(queue(jobBody("folder/app", 12, R"(,"jenkins_url":")" + elsewhere + R"(")")));
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), anonymous->getValue<std::string>("status"));
        CPPUNIT_ASSERT(anonymous->getObject("result")->getValue<std::string>("error").find("refused the credentials") != std::string::npos);

        start({{"JENKINS_PASSWORD", "wrong-token"}});
        Object::Ptr refused = waitForEnd(queue(jobBody("folder/app", 12)));
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), refused->getValue<std::string>("status"));
        const std::string error = refused->getObject("result")->getValue<std::string>("error");
        CPPUNIT_ASSERT(error.find("refused the credentials") != std::string::npos);
        CPPUNIT_ASSERT(error.find("wrong-token") == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(200, _server->http().get("/health").status); // the daemon is fine
    }

    /// SSRF and header injection through the callback and jenkins_url: internal targets need
    /// an allow list, CR/LF or a bad name in a header is a 422, and nothing is sent.
    void requestNamedTargetsCannotReachInside()
    {
        jji::test::CallbackReceiver receiver;
        start({{"JJI_CALLBACK_ALLOW_HOSTS", ""}});
        auto rejected = [&](const std::string& extra, const std::string& field, const std::string& text) {
            HttpResponse r = analyze(jobBody("folder/app", 12, extra));
            CPPUNIT_ASSERT_EQUAL_MESSAGE(extra + ": " + r.body, 422, r.status);
            CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find(field) != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find(text) != std::string::npos);
        };
        for (const char* target : {"http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/hook", "http://[::1]:8000/x"})
            rejected(R"(,"callback_url":")" + std::string(target) + "\"", R"(["body","callback_url"])",
                     "list it in JJI_CALLBACK_ALLOW_HOSTS");
        rejected(R"(,"callback_url":")" + receiver.url() + "\"", R"(["body","callback_url"])", "internal address (127.0.0.1)");
        rejected(R"(,"jenkins_url":"http://192.168.1.1:8080")", R"(["body","jenkins_url"])", "list it in JJI_FETCH_ALLOW_HOSTS");
        start();
        rejected(R"(,"callback_url":")" + receiver.url() + R"(","callback_headers":{"X-Note":"a\r\nX-Smuggled: 1"})",
                 R"(["body","callback_headers","X-Note"])", "must not contain CR, LF or NUL");
        rejected(R"(,"callback_url":")" + receiver.url() + R"(","callback_headers":{"X-A\r\nPOST /x HTTP/1.1":"v"})",
                 "callback_headers", "not a valid HTTP header name");
        rejected(R"(,"callback_url":")" + receiver.url() + R"(","callback_headers":{"Bad Name":"v"})", "callback_headers",
                 "not a valid HTTP header name");
        CPPUNIT_ASSERT_EQUAL(0, receiver.calls());
        // With the allow list (as in every other test here) the receiver gets its callback.
        HttpResponse ok = analyze(jobBody("folder/app", 12, R"(,"callback_url":")" + receiver.url() + R"(","callback_headers":{"X-Note":"fine"})"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(ok.body, 202, ok.status);
        waitForEnd(ok.json()->getValue<std::string>("job_id"));
        for (int i = 0; i < 100 && receiver.calls() == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CPPUNIT_ASSERT_EQUAL(1, receiver.calls());
        CPPUNIT_ASSERT_EQUAL(std::string("fine"), receiver.lastHeader("X-Note"));
    }

    void badRequestsAreRejected()
    {
        HttpResponse noBuild = analyze(R"({"job_name":"x"})");
        CPPUNIT_ASSERT_EQUAL(422, noBuild.status);
        CPPUNIT_ASSERT(noBuild.body.find(R"("loc":["body","build_number"])") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(422, analyze(jobBody("x", 1, R"(,"poll_interval_minutes":0)")).status);
        CPPUNIT_ASSERT_EQUAL(422, analyze(jobBody("x", 1, R"(,"poll_interval_minutes":1441)")).status); // would overflow clocks
        CPPUNIT_ASSERT_EQUAL(422, analyze(jobBody("x", 1, R"(,"max_wait_minutes":4294967296)")).status);
        CPPUNIT_ASSERT_EQUAL(422, analyze(jobBody("x", 0)).status);
        CPPUNIT_ASSERT_EQUAL(422, analyze(jobBody("  ", 1)).status);
        CPPUNIT_ASSERT_EQUAL(422, analyze(jobBody("x", 1, R"(,"max_wait_minutes":-1)")).status);
        CPPUNIT_ASSERT_EQUAL(422, analyze(jobBody("x", 1, R"(,"callback_url":"ftp://example.com/x")")).status);
        CPPUNIT_ASSERT_EQUAL(422, analyze(jobBody("x", 1, R"(,"callback_headers":{"X-Key":5})")).status);
        CPPUNIT_ASSERT_EQUAL(422, analyze(jobBody("x", 1), "?sync=maybe").status);
        CPPUNIT_ASSERT_EQUAL(400, analyze("{not json").status);

        start({{"AI_PROVIDER", ""}});
        CPPUNIT_ASSERT_EQUAL(400, analyze(jobBody("x", 1)).status);
        start({{"JENKINS_URL", ""}});
        HttpResponse noJenkins = analyze(jobBody("x", 1));
        CPPUNIT_ASSERT_EQUAL(400, noJenkins.status);
        CPPUNIT_ASSERT(noJenkins.body.find("JENKINS_URL") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(_server->http().get("/results").jsonArray()->size()));
    }

    void killedDaemonResumesItsJobs()
    {
        // One job mid-AI-call, one waiting for its build: SIGKILL, restart on the same
        // data directory, and both complete. Credentials came with the requests only.
        TempDir data;
        const std::string hangFile = _scratch->file("hang");
        jji::test::writeFile(hangFile, "");
        std::map<std::string, std::string> extra{{"JJI_DATA_DIR", data.path()}, {"FAKE_AI_HANG_FILE", hangFile},
                                                 {"JENKINS_USER", ""}, {"JENKINS_PASSWORD", ""}};
        start(extra);
        const std::string credentials = std::string(R"(,"jenkins_user":")") + kUser + R"(","jenkins_password":")" + kToken + R"(")";
        const std::string running = queue(jobBody("folder/app", 12, credentials));
        const std::string waiting = queue(jobBody("slow", 1, credentials + R"(,"poll_interval_minutes":1)"));
        for (int i = 0; i < 500 && !Poco::File(_scratch->file("pids")).exists(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20)); // the AI call hangs
        waitForStatus(waiting, "waiting");
        CPPUNIT_ASSERT_EQUAL(std::string("running"), statusOf(running));
        ::kill(_server->pid(), SIGKILL);
        std::istringstream pids(jji::test::readFile(_scratch->file("pids")));
        int cli = 0;
        pids >> cli;
        ::kill(-cli, SIGKILL); // the orphaned fake CLI leads its own group
        Poco::File(hangFile).remove();

        start(extra);
        Object::Ptr resumedRunning = waitForEnd(running);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), resumedRunning->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(3u, static_cast<unsigned>(resumedRunning->getObject("result")->getArray("failures")->size()));
        Object::Ptr resumedWaiting = waitForEnd(waiting);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), resumedWaiting->getValue<std::string>("status"));
        CPPUNIT_ASSERT(_server->log().find("resuming 2 interrupted job(s)") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AnalyzeJenkinsTest);
