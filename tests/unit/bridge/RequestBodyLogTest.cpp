#include "jji/bridge/http/RequestBodyLog.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::bridge::RequestBodyLog;

/// The debug log of request bodies: the original's masking rules and json.dumps text.
class RequestBodyLogTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RequestBodyLogTest);
    CPPUNIT_TEST(writesTheOriginalsLine);
    CPPUNIT_TEST(masksListedAndSecretLookingKeys);
    CPPUNIT_TEST(leavesEmptyValuesAsTheyAre);
    CPPUNIT_TEST(masksInsideListsAndWholeContainers);
    CPPUNIT_TEST(writesTextAsJsonDumps);
    CPPUNIT_TEST(notJsonIsOnlyMeasured);
    CPPUNIT_TEST(onlyJsonWritesAreLogged);
    CPPUNIT_TEST_SUITE_END();

    static std::string masked(const std::string& json) { return RequestBodyLog::maskedText(json); }

public:
    void writesTheOriginalsLine()
    {
        CPPUNIT_ASSERT_EQUAL(
            std::string(R"(Incoming POST /analyze body: {"job_name": "my-job", "build_number": 42, "jenkins_password": "***"})"),
            RequestBodyLog::line("POST", "/analyze", R"({"job_name":"my-job","build_number":42,"jenkins_password":"hunter2"})"));
    }

    void masksListedAndSecretLookingKeys()
    {
        for (const char* key : {"jenkins_password", "jenkins_user", "jira_api_token", "jira_pat", "jira_email", "github_token",
                                "reportportal_api_token", "tests_repo_token", "encryption_key", "jira_project_key",
                                "tests_repo_search_keywords", "client_secret", "AdminPassword", "X-API-KEY", "token"}) {
            const std::string json = std::string("{\"") + key + "\": \"value-of-it\"}";
            CPPUNIT_ASSERT_EQUAL_MESSAGE(key, std::string("{\"") + key + "\": \"***\"}", masked(json));
        }
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"job_name": "job", "jenkins_url": "https://j", "build_number": 7})"),
                             masked(R"({"job_name":"job","jenkins_url":"https://j","build_number":7})"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"api_key": "***", "secret_number": "***"})"),
                             masked(R"({"api_key":12345,"secret_number":0.5})"));
    }

    void leavesEmptyValuesAsTheyAre()
    {
        CPPUNIT_ASSERT_EQUAL(
            std::string(R"({"github_token": "", "jira_pat": null, "key": 0, "secret": false, "token": [], "password": {}})"),
            masked(R"({"github_token":"","jira_pat":null,"key":0,"secret":false,"token":[],"password":{}})"));
    }

    void masksInsideListsAndWholeContainers()
    {
        CPPUNIT_ASSERT_EQUAL(
            std::string(R"({"additional_repos": [{"name": "a", "url": "https://g/a", "token": "***"}, {"name": "b"}], )"
                        R"("secrets": "***", "callback_headers": {"Authorization": "Bearer x", "X-Token": "***"}})"),
            masked(R"({"additional_repos":[{"name":"a","url":"https://g/a","token":"t0k"},{"name":"b"}],)"
                   R"("secrets":{"a":1},"callback_headers":{"Authorization":"Bearer x","X-Token":"y"}})"));
    }

    void writesTextAsJsonDumps()
    {
        // ensure_ascii: \uXXXX (surrogate pairs past the BMP), control characters escaped; key order kept.
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"z": "caf\u00e9 \ud83d\udd0d", "a": "line\nnext\ttab\u0001\"q\"\\"})"),
                             masked("{\"z\":\"caf\xC3\xA9 \xF0\x9F\x94\x8D\",\"a\":\"line\\nnext\\ttab\\u0001\\\"q\\\"\\\\\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"([1, 2.5, 2.0, -3, true, false, null, [], {}])"),
                             masked("[1, 2.5, 2.0, -3, true, false, null, [], {}]"));
    }

    void notJsonIsOnlyMeasured()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("<non-JSON, 8 bytes>"), masked("not json"));
        CPPUNIT_ASSERT_EQUAL(std::string("<non-JSON, 11 bytes>"), masked("{\"a\": \"\xFF\xFE\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("<non-JSON, 9 bytes>"), masked("{\"a\":\"\xC3\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("Incoming PUT /x body: <non-JSON, 3 bytes>"), RequestBodyLog::line("PUT", "/x", "{{{"));
    }

    void onlyJsonWritesAreLogged()
    {
        CPPUNIT_ASSERT(RequestBodyLog::wanted("POST", "/analyze", "application/json"));
        CPPUNIT_ASSERT(RequestBodyLog::wanted("PUT", "/api/user/tokens", "Application/JSON; charset=utf-8"));
        CPPUNIT_ASSERT(RequestBodyLog::wanted("PATCH", "/x", "application/json"));
        CPPUNIT_ASSERT(!RequestBodyLog::wanted("GET", "/analyze", "application/json"));
        CPPUNIT_ASSERT(!RequestBodyLog::wanted("DELETE", "/results/x", "application/json"));
        CPPUNIT_ASSERT(!RequestBodyLog::wanted("POST", "/analyze", "text/plain"));
        CPPUNIT_ASSERT(!RequestBodyLog::wanted("POST", "/analyze", ""));
        CPPUNIT_ASSERT(!RequestBodyLog::wanted("POST", "/api/feedback/preview", "application/json"));
        CPPUNIT_ASSERT(!RequestBodyLog::wanted("POST", "/api/feedback/create", "application/json"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestBodyLogTest);
