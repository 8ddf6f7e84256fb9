// The AI post-processing of an analysis, without a server: the relevance filter's prompt
// and the reading of its answers, code_fix with its files and tests-repo keywords, the
// tests-repo search text, and which repository and token that search uses.
#include "jji/analysis/ai/IssueRelevance.h"
#include "jji/analysis/ai/PromptBuilder.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/model/ModelJson.h"
#include "jji/analysis/trackers/TestsRepoEnrichment.h"

#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace jji::analysis;

namespace {

Poco::JSON::Object::Ptr object(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

std::string keysOf(const std::vector<RelevantIssue>& verdicts)
{
    std::string keys;
    for (const auto& v : verdicts)
        keys += (keys.empty() ? "" : ",") + v.key;
    return keys;
}

} // namespace

class IssueRelevanceTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(IssueRelevanceTest);
    CPPUNIT_TEST(promptListsTheBugAndEveryCandidate);
    CPPUNIT_TEST(answersAreReadLikeTheOriginal);
    CPPUNIT_TEST(unreadableAnswersAreNotVerdicts);
    CPPUNIT_TEST(codeFixCarriesFilesKeywordsAndMatches);
    CPPUNIT_TEST(analysisPromptAsksForFilesAndKeywords);
    CPPUNIT_TEST(searchTextCarriesNoQualifiers);
    CPPUNIT_TEST(tokensGoOnlyWhereTheyWereConfigured);
    CPPUNIT_TEST_SUITE_END();

    void promptListsTheBugAndEveryCandidate()
    {
        const std::string p = IssueRelevance::prompt("Login fails", "Test: t.a\nError: boom",
                                                     {{"PROJ-1", "Login returns 500", "Since 2.3", "Open"},
                                                      {"42", "Flaky login", "", "closed"},
                                                      {"PROJ-3", "Huge", std::string(5000, 'x'), "Done"}});
        const std::string head = "You are evaluating whether existing issue tickets match a newly discovered bug.\n\n"
                                 "NEW BUG:\nTitle: Login fails\nDescription: Test: t.a\nError: boom\n\n"
                                 "CANDIDATES:\n1. PROJ-1 [Open] - Login returns 500\n   Description: Since 2.3\n"
                                 "2. 42 [closed] - Flaky login\n   Description: No description\n"
                                 "3. PROJ-3 [Done] - Huge\n   Description: xxx";
        CPPUNIT_ASSERT_EQUAL(head, p.substr(0, head.size()));
        CPPUNIT_ASSERT(p.find(std::string(2000, 'x') + " ...\n\nFor each candidate, determine if it describes the SAME bug") !=
                       std::string::npos); // long descriptions are cut
        CPPUNIT_ASSERT(p.find("- \"score\": relevance score 0.0 to 1.0 (1.0 = exact same bug, 0.5+ = likely related)") !=
                       std::string::npos);
        const std::string tail = "Respond with ONLY the JSON array, no other text.";
        CPPUNIT_ASSERT_EQUAL(tail, p.substr(p.size() - tail.size()));
    }

    void answersAreReadLikeTheOriginal()
    {
        auto v = IssueRelevance::parse(R"([{"key":"A","relevant":true,"score":0.4},
            {"key":"B","relevant":false,"score":0.9}, {"key":"C","relevant":true,"score":"0.8"},
            {"key":"","relevant":true,"score":1}, "junk", {"key":7,"relevant":true},
            {"key":"D","relevant":"true","score":"high"}, {"key":"E","relevant":true,"score":3},
            {"key":"F","score":1}, {"key":"G","relevant":"yes","score":1}])");
        CPPUNIT_ASSERT(v);
        // Relevant ones only, best first; equal scores keep their order; scores within 0..1.
        CPPUNIT_ASSERT_EQUAL(std::string("E,C,A,7,D"), keysOf(*v));
        CPPUNIT_ASSERT_EQUAL(1.0, (*v)[0].score);
        CPPUNIT_ASSERT_EQUAL(0.8, (*v)[1].score);
        CPPUNIT_ASSERT_EQUAL(0.0, (*v)[4].score);

