// Review workflow, failure history and job metadata end to end: the real jji-server
// with stored analyses made through the fake AI CLI and the fake Jenkins.
#include "jji/test/FakeJenkins.h"
#include "jji/test/JenkinsFixture.h"
#include "jji/test/ServerProcess.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <cppunit/extensions/HelperMacros.h>

#include <mutex>
#include <set>
#include <thread>

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

const char* kAdminKey = "admin-key-for-tests-0123456789";

std::string fixture()
{
    const std::string three =
        jenkinsReport(jenkinsCase("tests.api.TestLogin", "test_admin", "FAILED", "AssertionError: expected 200 got 500") + "," +
                      jenkinsCase("tests.api.TestLogin", "test_user", "FAILED", "AssertionError: expected 200 got 500") + "," +
                      jenkinsCase("tests.db.TestConn", "test_connect", "FAILED", "Connection refused to db:5432"));
    const std::string one = jenkinsReport(jenkinsCase("tests.db.TestConn", "test_connect", "FAILED", "Connection refused to db:5432"));
    const std::string child = jenkinsReport(jenkinsCase("tests.comp.TestUi", "test_checkout", "FAILED", "Checkout crashed"));
    auto entry = [](const std::string& key, int number, const std::string& result, const std::string& report,
                    const std::string& extra = "") {
        return "\"" + key + "\":{\"build\":" + jenkinsBuild(number, result, extra) + ",\"testReport\":" + report +
               ",\"console\":\"log\\n\"}";
    };
    return R"({"user":"u","token":"t","builds":{)" + entry("folder/app/12", 12, "UNSTABLE", three) + "," +
           entry("folder/app/13", 13, "UNSTABLE", three) + "," + entry("folder/app/14", 14, "SUCCESS", "null") + "," +
           entry("trend/21", 21, "UNSTABLE", three) + "," + entry("trend/22", 22, "UNSTABLE", three) + "," +
           entry("trend/23", 23, "UNSTABLE", one) + "," + entry("trend/24", 24, "UNSTABLE", one) + "," +
           entry("pipe/5", 5, "FAILURE", "null",
                 R"(,"subBuilds":[{"jobName":"comp-a","buildNumber":7,"result":"FAILURE"}])") +
           "," + entry("comp-a/7", 7, "UNSTABLE", child) + "," +
           R"("forever/1":{"build":)" + jenkinsBuild(1, "FAILURE") + R"(,"testReport":null,"building_polls":1000000}}})";
}

std::string encode(const std::string& text)
{
    std::string out;
    Poco::URI::encode(text, "&=+?#/ ", out);
    return out;
}

} // namespace

class ReviewHistoryTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ReviewHistoryTest);
    CPPUNIT_TEST(commentsAndReviewsOfAFailure);
    CPPUNIT_TEST(childFailuresAreScoped);
    CPPUNIT_TEST(unfinishedOrFailedJobsAreNotReviewable);
    CPPUNIT_TEST(commentsAreDeletedByOwnerOrAdmin);
    CPPUNIT_TEST(overrideAppliesToTheSignatureGroup);
    CPPUNIT_TEST(historyFailuresSearchFiltersAndPages);
    CPPUNIT_TEST(testHistoryAndJobStats);
    CPPUNIT_TEST(signatureSearch);
    CPPUNIT_TEST(historyLabels);
    CPPUNIT_TEST(deletingAJobRemovesEverythingOfItOnly);
    CPPUNIT_TEST(concurrentCommentsAreAllKept);
    CPPUNIT_TEST(jobMetadataCrud);
    CPPUNIT_TEST(metadataRulesAssignNewJobs);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<TempDir> _scratch;
    std::unique_ptr<FakeJenkins> _jenkins;
    std::unique_ptr<ServerProcess> _server;

    void start(std::map<std::string, std::string> extra = {})
    {
        const std::string fake = jji::test::fakesDir() + "/fake-ai-cli";
        std::map<std::string, std::string> env{{"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"}, {"JJI_AI_COMMAND_CLAUDE", fake},
                                               {"JENKINS_URL", _jenkins->url()}, {"JENKINS_USER", "u"},
                                               {"JENKINS_PASSWORD", "t"}, {"ADMIN_KEY", kAdminKey},
                                               {"JJI_WAIT_MINUTE_SECONDS", "1"}};
        for (const auto& [k, v] : extra)
            env[k] = v;
        _server.reset();
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
    }

    const jji::test::HttpClient& http() const { return _server->http(); }

    static std::map<std::string, std::string> as(const std::string& user) { return {{"Cookie", "jji_username=" + user}}; }
    static std::map<std::string, std::string> admin() { return {{"Authorization", std::string("Bearer ") + kAdminKey}}; }

    /// A direct analysis with t.a1 and t.a2 sharing a signature and t.b apart.
    std::string directJob() const
    {
        HttpResponse r = http().postJson("/analyze-failures", R"({"failures":[
            {"test_name":"t.a1","error_message":"AssertionError: x != y","stack_trace":"at helper"},
            {"test_name":"t.a2","error_message":"AssertionError: x != y","stack_trace":"at helper"},
            {"test_name":"t.b","error_message":"Connection refused","stack_trace":"at net"}]})", {}, 60);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.json()->getValue<std::string>("job_id");
    }

    /// A Jenkins analysis run to its end (sync).
    std::string jenkinsJob(const std::string& job, int number) const
    {
        HttpResponse r = http().postJson("/analyze?sync=true",
                                         R"({"job_name":")" + job + R"(","build_number":)" + std::to_string(number) + "}", {}, 60);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.json()->getValue<std::string>("job_id");
    }

    HttpResponse comment(const std::string& jobId, const std::string& body, const std::string& user = "alice") const
    {
        return http().postJson("/results/" + jobId + "/comments", body, as(user));
    }

    HttpResponse put(const std::string& path, const std::string& body, const std::map<std::string, std::string>& headers = {}) const
    {
        auto h = headers;
        h["Content-Type"] = "application/json";
        return http().request("PUT", path, body, h);
    }

    Object::Ptr get(const std::string& path) const
    {
        HttpResponse r = http().get(path);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(path + ": " + r.body, 200, r.status);
        return r.json();
    }

    static std::string failureField(const Object::Ptr& result, const std::string& test, const std::string& field)
    {
        Array::Ptr failures = result->getArray("failures");
        for (unsigned i = 0; i < failures->size(); ++i)
            if (failures->getObject(i)->getValue<std::string>("test_name") == test)
                return field == "classification"
                           ? failures->getObject(i)->getObject("analysis")->getValue<std::string>("classification")
                           : failures->getObject(i)->getValue<std::string>(field);
        return "";
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

    void commentsAndReviewsOfAFailure()
    {
        const std::string id = directJob();
        HttpResponse posted = comment(id, R"({"test_name":"t.a1","comment":"Looks like the fixture order"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(posted.body, 201, posted.status);
        const long long commentId = posted.json()->getValue<long long>("id");

        HttpResponse reviewed = put("/results/" + id + "/reviewed", R"({"test_name":"t.a1","reviewed":true})", as("alice"));
        CPPUNIT_ASSERT_EQUAL(200, reviewed.status);
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), reviewed.json()->getValue<std::string>("reviewed_by"));
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), reviewed.json()->getValue<std::string>("status"));

        Object::Ptr listed = get("/results/" + id + "/comments");
        Object::Ptr c = listed->getArray("comments")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(commentId, c->getValue<long long>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), c->getValue<std::string>("username"));
        CPPUNIT_ASSERT_EQUAL(failureField(get("/results/" + id)->getObject("result"), "t.a1", "error_signature"),
                             c->getValue<std::string>("error_signature"));
        CPPUNIT_ASSERT(!c->getValue<std::string>("error_signature").empty());
        CPPUNIT_ASSERT_EQUAL(true, listed->getObject("reviews")->getObject("t.a1")->getValue<bool>("reviewed"));

        Object::Ptr status = get("/results/" + id + "/review-status");
        CPPUNIT_ASSERT_EQUAL(3, status->getValue<int>("total_failures"));
        CPPUNIT_ASSERT_EQUAL(1, status->getValue<int>("reviewed_count"));
        CPPUNIT_ASSERT_EQUAL(1, status->getValue<int>("comment_count"));
        put("/results/" + id + "/reviewed", R"({"test_name":"t.a1","reviewed":false})", as("bob"));
        CPPUNIT_ASSERT_EQUAL(0, get("/results/" + id + "/review-status")->getValue<int>("reviewed_count"));
        CPPUNIT_ASSERT_EQUAL(std::string("bob"),
                             get("/results/" + id + "/comments")->getObject("reviews")->getObject("t.a1")->getValue<std::string>("username"));
        Object::Ptr none = get("/results/no-such-job/review-status");
        CPPUNIT_ASSERT_EQUAL(0, none->getValue<int>("total_failures"));

        CPPUNIT_ASSERT_EQUAL(404, comment("no-such-job", R"({"test_name":"t.a1","comment":"x"})").status);
        CPPUNIT_ASSERT_EQUAL(404, comment(id, R"({"test_name":"t.zzz","comment":"x"})").status);
        CPPUNIT_ASSERT_EQUAL(400, comment(id, R"({"test_name":"t.a1","comment":"x","child_build_number":3})").status);
        CPPUNIT_ASSERT_EQUAL(422, comment(id, R"({"test_name":"t.a1"})").status);
        CPPUNIT_ASSERT_EQUAL(422, comment(id, R"({"test_name":"t.a1","comment":"   "})").status);
        CPPUNIT_ASSERT_EQUAL(422, comment(id, R"({"test_name":"t.a1","comment":"x","child_build_number":-1})").status);
        CPPUNIT_ASSERT_EQUAL(422, put("/results/" + id + "/reviewed", R"({"test_name":"t.a1"})").status);
        CPPUNIT_ASSERT_EQUAL(404, put("/results/" + id + "/reviewed", R"({"test_name":"t.zzz","reviewed":true})").status);
        CPPUNIT_ASSERT_EQUAL(404, put("/results/no-such-job/reviewed", R"({"test_name":"t.a1","reviewed":true})").status);
        CPPUNIT_ASSERT_EQUAL(400, put("/results/" + id + "/reviewed", R"({"test_name":"t.a1","reviewed":true,"child_build_number":2})").status);
    }

    void childFailuresAreScoped()
    {
        const std::string id = jenkinsJob("pipe", 5);
        const std::string test = "tests.comp.TestUi.test_checkout";
        // 0 = any build of the child: the comment lands on the build that has the failure.
        HttpResponse posted = comment(id, R"({"test_name":")" + test + R"(","comment":"child","child_job_name":"comp-a"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(posted.body, 201, posted.status);
        Object::Ptr c = get("/results/" + id + "/comments")->getArray("comments")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(7, c->getValue<int>("child_build_number"));
        CPPUNIT_ASSERT_EQUAL(404, comment(id, R"({"test_name":")" + test + R"(","comment":"x","child_job_name":"comp-a","child_build_number":8})").status);
        CPPUNIT_ASSERT_EQUAL(404, comment(id, R"({"test_name":")" + test + R"(","comment":"top level has no such test"})").status);

        put("/results/" + id + "/reviewed", R"({"test_name":")" + test + R"(","reviewed":true,"child_job_name":"comp-a","child_build_number":7})");
        Object::Ptr reviews = get("/results/" + id + "/comments")->getObject("reviews");
        CPPUNIT_ASSERT(reviews->has("comp-a#7::" + test));

        // Overrides need the child's build number.
        const std::string overrideBody = R"({"test_name":")" + test + R"(","classification":"INFRASTRUCTURE","child_job_name":"comp-a")";
        CPPUNIT_ASSERT_EQUAL(400, put("/results/" + id + "/override-classification", overrideBody + "}").status);
        HttpResponse ok = put("/results/" + id + "/override-classification", overrideBody + R"(,"child_build_number":7})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(ok.body, 200, ok.status);
        Object::Ptr child = get("/results/" + id)->getObject("result")->getArray("child_job_analyses")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"), failureField(child, test, "classification"));
        Object::Ptr history = get("/history/failures?job_name=pipe");
        CPPUNIT_ASSERT_EQUAL(std::string("comp-a"), history->getArray("failures")->getObject(0)->getValue<std::string>("child_job_name"));
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"),
                             history->getArray("failures")->getObject(0)->getValue<std::string>("classification"));
    }

    void unfinishedOrFailedJobsAreNotReviewable()
    {
        HttpResponse queued = http().postJson("/analyze", R"({"job_name":"forever","build_number":1})");
        const std::string waiting = queued.json()->getValue<std::string>("job_id");
        HttpResponse early = comment(waiting, R"({"test_name":"x","comment":"too early"})");
        CPPUNIT_ASSERT_EQUAL(202, early.status);
        CPPUNIT_ASSERT(early.json()->getValue<std::string>("detail").find("still") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(202, put("/results/" + waiting + "/reviewed", R"({"test_name":"x","reviewed":true})").status);
        CPPUNIT_ASSERT_EQUAL(202, put("/results/" + waiting + "/override-classification",
                                      R"({"test_name":"x","classification":"CODE ISSUE"})").status);

        HttpResponse failedRun = http().postJson("/analyze?sync=true", R"({"job_name":"missing","build_number":9})", {}, 60);
        const std::string failed = failedRun.json()->getValue<std::string>("job_id");
        CPPUNIT_ASSERT_EQUAL(409, comment(failed, R"({"test_name":"x","comment":"x"})").status);
        CPPUNIT_ASSERT_EQUAL(409, put("/results/" + failed + "/reviewed", R"({"test_name":"x","reviewed":true})").status);
        CPPUNIT_ASSERT_EQUAL(409, put("/results/" + failed + "/override-classification",
                                      R"({"test_name":"x","classification":"CODE ISSUE"})").status);
    }

    void commentsAreDeletedByOwnerOrAdmin()
    {
        const std::string id = directJob();
        auto idOf = [&](const std::string& user) {
            return std::to_string(comment(id, R"({"test_name":"t.b","comment":"by )" + user + "\"}", user).json()->getValue<long long>("id"));
        };
        const std::string alices = idOf("alice"), bobs = idOf("bob");
        const std::string base = "/results/" + id + "/comments/";
        CPPUNIT_ASSERT_EQUAL(401, http().request("DELETE", base + alices).status);
        CPPUNIT_ASSERT_EQUAL(404, http().request("DELETE", base + alices, "", as("bob")).status); // not bob's
        CPPUNIT_ASSERT_EQUAL(200, http().request("DELETE", base + alices, "", as("alice")).status);
        CPPUNIT_ASSERT_EQUAL(404, http().request("DELETE", base + alices, "", as("alice")).status); // gone
        CPPUNIT_ASSERT_EQUAL(200, http().request("DELETE", base + bobs, "", admin()).status);
        CPPUNIT_ASSERT_EQUAL(422, http().request("DELETE", base + "abc", "", as("alice")).status);
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(get("/results/" + id + "/comments")->getArray("comments")->size()));
    }

    void overrideAppliesToTheSignatureGroup()
    {
        const std::string id = directJob();
        HttpResponse r = put("/results/" + id + "/override-classification", R"({"test_name":"t.a1","classification":"PRODUCT BUG"})",
                             as("alice"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"), r.json()->getValue<std::string>("classification"));
        Object::Ptr envelope = get("/results/" + id);
        Object::Ptr result = envelope->getObject("result");
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"), failureField(result, "t.a1", "classification"));
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"), failureField(result, "t.a2", "classification")); // same group
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"), failureField(result, "t.b", "classification"));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), envelope->getValue<std::string>("status"));

        Object::Ptr history = get("/history/failures?classification=" + encode("PRODUCT BUG"));
        CPPUNIT_ASSERT_EQUAL(2, history->getValue<int>("total"));
        Array::Ptr rows = get("/history/classifications?job_id=" + id)->getArray("classifications");
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(rows->size()));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), rows->getObject(0)->getValue<std::string>("created_by"));
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"), rows->getObject(0)->getValue<std::string>("classification"));

        CPPUNIT_ASSERT_EQUAL(422, put("/results/" + id + "/override-classification", R"({"test_name":"t.a1","classification":"FLAKY"})").status);
        CPPUNIT_ASSERT_EQUAL(422, put("/results/" + id + "/override-classification", R"({"test_name":"t.a1"})").status);
        CPPUNIT_ASSERT_EQUAL(404, put("/results/" + id + "/override-classification", R"({"test_name":"nope","classification":"CODE ISSUE"})").status);
    }

    void historyFailuresSearchFiltersAndPages()
    {
        directJob();
        jenkinsJob("folder/app", 12);
        jenkinsJob("folder/app", 13);
        Object::Ptr all = get("/history/failures");
        CPPUNIT_ASSERT_EQUAL(9, all->getValue<int>("total"));
        Object::Ptr first = all->getArray("failures")->getObject(0);
        for (const char* field : {"id", "job_id", "job_name", "build_number", "test_name", "error_message", "error_signature",
                                  "signature_text", "classification", "child_job_name", "child_build_number", "analyzed_at"})
            CPPUNIT_ASSERT_MESSAGE(field, first->has(field));
        // The text a signature is the hash of, in history and in the result alike.
        const std::string text = first->getValue<std::string>("signature_text");
        CPPUNIT_ASSERT_MESSAGE(text, text.rfind("kind: ", 0) == 0 && text.find("\nmessage: ") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("folder/app"), first->getValue<std::string>("job_name")); // newest first

        // Search is a case-insensitive substring of test name, error or job name (trigram index from 3 characters).
        CPPUNIT_ASSERT_EQUAL(3, get("/history/failures?search=connection")->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(2, get("/history/failures?search=test_admin")->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(6, get("/history/failures?search=FOLDER%2Fapp")->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(1, get("/history/failures?search=a1")->getValue<int>("total")); // short: plain scan
        CPPUNIT_ASSERT_EQUAL(0, get("/history/failures?search=" + encode("100%_\"'")) ->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(2, get("/history/failures?job_name=folder/app&search=login.test_user&classification=" +
                                    encode("CODE ISSUE"))->getValue<int>("total"));

        Object::Ptr page = get("/history/failures?limit=4&offset=8");
        CPPUNIT_ASSERT_EQUAL(9, page->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(page->getArray("failures")->size()));
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(get("/history/failures?offset=50")->getArray("failures")->size()));
        CPPUNIT_ASSERT_EQUAL(200, http().get("/history/failures?limit=200").status);
        for (const char* bad : {"limit=201", "limit=0", "offset=-1", "limit=abc"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, 422, http().get(std::string("/history/failures?") + bad).status);
    }

    void testHistoryAndJobStats()
    {
        jenkinsJob("folder/app", 12);
        jenkinsJob("folder/app", 13);
        jenkinsJob("folder/app", 14); // green: analysed, no failures
        const std::string test = "tests.api.TestLogin.test_admin";
        Object::Ptr scoped = get("/history/test/" + test + "?job_name=folder/app");
        CPPUNIT_ASSERT_EQUAL(3, scoped->getValue<int>("total_runs"));
        CPPUNIT_ASSERT_EQUAL(2, scoped->getValue<int>("failures"));
        CPPUNIT_ASSERT_EQUAL(1, scoped->getValue<int>("passes"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(0.6667, scoped->getValue<double>("failure_rate"), 1e-9);
        CPPUNIT_ASSERT_EQUAL(0, scoped->getValue<int>("consecutive_failures")); // the newest build passed
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), scoped->getValue<std::string>("last_classification"));
        CPPUNIT_ASSERT_EQUAL(2, scoped->getObject("classifications")->getValue<int>("CODE ISSUE"));
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(scoped->getArray("recent_runs")->size()));
        CPPUNIT_ASSERT(!scoped->get("first_seen").isEmpty());

        Object::Ptr unscoped = get("/history/test/" + test + "?limit=1");
        CPPUNIT_ASSERT(unscoped->get("passes").isEmpty());
        CPPUNIT_ASSERT(unscoped->get("failure_rate").isEmpty());
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(unscoped->getArray("recent_runs")->size()));
        CPPUNIT_ASSERT(!unscoped->getValue<std::string>("note").empty());
        Object::Ptr unknown = get("/history/test/no.such/test");
        CPPUNIT_ASSERT_EQUAL(0, unknown->getValue<int>("total_runs"));
        CPPUNIT_ASSERT_EQUAL(422, http().get("/history/test/x?limit=101").status);

        Object::Ptr stats = get("/history/stats/folder/app");
        CPPUNIT_ASSERT_EQUAL(3, stats->getValue<int>("total_builds_analyzed"));
        CPPUNIT_ASSERT_EQUAL(2, stats->getValue<int>("builds_with_failures"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(0.6667, stats->getValue<double>("overall_failure_rate"), 1e-9);
        Object::Ptr top = stats->getArray("most_common_failures")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(2, top->getValue<int>("count"));
        CPPUNIT_ASSERT_EQUAL(std::string("stable"), stats->getValue<std::string>("recent_trend")); // fewer than 4 builds

        for (int build : {21, 22, 23, 24}) // 3, 3, then 1, 1 failures
            jenkinsJob("trend", build);
        CPPUNIT_ASSERT_EQUAL(std::string("improving"), get("/history/stats/trend")->getValue<std::string>("recent_trend"));
        const std::string newest = http().get("/results?limit=1").jsonArray()->getObject(0)->getValue<std::string>("job_id");
        Object::Ptr excluded = get("/history/stats/trend?exclude_job_id=" + newest);
        CPPUNIT_ASSERT_EQUAL(3, excluded->getValue<int>("total_builds_analyzed"));
        Object::Ptr empty = get("/history/stats/never-analysed");
        CPPUNIT_ASSERT_EQUAL(0, empty->getValue<int>("total_builds_analyzed"));
        CPPUNIT_ASSERT_EQUAL(std::string("stable"), empty->getValue<std::string>("recent_trend"));
    }

    void signatureSearch()
    {
        const std::string id = directJob();
        const std::string signature = failureField(get("/results/" + id)->getObject("result"), "t.a1", "error_signature");
        const std::string text = failureField(get("/results/" + id)->getObject("result"), "t.a1", "signature_text");
        CPPUNIT_ASSERT_EQUAL(std::string("kind: AssertionError\nmessage: AssertionError: x != y\n"), text);
        comment(id, R"({"test_name":"t.a2","comment":"same bug as a1"})");
        directJob();
        Object::Ptr found = get("/history/search?signature=" + signature);
        CPPUNIT_ASSERT_EQUAL(4, found->getValue<int>("total_occurrences"));
        CPPUNIT_ASSERT_EQUAL(2, found->getValue<int>("unique_tests"));
        CPPUNIT_ASSERT_EQUAL(2, found->getArray("tests")->getObject(0)->getValue<int>("occurrences"));
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), found->getValue<std::string>("last_classification"));
        CPPUNIT_ASSERT_EQUAL(std::string("same bug as a1"),
                             found->getArray("comments")->getObject(0)->getValue<std::string>("comment"));
        CPPUNIT_ASSERT_EQUAL(2, get("/history/search?signature=" + signature + "&exclude_job_id=" + id)->getValue<int>("total_occurrences"));
        HttpResponse missing = http().get("/history/search");
        CPPUNIT_ASSERT_EQUAL(422, missing.status);
        CPPUNIT_ASSERT(missing.body.find(R"("loc":["query","signature"])") != std::string::npos);
    }

    void historyLabels()
    {
        const std::string id = directJob();
        auto classify = [&](const std::string& body, const std::string& user = "alice") {
            return http().postJson("/history/classify", body, user.empty() ? std::map<std::string, std::string>{} : as(user));
        };
        HttpResponse flaky = classify(R"({"test_name":"t.b","classification":"flaky","reason":"timeouts","job_id":")" + id + "\"}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(flaky.body, 201, flaky.status);
        CPPUNIT_ASSERT(flaky.json()->getValue<long long>("id") > 0);
        CPPUNIT_ASSERT_EQUAL(201, classify(R"({"test_name":"t.b","classification":"KNOWN_BUG","references":"ACME-1","job_id":")" + id + "\"}", "").status);
        CPPUNIT_ASSERT_EQUAL(400, classify(R"({"test_name":"t.b","classification":"KNOWN_BUG","job_id":")" + id + "\"}").status);
        CPPUNIT_ASSERT_EQUAL(400, classify(R"({"test_name":"  ","classification":"FLAKY","job_id":")" + id + "\"}").status);
        CPPUNIT_ASSERT_EQUAL(422, classify(R"({"test_name":"t.b","classification":"WEIRD","job_id":")" + id + "\"}").status);
        CPPUNIT_ASSERT_EQUAL(422, classify(R"({"test_name":"t.b","classification":"FLAKY"})").status);
        CPPUNIT_ASSERT_EQUAL(422, classify(R"({"test_name":"t.b","classification":"FLAKY","job_id":"x","child_build_number":-2})").status);
        // History labels are not primary classifications.
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(get("/history/classifications?test_name=t.b")->getArray("classifications")->size()));
    }

    void deletingAJobRemovesEverythingOfItOnly()
    {
        const std::string gone = directJob(), kept = directJob();
        for (const auto& id : {gone, kept}) {
            comment(id, R"({"test_name":"t.a1","comment":"note"})");
            put("/results/" + id + "/reviewed", R"({"test_name":"t.a1","reviewed":true})");
            put("/results/" + id + "/override-classification", R"({"test_name":"t.b","classification":"PRODUCT BUG"})");
        }
        CPPUNIT_ASSERT_EQUAL(403, http().request("DELETE", "/results/" + gone).status);
        CPPUNIT_ASSERT_EQUAL(403, http().request("DELETE", "/results/" + gone, "", {{"Authorization", "Bearer wrong"}}).status);
        HttpResponse deleted = http().request("DELETE", "/results/" + gone, "", admin());
        CPPUNIT_ASSERT_EQUAL(200, deleted.status);
        CPPUNIT_ASSERT_EQUAL(gone, deleted.json()->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(404, http().request("DELETE", "/results/" + gone, "", admin()).status);
        CPPUNIT_ASSERT_EQUAL(404, http().get("/results/" + gone).status);
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(get("/results/" + gone + "/comments")->getArray("comments")->size()));
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(get("/history/classifications?job_id=" + gone)->getArray("classifications")->size()));
        CPPUNIT_ASSERT_EQUAL(3, get("/history/failures")->getValue<int>("total")); // only the kept job's rows
        CPPUNIT_ASSERT_EQUAL(kept, get("/history/failures?search=t.a1")->getArray("failures")->getObject(0)->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(get("/results/" + kept + "/comments")->getArray("comments")->size()));
        CPPUNIT_ASSERT_EQUAL(1, get("/results/" + kept + "/review-status")->getValue<int>("reviewed_count"));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(get("/history/classifications?job_id=" + kept)->getArray("classifications")->size()));

        HttpResponse bulk = http().request("DELETE", "/api/results/bulk", R"({"job_ids":[")" + kept + R"(",")" + kept + R"(","missing"]})",
                                           {{"Authorization", std::string("Bearer ") + kAdminKey}, {"Content-Type", "application/json"}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(bulk.body, 200, bulk.status);
        CPPUNIT_ASSERT_EQUAL(2, bulk.json()->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(kept, bulk.json()->getArray("deleted")->getElement<std::string>(0));
        CPPUNIT_ASSERT_EQUAL(std::string("missing"), bulk.json()->getArray("failed")->getObject(0)->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(0, get("/history/failures")->getValue<int>("total"));
        auto bulkWith = [&](const std::string& body, const std::map<std::string, std::string>& headers) {
            auto h = headers;
            h["Content-Type"] = "application/json";
            return http().request("DELETE", "/api/results/bulk", body, h).status;
        };
        CPPUNIT_ASSERT_EQUAL(403, bulkWith(R"({"job_ids":["x"]})", {}));
        CPPUNIT_ASSERT_EQUAL(422, bulkWith(R"({"job_ids":[]})", admin()));
        CPPUNIT_ASSERT_EQUAL(422, bulkWith(R"({})", admin()));
        CPPUNIT_ASSERT_EQUAL(422, bulkWith(R"({"job_ids":[1]})", admin()));
    }

    void concurrentCommentsAreAllKept()
    {
        const std::string id = directJob();
        std::vector<std::thread> threads;
        std::mutex mutex;
        std::set<long long> ids;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 10; ++i) {
                    HttpResponse r = comment(id, R"({"test_name":"t.a1","comment":"c)" + std::to_string(t * 10 + i) + "\"}",
                                             "user" + std::to_string(t));
                    std::lock_guard<std::mutex> lock(mutex);
                    if (r.status == 201)
                        ids.insert(r.json()->getValue<long long>("id"));
                }
            });
        for (auto& t : threads)
            t.join();
        CPPUNIT_ASSERT_EQUAL(std::size_t(80), ids.size());
        CPPUNIT_ASSERT_EQUAL(80u, static_cast<unsigned>(get("/results/" + id + "/comments")->getArray("comments")->size()));
    }

    void jobMetadataCrud()
    {
        const std::string path = "/api/jobs/folder/app/metadata";
        CPPUNIT_ASSERT_EQUAL(404, http().get(path).status);
        CPPUNIT_ASSERT_EQUAL(403, put(path, R"({"team":"platform"})").status);
        HttpResponse created = put(path, R"({"team":"platform","labels":["nightly","smoke"]})", admin());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(created.body, 200, created.status);
        CPPUNIT_ASSERT(created.json()->get("tier").isEmpty());
        HttpResponse updated = put(path, R"({"tier":"critical"})", admin()); // omitted fields are kept
        CPPUNIT_ASSERT_EQUAL(std::string("platform"), updated.json()->getValue<std::string>("team"));
        CPPUNIT_ASSERT_EQUAL(std::string("critical"), updated.json()->getValue<std::string>("tier"));
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(get(path)->getArray("labels")->size()));
        CPPUNIT_ASSERT_EQUAL(422, put(path, R"({"labels":[1]})", admin()).status);

        HttpResponse bulk = put("/api/jobs/metadata/bulk", R"({"items":[{"job_name":"other","team":"beta","labels":["smoke"]},
                                                            {"job_name":"third","tier":"low"}]})", admin());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(bulk.body, 200, bulk.status);
        CPPUNIT_ASSERT_EQUAL(2, bulk.json()->getValue<int>("updated"));
        CPPUNIT_ASSERT_EQUAL(422, put("/api/jobs/metadata/bulk", R"({"items":[]})", admin()).status);
        CPPUNIT_ASSERT_EQUAL(422, put("/api/jobs/metadata/bulk", R"({"items":[{"team":"x"}]})", admin()).status);
        CPPUNIT_ASSERT_EQUAL(403, put("/api/jobs/metadata/bulk", R"({"items":[{"job_name":"x"}]})").status);
        put("/api/jobs/metadata/bulk", R"({"items":[{"job_name":"other"}]})", admin()); // a full replace
        CPPUNIT_ASSERT(get("/api/jobs/other/metadata")->get("team").isEmpty());

        CPPUNIT_ASSERT_EQUAL(3u, static_cast<unsigned>(http().get("/api/jobs/metadata").jsonArray()->size()));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(http().get("/api/jobs/metadata?team=platform").jsonArray()->size()));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(http().get("/api/jobs/metadata?label=nightly&label=smoke").jsonArray()->size()));
        CPPUNIT_ASSERT_EQUAL(0u, static_cast<unsigned>(http().get("/api/jobs/metadata?label=nightly&label=absent").jsonArray()->size()));

        jenkinsJob("folder/app", 12);
        directJob();
        Array::Ptr dashboard = http().get("/api/dashboard/filtered").jsonArray();
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(dashboard->size()));
        Array::Ptr platform = http().get("/api/dashboard/filtered?team=platform").jsonArray();
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(platform->size()));
        CPPUNIT_ASSERT_EQUAL(std::string("platform"), platform->getObject(0)->getObject("metadata")->getValue<std::string>("team"));
        CPPUNIT_ASSERT(platform->getObject(0)->has("reviewed_count"));

        CPPUNIT_ASSERT_EQUAL(403, http().request("DELETE", path).status);
        HttpResponse removed = http().request("DELETE", path, "", admin());
        CPPUNIT_ASSERT_EQUAL(200, removed.status);
        CPPUNIT_ASSERT_EQUAL(std::string("folder/app"), removed.json()->getValue<std::string>("job_name"));
        CPPUNIT_ASSERT_EQUAL(404, http().request("DELETE", path, "", admin()).status);
    }

    void metadataRulesAssignNewJobs()
    {
        jji::test::writeFile(_scratch->file("rules.yaml"), "metadata_rules:\n"
                                                           "  - pattern: \"folder/*\"\n"
                                                           "    team: platform\n"
                                                           "    labels: [nightly]\n"
                                                           "  - pattern: \"(?P<team>[a-z]+)/(?P<version>[0-9]+)\"\n");
        start({{"METADATA_RULES_FILE", _scratch->file("rules.yaml")}});
        Object::Ptr rules = get("/api/jobs/metadata/rules");
        CPPUNIT_ASSERT_EQUAL(std::string("rules.yaml"), rules->getValue<std::string>("rules_file"));
        CPPUNIT_ASSERT_EQUAL(2u, static_cast<unsigned>(rules->getArray("rules")->size()));
        HttpResponse preview = http().postJson("/api/jobs/metadata/rules/preview", R"({"job_name":"payments/42"})");
        CPPUNIT_ASSERT_EQUAL(200, preview.status);
        CPPUNIT_ASSERT_EQUAL(true, preview.json()->getValue<bool>("matched"));
        CPPUNIT_ASSERT_EQUAL(std::string("42"), preview.json()->getObject("metadata")->getValue<std::string>("version"));
        HttpResponse none = http().postJson("/api/jobs/metadata/rules/preview", R"({"job_name":"UPPER"})");
        CPPUNIT_ASSERT_EQUAL(false, none.json()->getValue<bool>("matched"));
        CPPUNIT_ASSERT(none.json()->get("metadata").isEmpty());
        CPPUNIT_ASSERT_EQUAL(422, http().postJson("/api/jobs/metadata/rules/preview", R"({"job_name":" "})").status);
        CPPUNIT_ASSERT_EQUAL(422, http().postJson("/api/jobs/metadata/rules/preview", R"({"job_name":5})").status);

        jenkinsJob("folder/app", 12);
        Object::Ptr assigned = get("/api/jobs/folder/app/metadata");
        CPPUNIT_ASSERT_EQUAL(std::string("platform"), assigned->getValue<std::string>("team"));
        // What people set is never overwritten by the rules.
        put("/api/jobs/folder/app/metadata", R"({"team":"owners"})", admin());
        jenkinsJob("folder/app", 13);
        CPPUNIT_ASSERT_EQUAL(std::string("owners"), get("/api/jobs/folder/app/metadata")->getValue<std::string>("team"));

        std::string output;
        jji::test::writeFile(_scratch->file("bad.json"), R"([{"team":"no pattern"}])");
        const int code = ServerProcess::runToExit({}, {{"METADATA_RULES_FILE", _scratch->file("bad.json")}, {"PORT", "0"}}, output);
        CPPUNIT_ASSERT_EQUAL(78, code);
        CPPUNIT_ASSERT(output.find("METADATA_RULES_FILE") != std::string::npos);
        CPPUNIT_ASSERT(output.find("missing 'pattern'") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReviewHistoryTest);
