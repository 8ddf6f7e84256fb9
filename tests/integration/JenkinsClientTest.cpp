// The Jenkins client against tests/fakes/fake-jenkins: folders, basic auth, build info,
// test reports (suites and childReports), missing reports, console tails, errors.
#include "jji/analysis/jenkins/JenkinsClient.h"
#include "jji/test/FakeJenkins.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::analysis::JenkinsClient;
using jji::analysis::JenkinsError;
using jji::test::FakeJenkins;

namespace {

const char* kFixture = R"({
  "user": "bot", "token": "api-token-123",
  "builds": {
    "team/sub/job/12": {
      "build": {"_class": "hudson.model.FreeStyleBuild", "number": 12, "building": false, "result": "UNSTABLE",
                "url": "http://jenkins/job/team/job/sub/job/job/12/", "duration": 4200, "actions": []},
      "testReport": {"_class": "hudson.tasks.junit.TestResult", "failCount": 2, "suites": [
        {"name": "pytest", "cases": [
          {"className": "tests.test_a.TestA", "name": "test_ok", "status": "PASSED", "duration": 0.1},
          {"className": "tests.test_a.TestA", "name": "test_bad", "status": "REGRESSION", "duration": 1.5,
           "errorDetails": "AssertionError: 1 != 2", "errorStackTrace": "Traceback (most recent call last):\n  ..."},
          {"className": "tests.test_a.TestA", "name": "test_skip", "status": "SKIPPED"}]}],
        "childReports": [{"child": {"number": 3}, "result": {"suites": [{"cases": [
          {"className": "child.Suite", "name": "test_child", "status": "FAILED", "errorDetails": "boom"}]}]}}]},
      "console": {"repeat": "0123456789\n", "times": 200000, "tail": "ERROR: the end\n"}
    },
    "plain/7": {
      "build": {"number": 7, "building": false, "result": "FAILURE", "url": "http://jenkins/job/plain/7/"},
      "testReport": null,
      "console": "compilation failed\n"
    }
  }
})";

} // namespace

class JenkinsClientTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(JenkinsClientTest);
    CPPUNIT_TEST(folderJobsMapToJobSegments);
    CPPUNIT_TEST(buildInfoIsRead);
    CPPUNIT_TEST(failedCasesFromSuitesAndChildReports);
    CPPUNIT_TEST(missingTestReportIsNotAnError);
    CPPUNIT_TEST(consoleTailIsBounded);
    CPPUNIT_TEST(wrongCredentialsAreAClearError);
    CPPUNIT_TEST(unknownBuildIs404Error);
    CPPUNIT_TEST(unreachableJenkinsIsAClearError);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<FakeJenkins> _jenkins;

    JenkinsClient client(const std::string& token = "api-token-123") const
    {
        return JenkinsClient({_jenkins->url() + "/", "bot", token, true, 10});
    }

public:
    void setUp() override { _jenkins = std::make_unique<FakeJenkins>(kFixture); }
    void tearDown() override { _jenkins.reset(); }

    void folderJobsMapToJobSegments()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("/job/a/job/b/job/c"), JenkinsClient::jobPath("a/b/c"));
        CPPUNIT_ASSERT_EQUAL(std::string("/job/my%20job"), JenkinsClient::jobPath("my job"));
    }

    void buildInfoIsRead()
    {
        auto b = client().build("team/sub/job", 12);
        CPPUNIT_ASSERT_EQUAL(12LL, b.number);
        CPPUNIT_ASSERT(!b.building);
        CPPUNIT_ASSERT_EQUAL(std::string("UNSTABLE"), b.result);
        CPPUNIT_ASSERT_EQUAL(4200LL, b.durationMs);
        CPPUNIT_ASSERT_EQUAL(std::string("http://jenkins/job/team/job/sub/job/job/12/"), b.url);
    }

    void failedCasesFromSuitesAndChildReports()
    {
        auto failures = client().failedTests("team/sub/job", 12);
        CPPUNIT_ASSERT(failures.has_value());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), failures->size());
        CPPUNIT_ASSERT_EQUAL(std::string("tests.test_a.TestA.test_bad"), (*failures)[0].testName);
        CPPUNIT_ASSERT_EQUAL(std::string("AssertionError: 1 != 2"), (*failures)[0].errorMessage);
        CPPUNIT_ASSERT_EQUAL(std::string("REGRESSION"), (*failures)[0].status);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(1.5, (*failures)[0].duration, 1e-9);
        CPPUNIT_ASSERT_EQUAL(std::string("child.Suite.test_child"), (*failures)[1].testName);
    }

    void missingTestReportIsNotAnError()
    {
        CPPUNIT_ASSERT(!client().failedTests("plain", 7).has_value());
    }

    void consoleTailIsBounded()
    {
        std::string tail = client().consoleTail("team/sub/job", 12, 4096);
        CPPUNIT_ASSERT_EQUAL(std::size_t(4096), tail.size());
        CPPUNIT_ASSERT(tail.size() >= 15 && tail.substr(tail.size() - 15) == "ERROR: the end\n");
        CPPUNIT_ASSERT_EQUAL(std::string("compilation failed\n"), client().consoleTail("plain", 7, 4096));
    }

    void wrongCredentialsAreAClearError()
    {
        try {
            client("wrong-token").build("plain", 7);
            CPPUNIT_FAIL("401 must throw");
        } catch (const JenkinsError& e) {
            CPPUNIT_ASSERT_EQUAL(401, e.status());
            CPPUNIT_ASSERT(std::string(e.what()).find("credentials") != std::string::npos);
            CPPUNIT_ASSERT(std::string(e.what()).find("wrong-token") == std::string::npos);
        }
    }

    void unknownBuildIs404Error()
    {
        try {
            client().build("plain", 999);
            CPPUNIT_FAIL("404 must throw");
        } catch (const JenkinsError& e) {
            CPPUNIT_ASSERT_EQUAL(404, e.status());
        }
    }

    void unreachableJenkinsIsAClearError()
    {
        JenkinsClient nowhere({"http://127.0.0.1:1", "bot", "t", true, 2});
        try {
            nowhere.build("plain", 7);
            CPPUNIT_FAIL("unreachable must throw");
        } catch (const JenkinsError& e) {
            CPPUNIT_ASSERT_EQUAL(0, e.status());
            CPPUNIT_ASSERT(std::string(e.what()).find("cannot reach Jenkins") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JenkinsClientTest);
