// POST /analyze-failures end to end: the real jji-server, the fake AI CLI executable
// standing in for claude/gemini/cursor, and the stored result read back over HTTP.
#include "jji/analysis/model/JsonText.h"
#include "jji/test/JsonLines.h"
#include "jji/test/ServerProcess.h"

#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

using jji::test::ServerProcess;
using jji::test::TempDir;

namespace {

std::string failure(const std::string& name, const std::string& message, const std::string& trace = "")
{
    return R"({"test_name":)" + jji::analysis::toJsonText(name) + R"(,"error_message":)" + jji::analysis::toJsonText(message) +
           R"(,"stack_trace":)" + jji::analysis::toJsonText(trace) + "}";
}

int countOccurrences(const std::string& text, const std::string& needle)
{
    int n = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size()))
        ++n;
    return n;
}

/// Alive and not a zombie (an orphan's zombie lingers until some init reaps it).
bool processAlive(int pid)
{
    if (::kill(pid, 0) != 0)
        return false;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string pidField, comm, state;
    stat >> pidField >> comm >> state;
    return state != "Z";
}

} // namespace

class AnalyzeFailuresTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AnalyzeFailuresTest);
    CPPUNIT_TEST(failuresAreGroupedOneAiCallPerSignature);
    CPPUNIT_TEST(resultIsStoredAndReadable);
    CPPUNIT_TEST(volatilePartsDoNotSplitGroups);
    CPPUNIT_TEST(everyRunnersXmlParsesAndIsEnriched);
    CPPUNIT_TEST(reportWithoutFailuresIsReturnedUnchanged);
    CPPUNIT_TEST(reportUrlWhenPublicBaseUrlSet);
    CPPUNIT_TEST(geminiAndCursorEnvelopesAreRead);
    CPPUNIT_TEST(customProviderCommand);
    CPPUNIT_TEST(proseAroundJsonIsParsed);
    CPPUNIT_TEST(unparseableAnswerIsRetriedOnce);
    CPPUNIT_TEST(persistentGarbageIsKeptAsDetails);
    CPPUNIT_TEST(cliErrorIsReportedFromStderr);
    CPPUNIT_TEST(hangingCliIsKilledWithItsChildren);
    CPPUNIT_TEST(bothOrNeitherInputIs422);
    CPPUNIT_TEST(oversizeRawXmlIs422);
    CPPUNIT_TEST(malformedXmlIs400WithPosition);
    CPPUNIT_TEST(entityBombIsHarmlessAndFast);
    CPPUNIT_TEST(missingProviderOrModelIs400);
    CPPUNIT_TEST(unknownProviderIs422);
    CPPUNIT_TEST(nestedValidationErrorsHaveLocations);
    CPPUNIT_TEST(secretsNeverComeBack);
    CPPUNIT_TEST(aiCallsRunInParallelUnderTheLimit);
    CPPUNIT_TEST(runningJobAnswers202);
    CPPUNIT_TEST(jobInterruptedByAKillIsFailedAfterRestart);
    CPPUNIT_TEST(nullPeerProviderIs422);
    CPPUNIT_TEST(codeFixCarriesWholeFilesAndSurvivesAnOverride);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<TempDir> _scratch;
    std::unique_ptr<ServerProcess> _server;

    std::map<std::string, std::string> fakeAiEnv(std::map<std::string, std::string> extra = {}) const
    {
        const std::string fake = jji::test::fakesDir() + "/fake-ai-cli";
        std::map<std::string, std::string> env{
            {"AI_PROVIDER", "claude"},           {"AI_MODEL", "fake-model"},
            {"JJI_AI_COMMAND_CLAUDE", fake},      {"JJI_AI_COMMAND_GEMINI", fake},
            {"JJI_AI_COMMAND_CURSOR", fake},      {"JJI_AI_COMMAND_MYTOOL", fake},
            {"JJI_FETCH_ALLOW_HOSTS", "x"}, // the made-up repository host of secretsNeverComeBack
            {"FAKE_AI_CALL_LOG", callLog()},      {"FAKE_AI_PID_FILE", _scratch->file("pids")},
        };
        for (const auto& [k, v] : extra)
            env[k] = v;
        return env;
    }

    std::string callLog() const { return _scratch->file("calls.log"); }

    std::vector<Poco::JSON::Object::Ptr> calls() const { return jji::test::readJsonLines(callLog()); }

    void start(std::map<std::string, std::string> extra = {})
    {
        _server.reset();
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{fakeAiEnv(std::move(extra)), {}});
    }

    jji::test::HttpResponse analyze(const std::string& body) const
    {
        return _server->http().postJson("/analyze-failures", body, {}, 120);
    }

    /// The newest job's id once one is listed (polls up to 4 s), or "".
    std::string newestJobId() const
    {
        for (int i = 0; i < 200; ++i) {
            auto list = _server->http().get("/results").jsonArray();
            if (list->size() > 0)
                return list->getObject(0)->getValue<std::string>("job_id");
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return "";
    }

    static std::string xmlBody(const std::string& xml, const std::string& extra = "")
    {
        return R"({"raw_xml":)" + jji::analysis::toJsonText(xml) + extra + "}";
    }

    static std::string condensed(const Poco::Dynamic::Var& json)
    {
        std::ostringstream out;
        Poco::JSON::Stringifier::condense(json, out);
        return out.str();
    }

public:
    void setUp() override
    {
        _scratch = std::make_unique<TempDir>();
        start();
    }

    void tearDown() override
    {
        _server.reset();
        _scratch.reset();
    }

    void failuresAreGroupedOneAiCallPerSignature()
    {
        // 5 failures in 2 families: the same assertion in 3 tests, the same outage in 2.
        std::string body = "{\"failures\":[" +
                           failure("t.a", "AssertionError: expected 200 got 500", "File t.py, line 10") + "," +
                           failure("t.b", "AssertionError: expected 200 got 500", "File t.py, line 10") + "," +
                           failure("t.c", "Connection refused", "socket.py") + "," +
                           failure("t.d", "AssertionError: expected 200 got 500", "File t.py, line 10") + "," +
                           failure("t.e", "Connection refused", "socket.py") + "]}";
        auto r = analyze(body);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        auto result = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), result->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("5 failure(s) analyzed (2 unique error types)"), result->getValue<std::string>("summary"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), calls().size());
        auto failures = result->getArray("failures");
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), failures->size());
        auto a = failures->getObject(0), c = failures->getObject(2), d = failures->getObject(3);
        CPPUNIT_ASSERT_EQUAL(std::string("t.a"), a->getValue<std::string>("test_name"));
        CPPUNIT_ASSERT_EQUAL(std::string("AssertionError: expected 200 got 500"), a->getValue<std::string>("error"));
        CPPUNIT_ASSERT_EQUAL(std::string("CODE ISSUE"), a->getObject("analysis")->getValue<std::string>("classification"));
        CPPUNIT_ASSERT_EQUAL(std::string("tests/test_example.py"),
                             a->getObject("analysis")->getObject("code_fix")->getValue<std::string>("file"));
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"), c->getObject("analysis")->getValue<std::string>("classification"));
        CPPUNIT_ASSERT_EQUAL(a->getValue<std::string>("error_signature"), d->getValue<std::string>("error_signature"));
        CPPUNIT_ASSERT(a->getValue<std::string>("error_signature") != c->getValue<std::string>("error_signature"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), a->getValue<std::string>("error_signature").size());
        auto affected = a->getObject("analysis")->getArray("affected_tests");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), affected->size());
        CPPUNIT_ASSERT_EQUAL(std::string("t.d"), affected->getElement<std::string>(2));
        // claude's envelope reported usage for both calls
        // The original's TokenUsageSummary: totals and one entry per call.
        auto usage = result->getObject("token_usage");
        CPPUNIT_ASSERT_EQUAL(2400, usage->getValue<int>("total_input_tokens"));
        CPPUNIT_ASSERT_EQUAL(600, usage->getValue<int>("total_output_tokens"));
        CPPUNIT_ASSERT_EQUAL(3000, usage->getValue<int>("total_tokens"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(0.025, usage->getValue<double>("total_cost_usd"), 1e-9);
        CPPUNIT_ASSERT_EQUAL(2, usage->getValue<int>("total_calls"));
        for (const char* field : {"total_cache_read_tokens", "total_cache_write_tokens", "total_duration_ms"})
            CPPUNIT_ASSERT_MESSAGE(field, usage->has(field));
        auto perCall = usage->getArray("calls");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), perCall->size());
        auto call = perCall->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), call->getValue<std::string>("provider"));
        CPPUNIT_ASSERT_EQUAL(std::string("fake-model"), call->getValue<std::string>("model"));
        CPPUNIT_ASSERT_EQUAL(std::string("analysis"), call->getValue<std::string>("call_type"));
        CPPUNIT_ASSERT_EQUAL(call->getValue<int>("input_tokens") + call->getValue<int>("output_tokens"), call->getValue<int>("total_tokens"));
        for (const char* field : {"cache_read_tokens", "cache_write_tokens", "cost_usd", "duration_ms"})
            CPPUNIT_ASSERT_MESSAGE(field, call->has(field));
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), result->getValue<std::string>("ai_provider"));
        CPPUNIT_ASSERT_EQUAL(std::string("fake-model"), result->getValue<std::string>("ai_model"));
        CPPUNIT_ASSERT_EQUAL(std::string("/results/") + result->getValue<std::string>("job_id"),
                             result->getValue<std::string>("result_url"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), result->getValue<std::string>("base_url"));
        // the CLI ran in a per-job workspace under the data dir, removed afterwards
        std::string cwd = calls()[0]->getValue<std::string>("cwd");
        CPPUNIT_ASSERT_MESSAGE(cwd, cwd.find("/workspaces/" + result->getValue<std::string>("job_id")) != std::string::npos);
        CPPUNIT_ASSERT(!Poco::File(cwd).exists());
        // the CLI inherited nothing but stdin/stdout/stderr (no listening socket, no sibling pipes)
        for (const auto& call : calls())
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), call->getArray("inherited_fds")->size());
    }

    /// code_fix carries the file before and after the fix when the AI gives them (null when
    /// not), is stored and served, and an override of the classification leaves it as it was.
    void codeFixCarriesWholeFilesAndSurvivesAnOverride()
    {
        auto r = analyze("{\"failures\":[" + failure("t.a", "AssertionError: expected 200 got 500", "File t.py, line 10") + "," +
                         failure("t.b", "AssertionError: expected FAKE_AI_PLAIN_FIX", "File u.py, line 3") + "]}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        const std::string id = r.json()->getValue<std::string>("job_id");
        // The prompt asks for them.
        const std::string prompt = calls().at(0)->getValue<std::string>("prompt");
        CPPUNIT_ASSERT_MESSAGE(prompt, prompt.find("\"original_code\":") != std::string::npos &&
                                           prompt.find("\"suggested_code\":") != std::string::npos &&
                                           prompt.find("\"tests_repo_search_keywords\":") != std::string::npos);

        auto stored = [&]() {
            auto failures = _server->http().get("/results/" + id, {{"Accept", "application/json"}}).json()->getObject("result")->getArray("failures");
            std::map<std::string, Poco::JSON::Object::Ptr> byTest;
            for (unsigned i = 0; i < failures->size(); ++i)
                byTest[failures->getObject(i)->getValue<std::string>("test_name")] = failures->getObject(i)->getObject("analysis");
            return byTest;
        };
        // Served in the original's field order.
        const std::string served = _server->http().get("/results/" + id, {{"Accept", "application/json"}}).body;
        CPPUNIT_ASSERT_MESSAGE(served, served.find(R"("code_fix":{"file":"tests/test_example.py","line":"42","change":"Fix the expected value.",)"
                                                   R"("original_code":"def test_example():\n    assert status() == 200\n",)"
                                                   R"("suggested_code":"def test_example():\n    assert status() == 500\n",)"
                                                   R"("tests_repo_search_keywords":[],"tests_repo_matches":[]})") != std::string::npos);
        auto analyses = stored();
        const std::string fix = condensed(analyses["t.a"]->getObject("code_fix"));
        Poco::JSON::Object::Ptr plain = analyses["t.b"]->getObject("code_fix");
        CPPUNIT_ASSERT(plain->has("original_code") && plain->isNull("original_code"));
        CPPUNIT_ASSERT(plain->has("suggested_code") && plain->isNull("suggested_code"));
        CPPUNIT_ASSERT_EQUAL(std::string("false"), condensed(analyses["t.a"]->get("product_bug_report")));

        // An override to PRODUCT BUG (or INFRASTRUCTURE) changes the classification only, as before.
        for (const char* to : {"PRODUCT BUG", "INFRASTRUCTURE"}) {
            auto o = _server->http().request("PUT", "/results/" + id + "/override-classification",
                                             std::string(R"({"test_name":"t.a","classification":")") + to + R"("})",
                                             {{"Content-Type", "application/json"}, {"Cookie", "jji_username=alice"}});
            CPPUNIT_ASSERT_EQUAL_MESSAGE(o.body, 200, o.status);
            analyses = stored();
            CPPUNIT_ASSERT_EQUAL(std::string(to), analyses["t.a"]->getValue<std::string>("classification"));
            CPPUNIT_ASSERT_EQUAL(fix, condensed(analyses["t.a"]->getObject("code_fix")));
        }
    }

    void resultIsStoredAndReadable()
    {
        auto posted = analyze("{\"failures\":[" + failure("t.x", "Boom in checkout") + "],\"raw_prompt\":\"Be brief.\"}").json();
        std::string id = posted->getValue<std::string>("job_id");
        auto r = _server->http().get("/results/" + id, {{"Accept", "application/json"}});
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        auto envelope = r.json();
        CPPUNIT_ASSERT_EQUAL(id, envelope->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), envelope->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), envelope->getValue<std::string>("jenkins_url"));
        CPPUNIT_ASSERT(!envelope->getValue<std::string>("created_at").empty());
        CPPUNIT_ASSERT(!envelope->get("completed_at").isEmpty());
        CPPUNIT_ASSERT(!envelope->get("analysis_started_at").isEmpty());
        CPPUNIT_ASSERT(envelope->getObject("capabilities")->has("github_issues_enabled"));
        CPPUNIT_ASSERT_EQUAL(std::string("/results/") + id, envelope->getValue<std::string>("result_url"));
        auto result = envelope->getObject("result");
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"),
                             result->getArray("failures")->getObject(0)->getObject("analysis")->getValue<std::string>("classification"));
        auto params = result->getObject("request_params");
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), params->getValue<std::string>("ai_provider"));
        CPPUNIT_ASSERT_EQUAL(std::string("Be brief."), params->getValue<std::string>("raw_prompt"));
        for (const char* key : {"ai_model", "peer_ai_configs", "additional_repos", "tests_repo_url", "ai_cli_timeout"})
            CPPUNIT_ASSERT_MESSAGE(key, params->has(key)); // the server's values where the request gave none
        CPPUNIT_ASSERT(!params->has("jenkins_url")); // no Jenkins behind a direct analysis
        CPPUNIT_ASSERT_EQUAL(std::string("saving"), result->getValue<std::string>("progress_phase"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), result->getArray("progress_log")->size());

        CPPUNIT_ASSERT_EQUAL(404, _server->http().get("/results/no-such-job").status);
        auto list = _server->http().get("/results?limit=10").jsonArray();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), list->size());
        CPPUNIT_ASSERT_EQUAL(id, list->getObject(0)->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(422, _server->http().get("/results?limit=101").status);
        auto dashboard = _server->http().get("/api/dashboard").jsonArray();
        CPPUNIT_ASSERT_EQUAL(1, dashboard->getObject(0)->getValue<int>("failure_count"));
        // As the original's rows: what a direct analysis does not have is left out, not sent empty.
        for (const char* absent : {"child_job_count", "build_number", "error"})
            CPPUNIT_ASSERT_MESSAGE(absent, !dashboard->getObject(0)->has(absent));
        CPPUNIT_ASSERT_EQUAL(0, dashboard->getObject(0)->getValue<int>("reviewed_count"));
        CPPUNIT_ASSERT_EQUAL(std::string("1 failure(s) analyzed (1 unique error types)"),
                             dashboard->getObject(0)->getValue<std::string>("summary"));
        auto configs = _server->http().get("/ai-configs").jsonArray();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), configs->size());
        CPPUNIT_ASSERT_EQUAL(std::string("fake-model"), configs->getObject(0)->getValue<std::string>("ai_model"));
        // the prompt carried raw_prompt
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), calls().size());
    }

    void volatilePartsDoNotSplitGroups()
    {
        std::string body = "{\"failures\":[" +
                           failure("t.1", "ConnectionError: cannot reach 10.0.0.5:8443 after 30.5s",
                                   "at /tmp/pytest-of-ci/pytest-17/test_a0/conf.py:12") + "," +
                           failure("t.2", "ConnectionError: cannot reach 10.0.0.9:39211 after 12s",
                                   "at /tmp/pytest-of-ci/pytest-99/test_b3/conf.py:12") + "," +
                           failure("t.3", "Request 3f2b8c1e-9a4d-4e2b-8f1a-0c9d8e7f6a5b failed at 2026-11-25T10:00:01Z") + "," +
                           failure("t.4", "Request 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d failed at 2026-11-24T08:12:55Z") + "]}";
        auto result = analyze(body).json();
        CPPUNIT_ASSERT_EQUAL(std::string("4 failure(s) analyzed (2 unique error types)"), result->getValue<std::string>("summary"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), calls().size());
    }

    void everyRunnersXmlParsesAndIsEnriched()
    {
        const std::vector<std::pair<std::string, int>> samples{
            {"pytest.xml", 4}, {"surefire.xml", 3}, {"failsafe.xml", 2}, {"gtest.xml", 3}, {"ctest.xml", 2},
            {"node.xml", 3},   {"jest.xml", 5},     {"go-junit-report.xml", 3}, {"bom.xml", 2}, {"nested.xml", 2}};
        for (const auto& [file, failing] : samples) {
            std::string xml = jji::test::readFile(jji::test::dataDir() + "/junit/" + file);
            auto r = analyze(xmlBody(xml));
            CPPUNIT_ASSERT_EQUAL_MESSAGE(file + ": " + r.body.substr(0, 300), 200, r.status);
            auto result = r.json();
            CPPUNIT_ASSERT_EQUAL_MESSAGE(file, std::size_t(failing), result->getArray("failures")->size());
            std::string enriched = result->getValue<std::string>("enriched_xml");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(file, failing, countOccurrences(enriched, "name=\"ai_classification\""));
            CPPUNIT_ASSERT_EQUAL_MESSAGE(file, failing, countOccurrences(enriched, "name=\"ai_error_signature\""));
            CPPUNIT_ASSERT_MESSAGE(file, enriched.find("Job Insight AI analysis") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(file, enriched.find("report_url") == std::string::npos);
            auto stored = _server->http().get("/results/" + result->getValue<std::string>("job_id")).json();
            CPPUNIT_ASSERT_EQUAL_MESSAGE(file, enriched, stored->getObject("result")->getValue<std::string>("enriched_xml"));
            for (unsigned i = 0; i < result->getArray("failures")->size(); ++i) {
                auto f = result->getArray("failures")->getObject(i);
                CPPUNIT_ASSERT_MESSAGE(file, !f->getValue<std::string>("test_name").empty());
                CPPUNIT_ASSERT_MESSAGE(file + " " + f->getValue<std::string>("test_name"),
                                       !f->getValue<std::string>("error").empty());
            }
        }
        // classname + "." + name
        auto pytest = analyze(xmlBody(jji::test::readFile(jji::test::dataDir() + "/junit/pytest.xml"))).json();
        CPPUNIT_ASSERT_EQUAL(std::string("tests.test_inventory.TestInventory.test_restock_totals"),
                             pytest->getArray("failures")->getObject(0)->getValue<std::string>("test_name"));
    }

    void reportWithoutFailuresIsReturnedUnchanged()
    {
        std::string xml = jji::test::readFile(jji::test::dataDir() + "/junit/no-failures.xml");
        auto r = analyze(xmlBody(xml));
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        auto result = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), result->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(xml, result->getValue<std::string>("enriched_xml"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), result->getArray("failures")->size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), calls().size());
    }

    void reportUrlWhenPublicBaseUrlSet()
    {
        start({{"PUBLIC_BASE_URL", "https://jji.example.com/"}});
        std::string xml = jji::test::readFile(jji::test::dataDir() + "/junit/surefire.xml");
        auto result = analyze(xmlBody(xml)).json();
        std::string id = result->getValue<std::string>("job_id");
        std::string enriched = result->getValue<std::string>("enriched_xml");
        CPPUNIT_ASSERT(enriched.find("name=\"report_url\" value=\"https://jji.example.com/results/" + id + ".html\"") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("https://jji.example.com"), result->getValue<std::string>("base_url"));
        CPPUNIT_ASSERT_EQUAL("https://jji.example.com/results/" + id, result->getValue<std::string>("result_url"));
    }

    void geminiAndCursorEnvelopesAreRead()
    {
        for (const std::string provider : {"gemini", "cursor"}) {
            auto r = analyze("{\"ai_provider\":\"" + provider + "\",\"ai_model\":\"m-" + provider + "\",\"failures\":[" +
                             failure("t.g", "AssertionError: wrong total") + "]}");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
            auto result = r.json();
            CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, std::string("CODE ISSUE"),
                                         result->getArray("failures")->getObject(0)->getObject("analysis")->getValue<std::string>("classification"));
            auto usage = result->getObject("token_usage");
            CPPUNIT_ASSERT_EQUAL(provider == "gemini" ? 1000 : 800, usage->getValue<int>("total_input_tokens"));
            CPPUNIT_ASSERT_EQUAL(provider == "gemini" ? 200 : 150, usage->getValue<int>("total_output_tokens"));
            CPPUNIT_ASSERT_EQUAL(provider, usage->getArray("calls")->getObject(0)->getValue<std::string>("provider"));
        }
        auto all = calls();
        CPPUNIT_ASSERT_EQUAL(std::string("gemini"), all[0]->getValue<std::string>("provider"));
        CPPUNIT_ASSERT_EQUAL(std::string("cursor"), all[1]->getValue<std::string>("provider"));
        CPPUNIT_ASSERT_EQUAL(std::string("m-cursor"), all[1]->getValue<std::string>("model"));
    }

    void customProviderCommand()
    {
        auto r = analyze("{\"ai_provider\":\"mytool\",\"failures\":[" + failure("t.m", "Boom") + "]}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("PRODUCT BUG"),
                             r.json()->getArray("failures")->getObject(0)->getObject("analysis")->getValue<std::string>("classification"));
        // A CLI that says nothing of its usage still made a call, of unknown cost.
        auto usage = r.json()->getObject("token_usage");
        CPPUNIT_ASSERT_EQUAL(1, usage->getValue<int>("total_calls"));
        CPPUNIT_ASSERT_EQUAL(0, usage->getValue<int>("total_tokens"));
        CPPUNIT_ASSERT(usage->isNull("total_cost_usd"));
        CPPUNIT_ASSERT(usage->getArray("calls")->getObject(0)->isNull("cost_usd"));
    }

    void proseAroundJsonIsParsed()
    {
        auto result = analyze("{\"raw_prompt\":\"FAKE_AI_PROSE\",\"failures\":[" + failure("t.p", "Connection refused") + "]}").json();
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"),
                             result->getArray("failures")->getObject(0)->getObject("analysis")->getValue<std::string>("classification"));
    }

    void unparseableAnswerIsRetriedOnce()
    {
        auto result = analyze("{\"raw_prompt\":\"FAKE_AI_GARBAGE_ONCE\",\"failures\":[" + failure("t.r", "Connection refused") + "]}").json();
        CPPUNIT_ASSERT_EQUAL(std::string("INFRASTRUCTURE"),
                             result->getArray("failures")->getObject(0)->getObject("analysis")->getValue<std::string>("classification"));
        auto all = calls();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), all.size());
        CPPUNIT_ASSERT(all[1]->getValue<bool>("retry"));
    }

    void persistentGarbageIsKeptAsDetails()
    {
        auto result = analyze("{\"raw_prompt\":\"FAKE_AI_GARBAGE\",\"failures\":[" + failure("t.q", "Boom") + "]}").json();
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), result->getValue<std::string>("status"));
        auto analysis = result->getArray("failures")->getObject(0)->getObject("analysis");
        CPPUNIT_ASSERT_EQUAL(std::string(""), analysis->getValue<std::string>("classification"));
        CPPUNIT_ASSERT(analysis->getValue<std::string>("details").find("not able to produce structured output") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), calls().size());
    }

    void cliErrorIsReportedFromStderr()
    {
        auto r = analyze("{\"raw_prompt\":\"FAKE_AI_EXIT1\",\"failures\":[" + failure("t.e", "Boom") + "]}");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        auto result = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), result->getValue<std::string>("status"));
        CPPUNIT_ASSERT_MESSAGE(r.body, result->getValue<std::string>("error").find("quota exceeded") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(r.body, result->getValue<std::string>("error").find("code 1") != std::string::npos);
        auto stored = _server->http().get("/results/" + result->getValue<std::string>("job_id")).json();
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), stored->getValue<std::string>("status"));
    }

    void hangingCliIsKilledWithItsChildren()
    {
        start({{"JJI_AI_CLI_TIMEOUT_SECONDS", "2"}});
        auto began = std::chrono::steady_clock::now();
        auto r = analyze("{\"raw_prompt\":\"FAKE_AI_HANG\",\"failures\":[" + failure("t.h", "Boom") + "]}");
        auto took = std::chrono::steady_clock::now() - began;
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        auto result = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), result->getValue<std::string>("status"));
        CPPUNIT_ASSERT_MESSAGE(r.body, result->getValue<std::string>("error").find("timed out") != std::string::npos);
        CPPUNIT_ASSERT(took < std::chrono::seconds(20));
        std::istringstream pids(jji::test::readFile(_scratch->file("pids")));
        int cli = 0, child = 0;
        pids >> cli >> child;
        CPPUNIT_ASSERT(cli > 0 && child > 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        CPPUNIT_ASSERT_MESSAGE("the CLI survived the timeout", !processAlive(cli));
        CPPUNIT_ASSERT_MESSAGE("the CLI's child was orphaned", !processAlive(child));
    }

    void bothOrNeitherInputIs422()
    {
        auto both = analyze("{\"failures\":[" + failure("t", "x") + "],\"raw_xml\":\"<testsuite/>\"}");
        CPPUNIT_ASSERT_EQUAL(422, both.status);
        CPPUNIT_ASSERT(both.body.find("not both") != std::string::npos);
        auto neither = analyze("{\"ai_model\":\"x\"}");
        CPPUNIT_ASSERT_EQUAL(422, neither.status);
        CPPUNIT_ASSERT_EQUAL(std::string("value_error"),
                             neither.json()->getArray("detail")->getObject(0)->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), _server->http().get("/results").jsonArray()->size());
    }

    void oversizeRawXmlIs422()
    {
        std::string xml = "<testsuite>" + std::string(50000001 - 23, ' ') + "</testsuite>";
        CPPUNIT_ASSERT_EQUAL(std::size_t(50000001), xml.size());
        auto r = analyze(xmlBody(xml));
        CPPUNIT_ASSERT_EQUAL(422, r.status);
        auto item = r.json()->getArray("detail")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("string_too_long"), item->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("raw_xml"), item->getArray("loc")->getElement<std::string>(1));
        CPPUNIT_ASSERT(r.body.size() < 10000);
        std::string justFits = "<testsuite>" + std::string(50000000 - 23, ' ') + "</testsuite>";
        CPPUNIT_ASSERT_EQUAL(200, analyze(xmlBody(justFits)).status);
    }

    void malformedXmlIs400WithPosition()
    {
        auto r = analyze(xmlBody("<testsuite>\n  <testcase name=\"a\">\n</testsuite>"));
        CPPUNIT_ASSERT_EQUAL(400, r.status);
        std::string detail = r.json()->getValue<std::string>("detail");
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find("Invalid XML") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(detail, detail.find("line 3") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(400, analyze(xmlBody("<html><body/></html>")).status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), _server->http().get("/results").jsonArray()->size());
    }

    void entityBombIsHarmlessAndFast()
    {
        std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
        bomb += " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
        for (int i = 2; i <= 9; ++i) {
            std::string prev = "&lol" + std::to_string(i - 1) + ";";
            std::string ten;
            for (int k = 0; k < 10; ++k)
                ten += prev;
            bomb += " <!ENTITY lol" + std::to_string(i) + " \"" + ten + "\">\n";
        }
        bomb += "]>\n<testsuite><testcase classname=\"c\" name=\"n\"><failure message=\"&lol9;\">&lol9;</failure></testcase></testsuite>";
        auto began = std::chrono::steady_clock::now();
        auto r = analyze(xmlBody(bomb));
        auto took = std::chrono::steady_clock::now() - began;
        CPPUNIT_ASSERT_MESSAGE(r.body, r.status == 200 || r.status == 400);
        CPPUNIT_ASSERT(r.body.size() < 100000); // nothing was expanded
        CPPUNIT_ASSERT(took < std::chrono::seconds(10));
        CPPUNIT_ASSERT_EQUAL(200, _server->http().get("/health").status);
    }

    void missingProviderOrModelIs400()
    {
        start({{"AI_PROVIDER", ""}, {"AI_MODEL", ""}});
        auto noProvider = analyze("{\"failures\":[" + failure("t", "x") + "]}");
        CPPUNIT_ASSERT_EQUAL(400, noProvider.status);
        CPPUNIT_ASSERT(noProvider.json()->getValue<std::string>("detail").find("provider") != std::string::npos);
        auto noModel = analyze("{\"ai_provider\":\"claude\",\"failures\":[" + failure("t", "x") + "]}");
        CPPUNIT_ASSERT_EQUAL(400, noModel.status);
        CPPUNIT_ASSERT(noModel.json()->getValue<std::string>("detail").find("model") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), calls().size());
    }

    void unknownProviderIs422()
    {
        auto r = analyze("{\"ai_provider\":\"copilot\",\"failures\":[" + failure("t", "x") + "]}");
        CPPUNIT_ASSERT_EQUAL(422, r.status);
        auto item = r.json()->getArray("detail")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("literal_error"), item->getValue<std::string>("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("ai_provider"), item->getArray("loc")->getElement<std::string>(1));
    }

    void nestedValidationErrorsHaveLocations()
    {
        auto r = analyze(R"({"failures":[{"test_name":"ok"},{"error_message":"no name"},{"test_name":"t","duration":"slow"}],
                            "additional_repos":[{"name":"../evil","url":"https://x"}],"peer_analysis_max_rounds":11})");
        CPPUNIT_ASSERT_EQUAL(422, r.status);
        std::string body = r.body;
        CPPUNIT_ASSERT_MESSAGE(body, body.find(R"(["body","failures",1,"test_name"])") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(body, body.find(R"(["body","failures",2,"duration"])") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(body, body.find(R"(["body","additional_repos",0,"name"])") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(body, body.find(R"(["body","peer_analysis_max_rounds"])") != std::string::npos);
    }

    void secretsNeverComeBack()
    {
        auto r = analyze(R"({"failures":[{"test_name":"t","error_message":"Boom"}],
                            "github_token":"ghp_SECRET1","jira_api_token":"JIRA_SECRET2","jira_pat":"PAT_SECRET3",
                            "jira_email":"secret4@example.com",
                            "additional_repos":[{"name":"prod","url":"https://x/prod.git","token":"REPO_SECRET5"}]})");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        std::string id = r.json()->getValue<std::string>("job_id");
        auto stored = _server->http().get("/results/" + id);
        auto dashboard = _server->http().get("/api/dashboard");
        for (const char* secret : {"ghp_SECRET1", "JIRA_SECRET2", "PAT_SECRET3", "secret4@example.com", "REPO_SECRET5"}) {
            CPPUNIT_ASSERT_MESSAGE(secret, r.body.find(secret) == std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(secret, stored.body.find(secret) == std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(secret, dashboard.body.find(secret) == std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(secret, _server->log().find(secret) == std::string::npos);
        }
        auto repos = stored.json()->getObject("result")->getObject("request_params")->getArray("additional_repos");
        CPPUNIT_ASSERT_EQUAL(std::string("prod"), repos->getObject(0)->getValue<std::string>("name"));
    }

    void aiCallsRunInParallelUnderTheLimit()
    {
        start({{"MAX_CONCURRENT_AI_CALLS", "2"}, {"FAKE_AI_SPAN_LOG", _scratch->file("spans.log")}});
        std::string body = "{\"raw_prompt\":\"FAKE_AI_SLOW\",\"failures\":[" + failure("t.1", "Error one") + "," +
                           failure("t.2", "Other problem") + "," + failure("t.3", "Third kind") + "," +
                           failure("t.4", "Fourth kind") + "]}";
        auto result = analyze(body).json();
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), calls().size());
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), result->getValue<std::string>("status"));
        // How many one-second calls overlapped, from their own start/end times (not the
        // request's duration, which a loaded machine stretches): the limit, never more.
        std::vector<std::pair<double, int>> edges;
        std::ifstream spans(_scratch->file("spans.log"));
        double from = 0, to = 0;
        while (spans >> from >> to) {
            edges.push_back({from, +1});
            edges.push_back({to, -1});
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(8), edges.size());
        std::sort(edges.begin(), edges.end()); // an end before a start at the same instant
        int running = 0, most = 0;
        for (const auto& edge : edges)
            most = std::max(most, running += edge.second);
        CPPUNIT_ASSERT_EQUAL(2, most);
    }

    void jobInterruptedByAKillIsFailedAfterRestart()
    {
        TempDir data;
        start({{"JJI_DATA_DIR", data.path()}});
        auto pending = std::async(std::launch::async, [this] {
            try {
                return analyze("{\"raw_prompt\":\"FAKE_AI_HANG\",\"failures\":[" + failure("t.k", "Boom") + "]}").status;
            } catch (const std::exception&) {
                return -1; // the server died under the request, as intended
            }
        });
        std::string id = newestJobId();
        CPPUNIT_ASSERT(!id.empty());
        for (int i = 0; i < 250 && !Poco::File(_scratch->file("pids")).exists(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20)); // the AI call is under way
        std::this_thread::sleep_for(std::chrono::milliseconds(100)); // the pid file is written whole
        std::istringstream pids(jji::test::readFile(_scratch->file("pids")));
        int cli = 0, child = 0;
        pids >> cli >> child;
        CPPUNIT_ASSERT(cli > 0 && child > 0);
        ::kill(_server->pid(), SIGKILL);
        pending.get();
        // The CLI dies with the daemon (PR_SET_PDEATHSIG) ...
        for (int i = 0; i < 100 && processAlive(cli); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        CPPUNIT_ASSERT_MESSAGE("the AI CLI outlived the killed daemon", !processAlive(cli));
        // ... and what it spawned goes at the next start, found by the daemon's tag.
        start({{"JJI_DATA_DIR", data.path()}});
        for (int i = 0; i < 100 && processAlive(child); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const bool childLeft = processAlive(child);
        if (childLeft)
            ::kill(child, SIGKILL);
        CPPUNIT_ASSERT_MESSAGE("the AI CLI's child outlived the restart", !childLeft);
        CPPUNIT_ASSERT(_server->log().find("killed 1 process(es) a previous run of this daemon left behind") != std::string::npos);
        auto r = _server->http().get("/results/" + id);
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("failed"), r.json()->getValue<std::string>("status"));
        CPPUNIT_ASSERT(r.json()->getObject("result")->getValue<std::string>("error").find("interrupted") != std::string::npos);
    }

    void nullPeerProviderIs422()
    {
        auto r = analyze(R"({"failures":[{"test_name":"t"}],"peer_ai_configs":[{"ai_provider":null,"ai_model":"x"},{"ai_model":5}]})");
        CPPUNIT_ASSERT_EQUAL(422, r.status);
        auto detail = r.json()->getArray("detail");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, std::size_t(3), detail->size()); // null provider, missing provider, non-string model
    }

    void runningJobAnswers202()
    {
        auto pending = std::async(std::launch::async, [this] {
            return analyze("{\"raw_prompt\":\"FAKE_AI_SLOW\",\"failures\":[" + failure("t.s", "Slow one") + "]}");
        });
        std::string id = newestJobId();
        CPPUNIT_ASSERT(!id.empty());
        auto during = _server->http().get("/results/" + id);
        CPPUNIT_ASSERT_EQUAL(202, during.status);
        CPPUNIT_ASSERT_EQUAL(std::string("running"), during.json()->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("analyzing"), during.json()->getObject("result")->getValue<std::string>("progress_phase"));
        CPPUNIT_ASSERT(during.json()->get("completed_at").isEmpty());
        CPPUNIT_ASSERT_EQUAL(200, pending.get().status);
        CPPUNIT_ASSERT_EQUAL(200, _server->http().get("/results/" + id).status);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AnalyzeFailuresTest);
