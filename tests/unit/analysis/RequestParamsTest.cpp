#include "jji/analysis/RequestParams.h"

#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

class RequestParamsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RequestParamsTest);
    CPPUNIT_TEST(secretsAreRemovedFromTheCopyOnly);
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
};

CPPUNIT_TEST_SUITE_REGISTRATION(RequestParamsTest);
