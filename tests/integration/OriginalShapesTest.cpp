// Every response a client of the original service reads carries the original's fields: the
// field lists of its models (tests/data/golden/original-models.json) against real responses
// of the daemon, with the fake AI CLI and fake Jenkins behind it.
#include "jji/test/FakeJenkins.h"
#include "jji/test/JenkinsFixture.h"
#include "jji/test/ServerProcess.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sstream>
#include <thread>

using jji::test::FakeJenkins;
using jji::test::HttpResponse;
using jji::test::ServerProcess;
using Poco::JSON::Array;
using Poco::JSON::Object;

class OriginalShapesTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(OriginalShapesTest);
    CPPUNIT_TEST(responsesCarryTheOriginalsFields);
    CPPUNIT_TEST_SUITE_END();

    Object::Ptr _golden;

    void expectFields(const std::string& model, const Object::Ptr& response) const
    {
        CPPUNIT_ASSERT_MESSAGE(model + ": no object", response);
        Array::Ptr fields = _golden->getArray(model);
        CPPUNIT_ASSERT_MESSAGE(model + ": not in the golden file", fields);
        for (std::size_t i = 0; i < fields->size(); ++i) {
            const std::string field = fields->getElement<std::string>(static_cast<unsigned>(i));
            CPPUNIT_ASSERT_MESSAGE(model + " lacks " + field, response->has(field));
        }
    }

public:
    void setUp() override
    {
        std::ifstream in(jji::test::dataDir() + "/golden/original-models.json");
        std::stringstream text;
        text << in.rdbuf();
        _golden = Poco::JSON::Parser().parse(text.str()).extract<Object::Ptr>();
    }

    void responsesCarryTheOriginalsFields()
    {
        FakeJenkins jenkins(jji::test::jenkinsFailingBuilds(1));
        ServerProcess server(ServerProcess::Options{
            {{"AI_PROVIDER", "claude"}, {"AI_MODEL", "sonnet"}, {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"},
             {"JENKINS_URL", jenkins.url()}, {"JENKINS_USER", "u"}, {"JENKINS_PASSWORD", "t"}},
            {}});
        const auto& http = server.http();

        // A direct analysis with a CODE ISSUE and a PRODUCT BUG, from JUnit XML.
        const std::string xml = R"(<testsuite><testcase classname="t" name="a"><failure message="AssertionError: expected 1"/></testcase>)"
                                R"(<testcase classname="t" name="b"><failure message="NullPointerException in Cart"/></testcase></testsuite>)";
        Object::Ptr body = new Object;
        body->set("raw_xml", xml);
        std::ostringstream bodyText;
        body->stringify(bodyText);
        HttpResponse direct = http.postJson("/analyze-failures", bodyText.str(), {}, 60);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(direct.body, 200, direct.status);
        Object::Ptr result = direct.json();
        expectFields("FailureAnalysisResult", result);
        expectFields("TokenUsageSummary", result->getObject("token_usage"));
        expectFields("TokenUsageEntry", result->getObject("token_usage")->getArray("calls")->getObject(0));
        Array::Ptr failures = result->getArray("failures");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), failures->size());
        for (std::size_t i = 0; i < failures->size(); ++i) {
            Object::Ptr failure = failures->getObject(static_cast<unsigned>(i));
            expectFields("FailureAnalysis", failure);
            Object::Ptr analysis = failure->getObject("analysis");
            expectFields("AnalysisDetail", analysis);
            if (analysis->isObject("code_fix"))
                expectFields("CodeFix", analysis->getObject("code_fix"));
            if (analysis->isObject("product_bug_report"))
                expectFields("ProductBugReport", analysis->getObject("product_bug_report"));
        }

        // A Jenkins-backed analysis.
        HttpResponse queued = http.postJson("/analyze", R"({"job_name":"app","build_number":1})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(queued.body, 202, queued.status);
        const std::string jobId = queued.json()->getValue<std::string>("job_id");
        Object::Ptr envelope;
        for (int i = 0; i < 300; ++i) {
            envelope = http.get("/results/" + jobId).json();
            if (envelope->getValue<std::string>("status") == "completed" || envelope->getValue<std::string>("status") == "failed")
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), envelope->getValue<std::string>("status"));
        expectFields("AnalysisResult", envelope->getObject("result"));

        expectFields("Capabilities", http.get("/api/capabilities").json());
        Array::Ptr rows = http.get("/api/dashboard").jsonArray();
        for (std::size_t i = 0; i < rows->size(); ++i)
            expectFields("DashboardRow", rows->getObject(static_cast<unsigned>(i)));
        expectFields("AiModels", http.get("/api/ai-models").json());
        expectFields("AiModelsOfProvider", http.get("/api/ai-models?provider=claude").json());
        Object::Ptr health = http.get("/api/health").json();
        expectFields("DetailedHealth", health);
        expectFields("HealthChecks", health->getObject("checks"));
        expectFields("CommentIntent", http.postJson("/api/analyze-comment-intent", R"({"comment":"Filed BUG-1"})", {}, 30).json());
        expectFields("AuthMe", http.get("/api/auth/me", {{"Cookie", "jji_username=alice"}}).json());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OriginalShapesTest);
