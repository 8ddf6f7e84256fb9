// Known failures end to end (issue 19): the real jji-server with the fake AI CLI. History
// and human conclusions reach the prompt; a confirmed analysis is reused and a rule
// classifies, both without an AI call; the admin rule API; the tests repository's prompt files.
#include "jji/analysis/model/JsonText.h"
#include "jji/test/FakeTrackers.h"
#include "jji/test/JsonLines.h"
#include "jji/test/ServerProcess.h"

#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <cstdlib>
#include <fstream>
#include <memory>

using jji::test::HttpResponse;
using jji::test::ServerProcess;
using jji::test::TempDir;
using Poco::JSON::Object;

namespace {

const std::string kAdminKey = "known-failures-admin-key-0123456789";

std::string failure(const std::string& name, const std::string& message, const std::string& trace = "")
{
    return R"({"test_name":)" + jji::analysis::toJsonText(name) + R"(,"error_message":)" + jji::analysis::toJsonText(message) +
           R"(,"stack_trace":)" + jji::analysis::toJsonText(trace) + "}";
}

const std::string kTotalsTrace = "Traceback (most recent call last):\n  File \"tests/test_orders.py\", line 12, in test_total\n"
                                 "    assert order.total() == 42\nAssertionError: order total 41 != 42";

/// Two failures of one bug (one signature).
std::string totalsFailures()
{
    return failure("tests.orders.test_total_a", "AssertionError: order total 41 != 42", kTotalsTrace) + "," +
           failure("tests.orders.test_total_b", "AssertionError: order total 41 != 42", kTotalsTrace);
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

std::map<std::string, std::string> admin()
{
    return {{"Authorization", "Bearer " + kAdminKey}};
}

std::map<std::string, std::string> as(const std::string& user)
{
    return {{"Cookie", "jji_username=" + user}};
}

} // namespace

class KnownFailuresTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(KnownFailuresTest);
    CPPUNIT_TEST(promptCarriesHistoryAndWhatPeopleConcluded);
    CPPUNIT_TEST(confirmedAnalysisIsReusedWithoutAnAiCall);
    CPPUNIT_TEST(defaultRuleClassifiesWithoutAnAiCall);
    CPPUNIT_TEST(adminRuleApiAndItsErrors);
    CPPUNIT_TEST(rulesFileIsImportedAtStartUp);
    CPPUNIT_TEST(testsRepoPromptFilesReachThePrompts);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<TempDir> _scratch;
    std::unique_ptr<TempDir> _data; // shared by the restarts of one test
    std::unique_ptr<ServerProcess> _server;
    std::unique_ptr<jji::test::FakeTrackers> _trackers;

public:
    void setUp() override
    {
        _scratch = std::make_unique<TempDir>();
        _data = std::make_unique<TempDir>();
        _trackers = std::make_unique<jji::test::FakeTrackers>(
            R"({"github":{"tokens":{"ghp_server_token":"jji-bot"},)"
            R"("issues":{"acme/app":[{"number":12,"title":"Totals off by one","state":"open"}]}}})");
    }

    void tearDown() override
    {
        _server.reset();
        _trackers.reset();
        _data.reset();
        _scratch.reset();
    }

    void start(std::map<std::string, std::string> extra = {})
    {
        const std::string fake = jji::test::fakesDir() + "/fake-ai-cli";
        std::map<std::string, std::string> env{
            {"AI_PROVIDER", "claude"}, {"AI_MODEL", "fake-model"}, {"JJI_AI_COMMAND_CLAUDE", fake},
            {"FAKE_AI_CALL_LOG", callLog()}, {"ADMIN_KEY", kAdminKey}, {"JJI_ALLOW_FILE_REPOS", "true"},
            {"GITHUB_API_URL", _trackers->url()}, {"GITHUB_TOKEN", "ghp_server_token"}, {"JJI_DATA_DIR", _data->path()},
        };
        for (const auto& [k, v] : extra)
            env[k] = v;
        _server.reset();
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
    }

    std::string callLog() const { return _scratch->file("calls.log"); }

    std::vector<Poco::JSON::Object::Ptr> calls() const { return jji::test::readJsonLines(callLog()); }

