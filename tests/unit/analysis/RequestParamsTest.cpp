#include "jji/analysis/model/RequestParams.h"

#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

class RequestParamsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RequestParamsTest);
    CPPUNIT_TEST(secretsAreRemovedFromTheCopyOnly);
    CPPUNIT_TEST(splitKeepsSecretsApartAndJoinRestoresThem);
    CPPUNIT_TEST(overridesDropCredentialsOfAChangedUrl);
    CPPUNIT_TEST_SUITE_END();

public:
    void secretsAreRemovedFromTheCopyOnly()
    {
        auto params = Poco::JSON::Parser()
                          .parse(R"({"ai_provider":"claude","jenkins_password":"pw","jenkins_user":"u","jira_api_token":"j",
                                     "jira_pat":"p","jira_email":"e","jira_token":"t","github_token":"g",
                                     "reportportal_api_token":"r","callback_headers":{"Authorization":"Bearer x"},
                                     "additional_repos":[{"name":"a","url":"u","token":"repo-secret"}]})")
                          .extract<Poco::JSON::Object::Ptr>();
        auto redacted = jji::analysis::redactRequestParams(params);
        std::ostringstream out;
        redacted->stringify(out);
        std::string text = out.str();
        for (const char* secret : {"pw", "\"u\":", "repo-secret", "Bearer", "jira_email", "github_token", "jira_pat"})
            CPPUNIT_ASSERT_MESSAGE(text, text.find(secret) == std::string::npos);
        CPPUNIT_ASSERT(text.find("\"ai_provider\":\"claude\"") != std::string::npos);
        CPPUNIT_ASSERT(text.find("\"name\":\"a\"") != std::string::npos);
        // The original (what is stored and re-analysed from) keeps everything.
        CPPUNIT_ASSERT(params->has("jenkins_password"));
        CPPUNIT_ASSERT(params->getArray("additional_repos")->getObject(0)->has("token"));
    }

    void splitKeepsSecretsApartAndJoinRestoresThem()
    {
        auto params = Poco::JSON::Parser()
                          .parse(R"({"job_name":"j","jenkins_password":"pw","callback_headers":{"X-Key":"k"},
                                     "additional_repos":[{"name":"a","url":"u","token":"repo-secret"},{"name":"b","url":"v"}]})")
                          .extract<Poco::JSON::Object::Ptr>();
        auto split = jji::analysis::splitRequestParams(params);
        std::ostringstream visible, secrets;
        split.visible->stringify(visible);
        split.secrets->stringify(secrets);
        CPPUNIT_ASSERT(visible.str().find("pw") == std::string::npos);
        CPPUNIT_ASSERT(visible.str().find("repo-secret") == std::string::npos);
        CPPUNIT_ASSERT(visible.str().find("X-Key") == std::string::npos);
        CPPUNIT_ASSERT(secrets.str().find("\"jenkins_password\":\"pw\"") != std::string::npos);
        CPPUNIT_ASSERT(secrets.str().find("repo-secret") != std::string::npos);
        CPPUNIT_ASSERT(secrets.str().find("job_name") == std::string::npos);

        auto joined = jji::analysis::joinRequestParams(split.visible, split.secrets);
        CPPUNIT_ASSERT_EQUAL(std::string("pw"), joined->getValue<std::string>("jenkins_password"));
        CPPUNIT_ASSERT_EQUAL(std::string("k"), joined->getObject("callback_headers")->getValue<std::string>("X-Key"));
        CPPUNIT_ASSERT_EQUAL(std::string("repo-secret"), joined->getArray("additional_repos")->getObject(0)->getValue<std::string>("token"));
        CPPUNIT_ASSERT(!joined->getArray("additional_repos")->getObject(1)->has("token"));
        CPPUNIT_ASSERT_EQUAL(std::string("j"), joined->getValue<std::string>("job_name"));
        CPPUNIT_ASSERT(!split.visible->has("jenkins_password")); // join made a copy
    }

    void overridesDropCredentialsOfAChangedUrl()
    {
        auto parse = [](const char* json) { return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>(); };
        auto params = parse(R"({"jira_url":"https://jira.acme","jira_api_token":"tok","jira_email":"a@acme",
                                "tests_repo_url":"https://git/acme/t","github_token":"ght","ai_model":"m"})");
        jji::analysis::applyOverrides(params, parse(R"({"jira_url":"https://evil.example","ai_model":"n"})"));
        CPPUNIT_ASSERT(!params->has("jira_api_token"));
        CPPUNIT_ASSERT(!params->has("jira_email"));
        CPPUNIT_ASSERT_EQUAL(std::string("ght"), params->getValue<std::string>("github_token")); // its URL did not change
        CPPUNIT_ASSERT_EQUAL(std::string("n"), params->getValue<std::string>("ai_model"));

        // Same URL again, or a URL with its own token: nothing is dropped that was given.
        jji::analysis::applyOverrides(params, parse(R"({"tests_repo_url":"https://git/acme/t"})"));
        CPPUNIT_ASSERT(params->has("github_token"));
        jji::analysis::applyOverrides(params, parse(R"({"tests_repo_url":"https://git/other/t","github_token":"new"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("new"), params->getValue<std::string>("github_token"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestParamsTest);
