// The text handling of the tracker integrations: repository URLs, comment references,
// JQL built from AI keywords, and the issue template.
#include "jji/analysis/trackers/CommentLinks.h"
#include "jji/analysis/trackers/GitHubClient.h"
#include "jji/analysis/trackers/IssueContent.h"
#include "jji/analysis/trackers/JiraClient.h"

#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace jji::analysis;

class TrackerTextTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(TrackerTextTest);
    CPPUNIT_TEST(repositoryUrls);
    CPPUNIT_TEST(commentReferences);
    CPPUNIT_TEST(hostileCommentsStayBounded);
    CPPUNIT_TEST(jqlFromKeywords);
    CPPUNIT_TEST(templateTitleAndBody);
    CPPUNIT_TEST(searchWordsCarryNoQualifiers);
    CPPUNIT_TEST_SUITE_END();

    void repositoryUrls()
    {
        jji::config::Settings s;
        auto r = GitHubRepo::fromUrl("https://github.com/acme/tests.git:main", s);
        CPPUNIT_ASSERT(r);
        CPPUNIT_ASSERT_EQUAL(std::string("acme/tests"), r->fullName());
        CPPUNIT_ASSERT_EQUAL(std::string("https://api.github.com"), r->apiUrl);
        r = GitHubRepo::fromUrl("git@github.com:acme/tests.git", s);
        CPPUNIT_ASSERT(r && r->fullName() == "acme/tests");
        r = GitHubRepo::fromUrl("https://token@github.com/acme/tests/", s);
        CPPUNIT_ASSERT(r && r->fullName() == "acme/tests");
        r = GitHubRepo::fromUrl("https://git.corp.example/team/app", s); // GitHub Enterprise
        CPPUNIT_ASSERT(r && r->apiUrl == "https://git.corp.example/api/v3");
        CPPUNIT_ASSERT(!GitHubRepo::fromUrl("not a repo", s));
        CPPUNIT_ASSERT(!GitHubRepo::fromUrl("https://github.com/acme", s));
        CPPUNIT_ASSERT(!GitHubRepo::fromUrl("https://github.com/acme/..", s));
        CPPUNIT_ASSERT(!GitHubRepo::fromUrl("https://github.com/" + std::string(5000, 'a') + "/b", s));
    }

    void commentReferences()
    {
        auto refs = TrackerRef::find("Fixed in https://github.com/acme/app/pull/12, dup of acme/app#3 (PROJ-7) and "
                                     "https://github.com/acme/app/issues/3 again; PROJ-7 twice; not a#b or x/y#z",
                                     true);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), refs.size());
        CPPUNIT_ASSERT_EQUAL(std::string("github_pr"), refs[0].type);
        CPPUNIT_ASSERT_EQUAL(std::string("acme/app#12"), refs[0].key);
        CPPUNIT_ASSERT_EQUAL(std::string("github_issue"), refs[1].type);
        CPPUNIT_ASSERT_EQUAL(std::string("acme/app#3"), refs[1].key); // the URL form later is the same issue
        CPPUNIT_ASSERT_EQUAL(std::string("jira"), refs[2].type);
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ-7"), refs[2].key);
        // Without Jira, keys are not references.
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), TrackerRef::find("acme/app#3 PROJ-7 https://github.com/acme/app/pull/1", false).size());
    }

    void hostileCommentsStayBounded()
    {
        // A megabyte without separators, and many references: parsed without deep recursion.
        const std::string word(1 << 20, 'a');
        CPPUNIT_ASSERT(TrackerRef::find(word + "/" + word + "#1", true).empty());
        std::string many;
        for (int i = 1; i <= 5000; ++i)
            many += "KK-" + std::to_string(i) + " ";
        CPPUNIT_ASSERT_EQUAL(std::size_t(5000), TrackerRef::find(many, true).size());
    }

    void jqlFromKeywords()
    {
        CPPUNIT_ASSERT_EQUAL(std::string(R"(project = "PROJ" AND text ~ "core failure ORDER" ORDER BY updated DESC)"),
                             JiraClient::textSearchJql("PROJ", {"core", "\"failure\"", "ORDER", "  "}));
        // Quotes and JQL operators in keywords or the project cannot break out of the strings.
        const std::string jql = JiraClient::textSearchJql("P\" OR project = X", {"a\" OR 1=1 --", "b\\"}, "issuetype = Bug");
        CPPUNIT_ASSERT_EQUAL(std::string(R"(project = "PORprojectX" AND text ~ "a  OR 1=1 b" AND issuetype = Bug ORDER BY updated DESC)"),
                             jql);
    }

    void templateTitleAndBody()
    {
        IssueSubject s;
        s.failure = Poco::JSON::Parser()
                        .parse(R"({"test_name":"tests.api.TestLogin.test_admin","error":"AssertionError: 500\nmore",
                                   "analysis":{"classification":"CODE ISSUE","details":"Wrong expectation.",
                                   "affected_tests":["tests.api.TestLogin.test_admin","tests.api.TestLogin.test_user"],
                                   "code_fix":{"file":"tests/api.py","line":"42","change":"Expect 500."},
                                   "product_bug_report":false}})")
                        .extract<Poco::JSON::Object::Ptr>();
        s.jobName = "app";
        s.buildNumber = 12;
        s.reportUrl = "https://jji/results/x.html";
        IssueDraft gh = IssueContent::fromTemplate(IssueTracker::GitHub, s);
        CPPUNIT_ASSERT_EQUAL(std::string("Fix test_admin: AssertionError: 500"), gh.title);
        CPPUNIT_ASSERT(gh.body.find("## Failure\n`tests.api.TestLogin.test_admin` in app #12") != std::string::npos);
        CPPUNIT_ASSERT(gh.body.find("## Suggested fix\nFile: tests/api.py (line 42)\nExpect 500.") != std::string::npos);
        CPPUNIT_ASSERT(gh.body.find("## Affected tests\n- tests.api.TestLogin.test_admin\n- tests.api.TestLogin.test_user") != std::string::npos);
        CPPUNIT_ASSERT(gh.body.find("[Job Insight analysis](https://jji/results/x.html)") != std::string::npos);
        IssueDraft jira = IssueContent::fromTemplate(IssueTracker::Jira, s);
        CPPUNIT_ASSERT(jira.body.find("Failure:\ntests.api.TestLogin.test_admin in app #12") != std::string::npos);
        CPPUNIT_ASSERT(jira.body.find("- Job Insight analysis: https://jji/results/x.html") != std::string::npos);
        // Long titles are cut on a UTF-8 character boundary.
        s.failure->set("error", std::string(198, 'x') + "\xC3\xA9\xC3\xA9\xC3\xA9");
        const std::string title = IssueContent::fromTemplate(IssueTracker::GitHub, s).title;
        CPPUNIT_ASSERT(title.size() <= 203);
        CPPUNIT_ASSERT(title.compare(title.size() - 3, 3, "...") == 0);
        CPPUNIT_ASSERT((static_cast<unsigned char>(title[title.size() - 4]) & 0xC0) != 0xC0); // no dangling lead byte
    }

    void searchWordsCarryNoQualifiers()
    {
        IssueSubject s;
        s.failure = Poco::JSON::Parser()
                        .parse(R"({"test_name":"t","analysis":{"classification":"PRODUCT BUG","product_bug_report":
                                   {"jira_search_keywords":["repo:acme/secret","org:acme","login timeout","\"quoted\" -x"]}}})")
                        .extract<Poco::JSON::Object::Ptr>();
        const auto words = IssueContent::searchWords(s, "ignored");
        CPPUNIT_ASSERT_EQUAL(std::string("login timeout quoted x"), Poco::cat(std::string(" "), words.begin(), words.end()));
        s.failure->getObject("analysis")->set("product_bug_report", false);
        const auto fromTitle = IssueContent::searchWords(s, "Fix test_save: repo:acme/secret crashes in the saver");
        CPPUNIT_ASSERT_EQUAL(std::string("test_save crashes saver"), Poco::cat(std::string(" "), fromTitle.begin(), fromTitle.end()));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TrackerTextTest);
