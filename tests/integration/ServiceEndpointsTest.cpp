// GET /health, GET /api/capabilities and the JSON error replies of the real server.
#include "jji/test/ServerProcess.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::test::ServerProcess;

#include <Poco/JSON/Array.h>

#include <set>

class ServiceEndpointsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ServiceEndpointsTest);
    CPPUNIT_TEST(healthIsHealthy);
    CPPUNIT_TEST(capabilitiesWithNothingConfigured);
    CPPUNIT_TEST(capabilitiesFromEnvironmentWithoutSecrets);
    CPPUNIT_TEST(unknownRouteAndWrongMethodAreJson);
    CPPUNIT_TEST(openApiDescribesEveryServedRoute);
    CPPUNIT_TEST(metricsMoveWithRequests);
    CPPUNIT_TEST_SUITE_END();

    /// A sample value of one Prometheus series, or -1 when absent.
    static double sample(const std::string& metrics, const std::string& series)
    {
        const auto at = metrics.find("\n" + series + " ");
        if (at == std::string::npos)
            return -1;
        return std::stod(metrics.substr(at + series.size() + 2));
    }

public:
    void healthIsHealthy()
    {
        ServerProcess server;
        auto r = server.http().get("/health");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":"healthy"})"), r.body);
    }

    void capabilitiesWithNothingConfigured()
    {
        ServerProcess server;
        auto r = server.http().get("/api/capabilities");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        auto c = r.json();
        CPPUNIT_ASSERT_EQUAL(true, c->getValue<bool>("github_issues_enabled"));
        CPPUNIT_ASSERT_EQUAL(false, c->getValue<bool>("jira_issues_enabled"));
        CPPUNIT_ASSERT_EQUAL(false, c->getValue<bool>("server_github_token"));
        CPPUNIT_ASSERT_EQUAL(false, c->getValue<bool>("server_jira_token"));
        CPPUNIT_ASSERT_EQUAL(false, c->getValue<bool>("server_jira_email"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), c->getValue<std::string>("server_jira_project_key"));
        CPPUNIT_ASSERT_EQUAL(false, c->getValue<bool>("reportportal"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), c->getValue<std::string>("reportportal_project"));
        CPPUNIT_ASSERT_EQUAL(false, c->getValue<bool>("feedback_enabled")); // the original's ninth
        CPPUNIT_ASSERT_EQUAL(std::size_t(9), c->size());
    }

    void capabilitiesFromEnvironmentWithoutSecrets()
    {
        ServerProcess server({{{"GITHUB_TOKEN", "ghp_secretvalue"}, {"JIRA_URL", "https://jira.example"},
                               {"JIRA_API_TOKEN", "jira-secret"}, {"JIRA_EMAIL", "a@example.com"},
                               {"JIRA_PROJECT_KEY", "PROJ"}, {"REPORTPORTAL_URL", "https://rp"},
                               {"REPORTPORTAL_API_TOKEN", "rp-secret"}, {"REPORTPORTAL_PROJECT", "e2e"}}, {}});
        auto r = server.http().get("/api/capabilities");
        auto c = r.json();
        CPPUNIT_ASSERT_EQUAL(true, c->getValue<bool>("server_github_token"));
        CPPUNIT_ASSERT_EQUAL(true, c->getValue<bool>("jira_issues_enabled"));
        CPPUNIT_ASSERT_EQUAL(true, c->getValue<bool>("server_jira_token"));
        CPPUNIT_ASSERT_EQUAL(true, c->getValue<bool>("server_jira_email"));
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ"), c->getValue<std::string>("server_jira_project_key"));
        CPPUNIT_ASSERT_EQUAL(true, c->getValue<bool>("reportportal"));
        CPPUNIT_ASSERT_EQUAL(std::string("e2e"), c->getValue<std::string>("reportportal_project"));
        for (const char* secret : {"ghp_secretvalue", "jira-secret", "rp-secret"}) {
            CPPUNIT_ASSERT(r.body.find(secret) == std::string::npos);
            CPPUNIT_ASSERT(server.log().find(secret) == std::string::npos);
        }
    }

    void unknownRouteAndWrongMethodAreJson()
    {
        ServerProcess server;
        auto notFound = server.http().get("/nope");
        CPPUNIT_ASSERT_EQUAL(404, notFound.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Not Found"), notFound.json()->getValue<std::string>("detail"));
        auto wrongMethod = server.http().request("POST", "/health", "{}");
        CPPUNIT_ASSERT_EQUAL(405, wrongMethod.status);
        CPPUNIT_ASSERT_EQUAL(std::string("GET"), wrongMethod.header("Allow"));
    }

    void openApiDescribesEveryServedRoute()
    {
        ServerProcess server;
        auto r = server.http().get("/openapi.json");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        Poco::JSON::Object::Ptr doc = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("3.1.0"), doc->getValue<std::string>("openapi"));
        Poco::JSON::Object::Ptr paths = doc->getObject("paths");
        // Routes every issue so far added must be described (the document comes from the route table).
        for (const char* path : {"/health", "/analyze", "/analyze-failures", "/results/{job_id}", "/history/test/{test_name}",
                                 "/api/jobs/{job_name}/metadata", "/api/admin/users/{username}/role", "/metrics", "/openapi.json"})
            CPPUNIT_ASSERT_MESSAGE(path, paths->has(path));
        // Every documented operation is served: the router knows it (no "Not Found"/405 for it).
        int operations = 0;
        for (const auto& [path, item] : *paths) {
            Poco::JSON::Object::Ptr methods = item.extract<Poco::JSON::Object::Ptr>();
            for (const auto& [method, op] : *methods) {
                (void)op;
                std::string concrete = path;
                for (auto open = concrete.find('{'); open != std::string::npos; open = concrete.find('{'))
                    concrete.replace(open, concrete.find('}', open) - open + 1, "x");
                std::string upper = method;
                for (auto& c : upper)
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                if (upper == "POST" && concrete.find("analyze") != std::string::npos)
                    continue; // would start real analyses; /analyze is checked above by name
                auto answer = server.http().request(upper, concrete, upper == "GET" || upper == "DELETE" ? "" : "{}",
                                                    {{"Content-Type", "application/json"}});
                CPPUNIT_ASSERT_MESSAGE(upper + " " + concrete + " -> " + answer.body,
                                       answer.status != 405 && answer.body != R"({"detail":"Not Found"})");
                ++operations;
            }
        }
        CPPUNIT_ASSERT(operations > 50);
    }

    void metricsMoveWithRequests()
    {
        ServerProcess server({{{"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"},
                               {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"}}, {}});
        const std::string before = server.http().get("/metrics").body;
        const std::string health = R"(jji_http_requests_total{method="GET",route="/health",status="200"})";
        CPPUNIT_ASSERT_EQUAL(-1.0, sample(before, health));
        server.http().get("/health");
        server.http().get("/health");
        server.http().get("/results/some-unknown-job-id");
        server.http().postJson("/analyze-failures", R"({"failures":[{"test_name":"t","error_message":"AssertionError"}]})");
        auto r = server.http().get("/metrics");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT(r.header("Content-Type").find("text/plain") == 0);
        const std::string after = r.body;
        CPPUNIT_ASSERT_EQUAL(2.0, sample(after, health));
        CPPUNIT_ASSERT_EQUAL(1.0, sample(after, R"(jji_http_requests_total{method="GET",route="/results/{job_id}",status="404"})"));
        CPPUNIT_ASSERT(after.find("some-unknown-job-id") == std::string::npos); // templates, not raw paths
        CPPUNIT_ASSERT_EQUAL(1.0, sample(after, R"(jji_ai_calls_total{provider="claude",outcome="ok"})"));
        CPPUNIT_ASSERT_EQUAL(1200.0, sample(after, R"(jji_ai_tokens_total{provider="claude",kind="input"})"));
        CPPUNIT_ASSERT_EQUAL(1.0, sample(after, R"(jji_ai_call_duration_seconds_count{provider="claude"})"));
        CPPUNIT_ASSERT_EQUAL(1.0, sample(after, R"(jji_jobs{status="completed"})"));
        CPPUNIT_ASSERT_EQUAL(0.0, sample(after, "jji_queue_depth"));
        CPPUNIT_ASSERT_EQUAL(0.0, sample(after, "jji_database_errors_total"));
        CPPUNIT_ASSERT(sample(after, R"(jji_http_request_duration_seconds_bucket{route="/health",le="+Inf"})") == 2.0);
        CPPUNIT_ASSERT(after.find("# TYPE jji_http_request_duration_seconds histogram") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ServiceEndpointsTest);