    Object::Ptr analyze(const std::string& failures, const std::string& extra = "")
    {
        HttpResponse r = _server->http().postJson("/analyze-failures", "{\"failures\":[" + failures + "]" + extra + "}", {}, 120);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.json();
    }

    HttpResponse send(const std::string& method, const std::string& path, const std::string& body,
                      const std::map<std::string, std::string>& headers = {})
    {
        std::map<std::string, std::string> h = headers;
        h["Content-Type"] = "application/json";
        return _server->http().request(method, path, body, h);
    }

    static Object::Ptr firstFailure(const Object::Ptr& result)
    {
        return result->getArray("failures")->getObject(0);
    }

    void promptCarriesHistoryAndWhatPeopleConcluded()
    {
        start();
        const std::string first = analyze(totalsFailures())->getValue<std::string>("job_id");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), calls().size());
        // The first prompt: nothing known, no history section.
        CPPUNIT_ASSERT(!contains(calls()[0]->getValue<std::string>("prompt"), "## History of this error"));

        HttpResponse r = send("PUT", "/results/" + first + "/override-classification",
                              R"({"test_name":"tests.orders.test_total_a","classification":"PRODUCT BUG"})", as("alice"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        r = send("POST", "/results/" + first + "/comments",
                 R"({"test_name":"tests.orders.test_total_b","comment":"Same as https://github.com/acme/app/issues/12, rounding in totals"})",
                 as("bob"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        r = send("POST", "/history/classify",
                 R"({"test_name":"tests.orders.test_total_a","classification":"KNOWN_BUG","reason":"tracked upstream","references":"PROJ-7","job_id":")" +
                     first + "\"}",
                 as("carol"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);

        // reuse_confirmed off: the override must not stand in for the AI, only inform it.
        analyze(totalsFailures(), R"(,"reuse_confirmed":false)");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), calls().size());
        const std::string prompt = calls()[1]->getValue<std::string>("prompt");
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "## History of this error"));
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "Lines marked [human]")); // the built-in instructions
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "[ai] This error was recorded 2 time(s) in 1 earlier analysis(es)"));
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "[ai] Classifications stored for it: PRODUCT BUG x2"));
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "[ai] The newest earlier analysis (tests.orders.test_total_"));
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "concluded PRODUCT BUG: \""));
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "[human] alice overrode the classification of tests.orders.test_total_a to PRODUCT BUG"));
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "[human] tests.orders.test_total_a is labelled KNOWN_BUG by carol"));
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "'tracked upstream'") || contains(prompt, "\"tracked upstream\""));
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "[human] Comment by bob on tests.orders.test_total_b"));
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "rounding in totals"));
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "[human] Linked in a comment: acme/app#12 (github_issue) is open."));
        // Bounded: a small budget cuts it, most useful facts first.
        start({{"JJI_HISTORY_PROMPT_CHARS", "300"}});
        analyze(totalsFailures(), R"(,"reuse_confirmed":false)");
        const std::string cut = calls().back()->getValue<std::string>("prompt");
        const std::string history = cut.substr(cut.find("[ai] This error"), cut.find("\n\n## Answer format") - cut.find("[ai] This error"));
        CPPUNIT_ASSERT_MESSAGE(history, history.size() <= 300);
        CPPUNIT_ASSERT_MESSAGE(history, contains(history, "[... more history left out]"));
        CPPUNIT_ASSERT_MESSAGE(history, contains(history, "[ai] This error was recorded 4 time(s)"));
        CPPUNIT_ASSERT_MESSAGE(history, !contains(history, "Comment by bob"));
    }

    void confirmedAnalysisIsReusedWithoutAnAiCall()
    {
        start();
        const std::string first = analyze(totalsFailures())->getValue<std::string>("job_id");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), calls().size());
        // Unconfirmed: the next build asks the AI again.
        Object::Ptr second = analyze(totalsFailures());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), calls().size());
        CPPUNIT_ASSERT(!firstFailure(second)->has("reused_from"));

        HttpResponse r = send("PUT", "/results/" + first + "/reviewed", R"({"test_name":"tests.orders.test_total_a","reviewed":true})",
                              as("alice"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        Object::Ptr third = analyze(totalsFailures());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), calls().size()); // no AI call
        Object::Ptr f = firstFailure(third);
        CPPUNIT_ASSERT_EQUAL(std::string("reused"), f->getValue<std::string>("classified_by"));
        Object::Ptr from = f->getObject("reused_from");
        CPPUNIT_ASSERT_EQUAL(first, from->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(std::string("tests.orders.test_total_a"), from->getValue<std::string>("test_name"));
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), from->getValue<std::string>("confirmed_by"));
        CPPUNIT_ASSERT(!from->getValue<std::string>("confirmed_at").empty());
        CPPUNIT_ASSERT(contains(f->getObject("analysis")->getValue<std::string>("details"), "reviewed by alice"));
        CPPUNIT_ASSERT_EQUAL(std::string("2 failure(s) analyzed (1 unique error types); 2 reused from confirmed analyses, 0 AI call(s)"),
                             third->getValue<std::string>("summary"));
        // The stored result keeps the origin (the report page shows it).
        Object::Ptr stored = _server->http().get("/results/" + third->getValue<std::string>("job_id")).json()->getObject("result");
        CPPUNIT_ASSERT_EQUAL(first, firstFailure(stored)->getObject("reused_from")->getValue<std::string>("job_id"));

        // An override is a confirmation too, and its classification is the one reused.
        r = send("PUT", "/results/" + first + "/override-classification",
                 R"({"test_name":"tests.orders.test_total_a","classification":"INFRASTRUCTURE"})", as("dave"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        f = firstFailure(analyze(totalsFailures()));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), calls().size());
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"), f->getObject("analysis")->getValue<std::string>("classification"));
        CPPUNIT_ASSERT_EQUAL(std::string("dave"), f->getObject("reused_from")->getValue<std::string>("confirmed_by"));

        // One request can turn it off; so can the server (JJI_REUSE_DAYS=0).
        f = firstFailure(analyze(totalsFailures(), R"(,"reuse_confirmed":false)"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), calls().size());
        CPPUNIT_ASSERT(!f->has("classified_by"));
        CPPUNIT_ASSERT_EQUAL(422, _server->http().postJson("/analyze-failures", "{\"failures\":[" + totalsFailures() +
                                                                                    R"(],"reuse_confirmed":"perhaps"})").status);
        start({{"JJI_REUSE_DAYS", "0"}});
        analyze(totalsFailures());
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), calls().size());
    }

    void defaultRuleClassifiesWithoutAnAiCall()
    {
        start();
        Object::Ptr result = analyze(
            failure("tests.cache.test_snapshot", "OSError: [Errno 28] No space left on device: '/var/cache/app/snap-3.bin'") + "," +
            failure("tests.api.test_fetch", "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='pkgs.internal', "
                                            "port=443): Max retries exceeded (Caused by NameResolutionError(\"Failed to resolve "
                                            "'pkgs.internal' ([Errno -3] Temporary failure in name resolution)\"))") + "," +
            totalsFailures());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), calls().size()); // only the totals bug went to the AI
        auto byTest = [&](const std::string& test) {
            auto list = result->getArray("failures");
            for (std::size_t i = 0; i < list->size(); ++i)
                if (list->getObject(static_cast<unsigned>(i))->getValue<std::string>("test_name") == test)
                    return list->getObject(static_cast<unsigned>(i));
            return Object::Ptr();
        };
        Object::Ptr disk = byTest("tests.cache.test_snapshot");
        CPPUNIT_ASSERT_EQUAL(std::string("rule:disk-full"), disk->getValue<std::string>("classified_by"));
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"), disk->getObject("analysis")->getValue<std::string>("classification"));
        CPPUNIT_ASSERT(contains(disk->getObject("analysis")->getValue<std::string>("details"), "disk-full"));
        CPPUNIT_ASSERT_EQUAL(std::string("rule:dns-resolution"), byTest("tests.api.test_fetch")->getValue<std::string>("classified_by"));
        CPPUNIT_ASSERT(!byTest("tests.orders.test_total_a")->has("classified_by"));
        CPPUNIT_ASSERT(contains(result->getValue<std::string>("summary"), "2 classified by rules, 1 AI call(s)"));

        // Hit counts: on the rule (admin API) and in /metrics.
        auto rules = send("GET", "/api/rules", "", admin()).json()->getArray("rules");
        long long hits = -1;
        for (std::size_t i = 0; i < rules->size(); ++i)
            if (rules->getObject(static_cast<unsigned>(i))->getValue<std::string>("name") == "disk-full")
                hits = rules->getObject(static_cast<unsigned>(i))->getValue<long long>("hit_count");
        CPPUNIT_ASSERT_EQUAL(1LL, hits);
        const std::string metrics = _server->http().get("/metrics").body;
        CPPUNIT_ASSERT_MESSAGE(metrics, contains(metrics, "jji_rule_hits_total{rule=\"disk-full\"} 1"));
    }

    void adminRuleApiAndItsErrors()
    {
        start();
        const std::string rule =
            R"J({"name":"flaky-payments","pattern":"PaymentGateway(Timeout|Unavailable)","field":"message",)J"
            R"J("classification":"INFRASTRUCTURE","explanation":"The payments sandbox is down","link":"https://status.example.com"})J";
        CPPUNIT_ASSERT_EQUAL(403, send("GET", "/api/rules", "", as("mallory")).status);
        CPPUNIT_ASSERT_EQUAL(403, send("POST", "/api/rules", rule, as("mallory")).status);
        CPPUNIT_ASSERT_EQUAL(403, send("POST", "/api/rules/dry-run", R"({"pattern":"x"})").status);

        HttpResponse r = send("POST", "/api/rules", rule, admin());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 201, r.status);
        const long long id = r.json()->getValue<long long>("id");
        CPPUNIT_ASSERT_EQUAL(std::string("admin"), r.json()->getValue<std::string>("created_by"));
        CPPUNIT_ASSERT_EQUAL(std::string("api"), r.json()->getValue<std::string>("origin"));
        CPPUNIT_ASSERT_EQUAL(409, send("POST", "/api/rules", rule, admin()).status);

        r = send("POST", "/api/rules", R"J({"name":"bad","pattern":"(unclosed","classification":"INFRASTRUCTURE"})J", admin());
        CPPUNIT_ASSERT_EQUAL(422, r.status);
        Object::Ptr detail = r.json()->getArray("detail")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("pattern"), detail->getArray("loc")->getElement<std::string>(1));
        CPPUNIT_ASSERT_MESSAGE(r.body, contains(detail->getValue<std::string>("msg"), "missing closing parenthesis"));
        r = send("POST", "/api/rules", R"({"name":"bad","pattern":"x","classification":"FLAKY"})", admin());
        CPPUNIT_ASSERT_EQUAL(422, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("classification"), r.json()->getArray("detail")->getObject(0)->getArray("loc")->getElement<std::string>(1));
        CPPUNIT_ASSERT_EQUAL(422, send("POST", "/api/rules", R"({"pattern":"x","classification":"INFRASTRUCTURE"})", admin()).status);
        CPPUNIT_ASSERT_EQUAL(422, send("POST", "/api/rules", R"({"name":"x","pattern":"x","classification":"CODE ISSUE","field":"title"})", admin()).status);
        CPPUNIT_ASSERT_EQUAL(422, send("POST", "/api/rules", R"J({"name":"x","pattern":"x","classification":"CODE ISSUE","link":"javascript:alert(1)"})J", admin()).status);

        // The rule classifies; disabled, it does not.
        Object::Ptr f = firstFailure(analyze(failure("tests.pay.test_refund", "PaymentGatewayTimeout: sandbox did not answer in 30 s")));
        CPPUNIT_ASSERT_EQUAL(std::string("rule:flaky-payments"), f->getValue<std::string>("classified_by"));
        CPPUNIT_ASSERT(contains(f->getObject("analysis")->getValue<std::string>("details"), "https://status.example.com"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), calls().size());

        r = send("PUT", "/api/rules/" + std::to_string(id), R"({"enabled":false})", admin());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT(!r.json()->getValue<bool>("enabled"));
        CPPUNIT_ASSERT_EQUAL(std::string("PaymentGateway(Timeout|Unavailable)"), r.json()->getValue<std::string>("pattern"));
        CPPUNIT_ASSERT_EQUAL(1LL, r.json()->getValue<long long>("hit_count"));
        analyze(failure("tests.pay.test_refund", "PaymentGatewayTimeout: sandbox did not answer in 30 s"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), calls().size());
        CPPUNIT_ASSERT_EQUAL(422, send("PUT", "/api/rules/" + std::to_string(id), R"({"pattern":"a{2,1}"})", admin()).status);
        CPPUNIT_ASSERT_EQUAL(404, send("PUT", "/api/rules/999999", R"({"enabled":true})", admin()).status);
        CPPUNIT_ASSERT_EQUAL(422, send("GET", "/api/rules/abc", "", admin()).status);
        CPPUNIT_ASSERT_EQUAL(200, send("GET", "/api/rules/" + std::to_string(id), "", admin()).status);

        // Dry run over the stored failures.
        r = send("POST", "/api/rules/dry-run", R"({"pattern":"PaymentGateway\\w+","last_failures":50})", admin());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(2LL, r.json()->getValue<long long>("scanned"));
        CPPUNIT_ASSERT_EQUAL(2LL, r.json()->getValue<long long>("matched"));
        CPPUNIT_ASSERT_EQUAL(std::string("tests.pay.test_refund"),
                             r.json()->getArray("matches")->getObject(0)->getValue<std::string>("test_name"));
        CPPUNIT_ASSERT_EQUAL(422, send("POST", "/api/rules/dry-run", R"({"pattern":"[z-a]"})", admin()).status);
        CPPUNIT_ASSERT_EQUAL(422, send("POST", "/api/rules/dry-run", R"({"pattern":"x","last_failures":0})", admin()).status);
        // Catastrophic backtracking gives up instead of hanging the request.
        analyze(failure("tests.pay.test_slow", std::string(40, 'a') + "!"));
        r = send("POST", "/api/rules/dry-run", R"J({"pattern":"^(a+)+$"})J", admin());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(1LL, r.json()->getValue<long long>("limit_hits"));

        CPPUNIT_ASSERT_EQUAL(200, send("DELETE", "/api/rules/" + std::to_string(id), "", admin()).status);
        CPPUNIT_ASSERT_EQUAL(404, send("DELETE", "/api/rules/" + std::to_string(id), "", admin()).status);
        // A deleted default stays deleted across restarts.
        auto rules = send("GET", "/api/rules", "", admin()).json()->getArray("rules");
        const long long defaults = static_cast<long long>(rules->size());
        CPPUNIT_ASSERT_EQUAL(7LL, defaults);
        const long long firstDefault = rules->getObject(0)->getValue<long long>("id");
        CPPUNIT_ASSERT_EQUAL(200, send("DELETE", "/api/rules/" + std::to_string(firstDefault), "", admin()).status);
        start();
        CPPUNIT_ASSERT_EQUAL(std::size_t(6), send("GET", "/api/rules", "", admin()).json()->getArray("rules")->size());
    }

    void rulesFileIsImportedAtStartUp()
    {
        const std::string file = _scratch->file("rules.yaml");
        std::ofstream(file) << "rules:\n"
                               "  - name: license-server\n"
                               "    pattern: 'FlexLM license checkout failed'\n"
                               "    classification: INFRASTRUCTURE\n"
                               "    explanation: The license server is down.\n";
        start({{"JJI_RULES_FILE", file}});
        Object::Ptr f = firstFailure(analyze(failure("tests.cad.test_mesh", "RuntimeError: FlexLM license checkout failed (-15)")));
        CPPUNIT_ASSERT_EQUAL(std::string("rule:license-server"), f->getValue<std::string>("classified_by"));
        auto rules = send("GET", "/api/rules", "", admin()).json()->getArray("rules");
        CPPUNIT_ASSERT_EQUAL(std::string("file"), rules->getObject(static_cast<unsigned>(rules->size() - 1))->getValue<std::string>("origin"));

        std::ofstream(file) << "rules:\n  - name: broken\n    pattern: '(oops'\n    classification: INFRASTRUCTURE\n";
        const int status = std::system(("JJI_RULES_FILE=" + file + " JJI_DATA_DIR=" + _scratch->file("other") + " " +
                                        jji::test::serverBinary() + " --port 0 >" + _scratch->file("out") + " 2>&1").c_str());
        CPPUNIT_ASSERT(status != 0);
        std::ifstream out(_scratch->file("out"));
        std::string text((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
        CPPUNIT_ASSERT_MESSAGE(text, contains(text, "JJI_RULES_FILE") && contains(text, "rule 1") && contains(text, "pattern"));
    }

    void testsRepoPromptFilesReachThePrompts()
    {
        const std::string repo = _scratch->file("repo");
        CPPUNIT_ASSERT_EQUAL(0, std::system(("git init -q -b main " + repo).c_str()));
        std::ofstream(repo + "/JOB_INSIGHT_PROMPT.md") << "Team rule TEAM-MARKER-42: payment tests run against the sandbox.\n";
        std::ofstream(repo + "/JOB_INSIGHT_FAILURE_HISTORY_ANALYSIS_PROMPT.md") << "HISTORY-MARKER: weigh the last week only.\n";
        std::ofstream(repo + "/JOB_INSIGHT_ISSUE_PROMPT.md") << "ISSUE-MARKER: always name the product version.\n";
        CPPUNIT_ASSERT_EQUAL(0, std::system(("cd " + repo + " && git add . && git -c user.name=t -c user.email=t@t.invalid "
                                             "commit -q -m prompts").c_str()));
        start();
        const std::string withRepo = R"(,"tests_repo_url":"file://)" + repo + "\"";
        const std::string first = analyze(totalsFailures(), withRepo)->getValue<std::string>("job_id");
        std::string prompt = calls().back()->getValue<std::string>("prompt");
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "TEAM-MARKER-42"));
        CPPUNIT_ASSERT(!contains(prompt, "ISSUE-MARKER"));

        // The history instructions come from the repository once there is history.
        analyze(totalsFailures(), withRepo);
        prompt = calls().back()->getValue<std::string>("prompt");
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "## History of this error\nHISTORY-MARKER: weigh the last week only."));
        CPPUNIT_ASSERT(!contains(prompt, "Lines marked [human]"));

        // A request's raw_prompt replaces the repository's prompt.
        analyze(totalsFailures(), withRepo + R"(,"raw_prompt":"REQUEST-MARKER")");
        prompt = calls().back()->getValue<std::string>("prompt");
        CPPUNIT_ASSERT(contains(prompt, "REQUEST-MARKER"));
        CPPUNIT_ASSERT(!contains(prompt, "TEAM-MARKER-42"));

        // The issue prompt, as the analysis read it; a request's issue_prompt wins.
        Object::Ptr issue = _server->http().get("/results/" + first + "/issue-prompt").json();
        CPPUNIT_ASSERT_EQUAL(std::string("ISSUE-MARKER: always name the product version."), issue->getValue<std::string>("prompt"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), _server->http().get("/results/no-such-job/issue-prompt").json()->getValue<std::string>("prompt"));
        // Issue previews written by the AI carry it.
        HttpResponse preview = _server->http().postJson("/results/" + first + "/preview-github-issue",
                                                        R"({"test_name":"tests.orders.test_total_a","github_repo_url":"https://github.com/acme/app"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(preview.body, 200, preview.status);
        prompt = calls().back()->getValue<std::string>("prompt");
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "## Issue draft"));
        CPPUNIT_ASSERT_MESSAGE(prompt, contains(prompt, "## Additional instructions from the team\nISSUE-MARKER"));
        const std::string own = analyze(totalsFailures(), withRepo + R"(,"issue_prompt":"OWN-ISSUE-MARKER")")->getValue<std::string>("job_id");
        CPPUNIT_ASSERT_EQUAL(std::string("OWN-ISSUE-MARKER"),
                             _server->http().get("/results/" + own + "/issue-prompt").json()->getValue<std::string>("prompt"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(KnownFailuresTest);
