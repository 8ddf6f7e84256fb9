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

    static std::string joined(const std::set<std::string>& names)
    {
        std::string text;
        for (const auto& name : names)
            text += (text.empty() ? "" : ",") + name;
        return text;
    }

    /// The fields a body schema requires, sorted.
    static std::string requiredFields(const Poco::JSON::Object::Ptr& schema)
    {
        std::set<std::string> names;
        if (Poco::JSON::Array::Ptr required = schema->getArray("required"))
            for (const auto& name : *required)
                names.insert(name.toString());
        return joined(names);
    }

    /// The top-level body fields a 422 reports missing, sorted.
    static std::string missingFields(const Poco::JSON::Object::Ptr& reply)
    {
        std::set<std::string> names;
        Poco::JSON::Array::Ptr detail = reply->getArray("detail");
        for (std::size_t i = 0; detail && i < detail->size(); ++i) {
            Poco::JSON::Object::Ptr item = detail->getObject(static_cast<unsigned>(i));
            Poco::JSON::Array::Ptr loc = item->getArray("loc");
            if (item->getValue<std::string>("type") == "missing" && loc->size() == 2 && loc->getElement<std::string>(0) == "body")
                names.insert(loc->getElement<std::string>(1));
        }
        return joined(names);
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
        Poco::JSON::Object::Ptr schemas = doc->getObject("components")->getObject("schemas");
        // The statuses routes answer, the request bodies their readers read, security and tags.
        auto operation = [&](const std::string& path, const std::string& method) {
            CPPUNIT_ASSERT_MESSAGE(method + " " + path, paths->getObject(path) && paths->getObject(path)->has(method));
            return paths->getObject(path)->getObject(method);
        };
        auto replySchema = [](const Poco::JSON::Object::Ptr& op, const std::string& status) {
            Poco::JSON::Object::Ptr response = op->getObject("responses")->getObject(status);
            CPPUNIT_ASSERT_MESSAGE(status, response);
            return response->getObject("content")->getObject("application/json")->getObject("schema")->getValue<std::string>("$ref");
        };
        auto bodySchema = [&](const Poco::JSON::Object::Ptr& op) {
            const std::string ref = op->getObject("requestBody")->getObject("content")->getObject("application/json")
                                        ->getObject("schema")->getValue<std::string>("$ref");
            return schemas->getObject(ref.substr(ref.rfind('/') + 1));
        };
        auto analyze = operation("/analyze", "post");
        CPPUNIT_ASSERT_EQUAL(std::string("#/components/schemas/QueuedAnalysis"), replySchema(analyze, "202"));
        CPPUNIT_ASSERT(bodySchema(analyze)->getObject("properties")->has("build_number"));
        CPPUNIT_ASSERT_EQUAL(std::string("sync"), analyze->getArray("parameters")->getObject(0)->getValue<std::string>("name"));
        auto comment = operation("/results/{job_id}/comments", "post");
        CPPUNIT_ASSERT_EQUAL(std::string("#/components/schemas/CreatedId"), replySchema(comment, "201"));
        CPPUNIT_ASSERT(!comment->getObject("responses")->has("200"));
        CPPUNIT_ASSERT(bodySchema(operation("/analyze-failures", "post"))->getObject("properties")->has("raw_xml"));
        CPPUNIT_ASSERT_EQUAL(std::string("#/components/schemas/ResultEnvelope"), replySchema(operation("/results/{job_id}", "get"), "200"));
        CPPUNIT_ASSERT_EQUAL(std::string("#/components/schemas/Capabilities"), replySchema(operation("/api/capabilities", "get"), "200"));
        CPPUNIT_ASSERT_EQUAL(std::string("#/components/responses/ValidationError"),
                             operation("/history/classify", "post")->getObject("responses")->getObject("422")->getValue<std::string>("$ref"));
        auto admin = operation("/api/admin/users", "get")->getArray("security");
        CPPUNIT_ASSERT(admin->getObject(0)->has("adminKey") && admin->getObject(1)->has("adminSession"));
        Poco::JSON::Object::Ptr schemes = doc->getObject("components")->getObject("securitySchemes");
        CPPUNIT_ASSERT_EQUAL(std::string("bearer"), schemes->getObject("adminKey")->getValue<std::string>("scheme"));
        CPPUNIT_ASSERT_EQUAL(std::string("jji_session"), schemes->getObject("adminSession")->getValue<std::string>("name"));
        CPPUNIT_ASSERT_EQUAL(std::string("jji_username"), schemes->getObject("username")->getValue<std::string>("name"));
        // Every documented operation is served: the router knows it (no "Not Found"/405 for it).
        // A body it refuses for missing fields names exactly the fields the document requires.
        int operations = 0;
        std::set<std::string> operationIds;
        for (const auto& [path, item] : *paths) {
            Poco::JSON::Object::Ptr methods = item.extract<Poco::JSON::Object::Ptr>();
            for (const auto& [method, opVar] : *methods) {
                Poco::JSON::Object::Ptr op = opVar.extract<Poco::JSON::Object::Ptr>();
                CPPUNIT_ASSERT_MESSAGE(method + " " + path, operationIds.insert(op->getValue<std::string>("operationId")).second);
                CPPUNIT_ASSERT_MESSAGE(method + " " + path, op->has("tags") && op->has("security") && op->has("summary"));
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
                CPPUNIT_ASSERT_MESSAGE(upper + " " + concrete + " answered an undocumented " + std::to_string(answer.status),
                                       op->getObject("responses")->has(std::to_string(answer.status)));
                if (answer.status == 422 && op->has("requestBody"))
                    CPPUNIT_ASSERT_EQUAL_MESSAGE(upper + " " + concrete, requiredFields(bodySchema(op)), missingFields(answer.json()));
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