        // Fenced, with prose around it.
        v = IssueRelevance::parse("Here you go:\n```json\n[{\"key\": \"PROJ-1\", \"relevant\": true, \"score\": 0.9}]\n```\nBye [1]");
        CPPUNIT_ASSERT(v && keysOf(*v) == "PROJ-1");
        v = IssueRelevance::parse("```\n[{\"key\": \"12\", \"relevant\": true, \"score\": 0.5}]\n```");
        CPPUNIT_ASSERT(v && keysOf(*v) == "12");
        v = IssueRelevance::parse("I found: [{\"key\": \"X-1\", \"relevant\": true}] in total.");
        CPPUNIT_ASSERT(v && keysOf(*v) == "X-1");
        v = IssueRelevance::parse("[]");
        CPPUNIT_ASSERT(v && v->empty()); // nothing relevant is an answer
    }

    void unreadableAnswersAreNotVerdicts()
    {
        CPPUNIT_ASSERT(!IssueRelevance::parse("None of them match."));
        CPPUNIT_ASSERT(!IssueRelevance::parse("{\"key\": \"A\", \"relevant\": true}"));
        CPPUNIT_ASSERT(!IssueRelevance::parse("[{\"key\": \"A\", \"relevant\": true"));
        CPPUNIT_ASSERT(!IssueRelevance::parse(""));
    }

    void codeFixCarriesFilesKeywordsAndMatches()
    {
        // From an AI answer: files as given (null when absent or not text), keywords trimmed
        // and deduplicated, matches never taken from the answer.
        AnalysisDetail d = analysisDetailFromJson(object(R"({"classification":"CODE ISSUE","code_fix":{
            "file":"a.py","line":"3","change":"c","original_code":"old\n","suggested_code":42,
            "tests_repo_search_keywords":[" login banner ","login banner","","expected text",null],
            "tests_repo_matches":[{"number":1,"title":"planted"}]}})"));
        CPPUNIT_ASSERT(d.codeFix);
        CPPUNIT_ASSERT(d.codeFix->originalCode && *d.codeFix->originalCode == "old\n");
        CPPUNIT_ASSERT(!d.codeFix->suggestedCode);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), d.codeFix->testsRepoSearchKeywords.size());
        CPPUNIT_ASSERT_EQUAL(std::string("login banner"), d.codeFix->testsRepoSearchKeywords[0]);
        CPPUNIT_ASSERT_EQUAL(std::string("expected text"), d.codeFix->testsRepoSearchKeywords[1]);
        CPPUNIT_ASSERT(d.codeFix->testsRepoMatches.empty());
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"classification":"CODE ISSUE","affected_tests":[],"details":"",)"
                                         R"("artifacts_evidence":"","code_fix":{"file":"a.py","line":"3","change":"c",)"
                                         R"("original_code":"old\n","suggested_code":null,)"
                                         R"("tests_repo_search_keywords":["login banner","expected text"],)"
                                         R"("tests_repo_matches":[]},"product_bug_report":false})"),
                             toJsonText(toJson(d)));

        // An old answer without them: both files null, no keywords.
        d = analysisDetailFromJson(object(R"({"code_fix":{"file":"a.py","line":"3","change":"c"}})"));
        CPPUNIT_ASSERT(d.codeFix && !d.codeFix->originalCode && !d.codeFix->suggestedCode);
        CPPUNIT_ASSERT(d.codeFix->testsRepoSearchKeywords.empty());
        // No fix stays false, as the spec says.
        CPPUNIT_ASSERT(toJsonText(toJson(analysisDetailFromJson(object(R"({"code_fix":false})")))).find(R"("code_fix":false)") !=
                       std::string::npos);

        CPPUNIT_ASSERT_EQUAL(std::string(R"({"number":12,"key":"","title":"t","url":"u","status":"open"})"),
                             toJsonText(toJson(SimilarIssue{12, "", "t", "u", "open"})));
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"number":null,"key":"K-1","title":"t","url":"u","status":"Open"})"),
                             toJsonText(toJson(SimilarIssue{0, "K-1", "t", "u", "Open"})));
    }

    void analysisPromptAsksForFilesAndKeywords()
    {
        TestFailure f;
        f.testName = "t.a";
        f.errorMessage = "AssertionError";
        for (const std::string& p : {PromptBuilder::forGroup({f}, ""), PromptBuilder::forRevision({f}, "", "CODE ISSUE", "d", {})}) {
            CPPUNIT_ASSERT_MESSAGE(p, p.find("\"original_code\": \"<optional: the complete current contents of <path>") !=
                                          std::string::npos);
            CPPUNIT_ASSERT(p.find("\"suggested_code\": \"<the complete contents of <path> after the fix") != std::string::npos);
            CPPUNIT_ASSERT(p.find("\"tests_repo_search_keywords\": [\"<specific error symptom>\"") != std::string::npos);
            CPPUNIT_ASSERT(p.find("give 3 to 5\nshort, specific phrases") != std::string::npos);
        }
    }

    void searchTextCarriesNoQualifiers()
    {
        CPPUNIT_ASSERT_EQUAL(std::string("expected text login banner"),
                             TestsRepoEnrichment::searchText({"login banner", "expected text"})); // sorted
        const std::string hostile =
            TestsRepoEnrichment::searchText({"repo:acme/private secret", "-label:flaky", "is:pr", "user:x OR y"});
        CPPUNIT_ASSERT_EQUAL(std::string("label flaky is pr repo acme private secret user x OR y"), hostile);
        CPPUNIT_ASSERT_EQUAL(std::string(""), TestsRepoEnrichment::searchText({"::", " - "}));
        CPPUNIT_ASSERT_EQUAL(std::string("café crème"), TestsRepoEnrichment::searchText({"café crème"}));
        CPPUNIT_ASSERT_EQUAL(std::string("b"), TestsRepoEnrichment::searchText({std::string(300, 'a'), "b"})); // too long: left out
    }

    void tokensGoOnlyWhereTheyWereConfigured()
    {
        jji::config::Settings s;
        s.githubToken = "srv";
        s.testsRepoUrl = "https://github.com/acme/tests.git:main";
        auto from = [&](const std::string& params) { return TestsRepoSearchConfig::from(object(params), s); };

        TestsRepoSearchConfig c = from("{}");
        CPPUNIT_ASSERT(c.repo && c.repo->fullName() == "acme/tests" && c.repo->apiUrl == "https://api.github.com");
        CPPUNIT_ASSERT_EQUAL(std::string("srv"), c.token); // GITHUB_TOKEN is for GITHUB_API_URL
        CPPUNIT_ASSERT_EQUAL(std::string("own"), from(R"({"github_token":" own "})").token);
        c = from(R"({"tests_repo_url":"https://github.com/other/repo"})");
        CPPUNIT_ASSERT(c.repo && c.repo->fullName() == "other/repo" && c.token == "srv");
        // Another host named by a request is not searched at all, with or without a token.
        c = from(R"({"tests_repo_url":"https://evil.example/acme/tests","github_token":"own"})");
        CPPUNIT_ASSERT(!c.repo);
        CPPUNIT_ASSERT(!from(R"({"tests_repo_url":""})").repo); // a request without a tests repo
        CPPUNIT_ASSERT(!from(R"({"tests_repo_url":"file:///srv/tests.git"})").repo);
        CPPUNIT_ASSERT(!TestsRepoSearchConfig::from(nullptr, jji::config::Settings()).repo);

        // A GitHub Enterprise TESTS_REPO_URL is searched, but never with GITHUB_TOKEN.
        s.testsRepoUrl = "https://ghe.corp.example/team/tests";
        c = from("{}");
        CPPUNIT_ASSERT(c.repo && c.repo->apiUrl == "https://ghe.corp.example/api/v3");
        CPPUNIT_ASSERT_EQUAL(std::string(""), c.token);
        CPPUNIT_ASSERT_EQUAL(std::string("own"), from(R"({"github_token":"own"})").token);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IssueRelevanceTest);
