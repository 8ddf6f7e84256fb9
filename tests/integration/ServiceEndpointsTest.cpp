// GET /health, GET /api/capabilities and the JSON error replies of the real server.
#include "jji/test/ServerProcess.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::test::ServerProcess;

class ServiceEndpointsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ServiceEndpointsTest);
    CPPUNIT_TEST(healthIsHealthy);
    CPPUNIT_TEST(capabilitiesWithNothingConfigured);
    CPPUNIT_TEST(capabilitiesFromEnvironmentWithoutSecrets);
    CPPUNIT_TEST(unknownRouteAndWrongMethodAreJson);
    CPPUNIT_TEST_SUITE_END();

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
        CPPUNIT_ASSERT_EQUAL(std::size_t(8), c->size());
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
};

CPPUNIT_TEST_SUITE_REGISTRATION(ServiceEndpointsTest);
