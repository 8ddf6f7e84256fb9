// The server side of the web UI: pages, content negotiation with the JSON API, security
// headers, embedded assets. (What the pages do in a browser: tests/browser.)
#include "jji/test/ServerProcess.h"

#include <Poco/JSON/Array.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <regex>
#include <thread>

using jji::test::HttpResponse;
using jji::test::ServerProcess;

class WebUiTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(WebUiTest);
    CPPUNIT_TEST(pagesCarryStrictSecurityHeaders);
    CPPUNIT_TEST(browserWithoutUsernameIsSentToRegister);
    CPPUNIT_TEST(reportAndJsonShareTheirPath);
    CPPUNIT_TEST(inProgressReportsGoToTheStatusPage);
    CPPUNIT_TEST(pageParametersAreEscaped);
    CPPUNIT_TEST(assetsAreEmbeddedAndRevalidated);
    CPPUNIT_TEST(dashboardCountsClassifications);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<ServerProcess> _server;

public:
    void setUp() override
    {
        const std::string fake = jji::test::fakesDir() + "/fake-ai-cli";
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{
            {{"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"}, {"JJI_AI_COMMAND_CLAUDE", fake}}, {}});
    }

    void tearDown() override { _server.reset(); }

private:
    const jji::test::HttpClient& http() const { return _server->http(); }

    static constexpr const char* kBrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /// A browser of someone who has chosen a username.
    static std::map<std::string, std::string> browser()
    {
        return {{"Accept", kBrowserAccept}, {"Cookie", "jji_username=tester"}};
    }

    std::string analyze(const std::string& failures)
    {
        HttpResponse r = http().postJson("/analyze-failures", R"({"failures":)" + failures + "}", {}, 60);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.json()->getValue<std::string>("job_id");
    }

    static bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

    void pagesCarryStrictSecurityHeaders()
    {
        for (const char* path : {"/", "/history", "/login", "/profile", "/mentions", "/admin/users", "/admin/token-usage",
                                 "/status/abc", "/history/job/folder/app"}) {
            HttpResponse r = http().get(path, browser());
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, 200, r.status);
            CPPUNIT_ASSERT(contains(r.header("Content-Type"), "text/html"));
            const std::string csp = r.header("Content-Security-Policy");
            CPPUNIT_ASSERT_MESSAGE(csp, contains(csp, "default-src 'none'") && contains(csp, "script-src 'self'") &&
                                            contains(csp, "frame-ancestors 'none'"));
            CPPUNIT_ASSERT(!contains(csp, "unsafe-inline") && !contains(csp, "unsafe-eval"));
            CPPUNIT_ASSERT_EQUAL(std::string("nosniff"), r.header("X-Content-Type-Options"));
            CPPUNIT_ASSERT_EQUAL(std::string("DENY"), r.header("X-Frame-Options"));
            // No inline script or style: everything comes from /static.
            CPPUNIT_ASSERT(!contains(r.body, "<script>") && !contains(r.body, "<style") && !contains(r.body, "style="));
            CPPUNIT_ASSERT(!std::regex_search(r.body, std::regex(R"( on[a-z]+=)")));
            CPPUNIT_ASSERT(!contains(r.body, "http://") && !contains(r.body, "https://")); // no CDN
        }
    }

    void reportAndJsonShareTheirPath()
    {
        const std::string job = analyze(R"([{"test_name":"t.a","error_message":"AssertionError: x"}])");
        // API clients: JSON, with or without an Accept header.
        HttpResponse json = http().get("/results/" + job);
        CPPUNIT_ASSERT_EQUAL(200, json.status);
        CPPUNIT_ASSERT_EQUAL(job, json.json()->getValue<std::string>("job_id"));
        json = http().get("/results/" + job, {{"Accept", "application/json"}});
        CPPUNIT_ASSERT_EQUAL(job, json.json()->getValue<std::string>("job_id"));
        json = http().get("/results/" + job, {{"Accept", "application/json, text/html"}});
        CPPUNIT_ASSERT(contains(json.header("Content-Type"), "application/json"));
        CPPUNIT_ASSERT_EQUAL(std::string("Accept, Accept-Encoding"), json.header("Vary")); // JSON may be gzipped
        CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), json.header("Cache-Control"));
        CPPUNIT_ASSERT_EQUAL(std::string("Accept"), http().get("/results/" + job, browser()).header("Vary").substr(0, 6));
        // Browsers, and the .html link: the report page.
        for (const auto& [path, headers] : std::vector<std::pair<std::string, std::map<std::string, std::string>>>{
                 {"/results/" + job, browser()}, {"/results/" + job + ".html", {}}}) {
            HttpResponse page = http().get(path, headers);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, 200, page.status);
            CPPUNIT_ASSERT(contains(page.header("Content-Type"), "text/html"));
            CPPUNIT_ASSERT(contains(page.body, "data-page=\"report\""));
            CPPUNIT_ASSERT(contains(page.body, "data-job-id=\"" + job + "\""));
        }
        HttpResponse missing = http().get("/results/nope.html");
        CPPUNIT_ASSERT_EQUAL(404, missing.status);
        CPPUNIT_ASSERT(contains(missing.body, "data-page=\"not-found\""));
        CPPUNIT_ASSERT_EQUAL(404, http().get("/results/nope").status); // JSON 404 for API clients
        // The test history path likewise.
        CPPUNIT_ASSERT(contains(http().get("/history/test/t.a").header("Content-Type"), "application/json"));
        HttpResponse page = http().get("/history/test/t.a", browser());
        CPPUNIT_ASSERT(contains(page.body, "data-page=\"test-history\" data-test-name=\"t.a\""));
    }

    void inProgressReportsGoToTheStatusPage()
    {
        // A direct analysis runs inside its request: six slow groups keep it running ~2 s.
        std::string failures;
        for (int i = 0; i < 6; ++i)
            failures += std::string(failures.empty() ? "" : ",") + R"({"test_name":"t.slow)" + std::to_string(i) +
                        R"(","error_message":"FAKE_AI_SLOW case )" + std::to_string(i) + R"("})";
        std::thread request([&] { http().postJson("/analyze-failures", R"({"failures":[)" + failures + "]}", {}, 60); });
        std::string running;
        for (int i = 0; i < 100 && running.empty(); ++i) {
            Poco::JSON::Array::Ptr rows = http().get("/results").jsonArray();
            for (unsigned j = 0; j < rows->size(); ++j)
                if (rows->getObject(j)->getValue<std::string>("status") == "running")
                    running = rows->getObject(j)->getValue<std::string>("job_id");
            if (running.empty())
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        std::string location;
        int reportStatus = 0, apiStatus = 0;
        if (!running.empty()) {
            HttpResponse r = http().get("/results/" + running + ".html");
            reportStatus = r.status;
            location = r.header("Location");
            apiStatus = http().get("/results/" + running).status;
        }
        request.join();
        CPPUNIT_ASSERT_MESSAGE("no running job seen", !running.empty());
        CPPUNIT_ASSERT_EQUAL(302, reportStatus);
        CPPUNIT_ASSERT_EQUAL("/status/" + running, location);
        CPPUNIT_ASSERT_EQUAL(202, apiStatus); // the API still says 202
        CPPUNIT_ASSERT_EQUAL(200, http().get("/results/" + running + ".html").status); // done now
    }

    void browserWithoutUsernameIsSentToRegister()
    {
        const std::string job = analyze(R"([{"test_name":"t.a","error_message":"E"}])");
        for (const std::string& path : std::vector<std::string>{"/", "/history", "/mentions", "/results/" + job, "/status/abc"}) {
            HttpResponse r = http().get(path, {{"Accept", kBrowserAccept}});
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, 303, r.status);
            CPPUNIT_ASSERT_EQUAL(std::string("/register"), r.header("Location"));
        }
        // The page to choose a name and the admin sign-in open; scripts, assets and JSON are never sent away.
        for (const char* path : {"/register", "/login"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path, 200, http().get(path, {{"Accept", kBrowserAccept}}).status);
        CPPUNIT_ASSERT_EQUAL(200, http().get("/results/" + job).status);
        CPPUNIT_ASSERT_EQUAL(200, http().get("/static/app.js", {{"Accept", "*/*"}}).status);
        CPPUNIT_ASSERT_EQUAL(200, http().get("/api/capabilities", {{"Accept", kBrowserAccept}}).status);
        CPPUNIT_ASSERT(contains(http().get("/register", {{"Accept", kBrowserAccept}}).body, "profile"));
    }

    void pageParametersAreEscaped()
    {
        HttpResponse r = http().get("/history/test/a%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", browser());
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT_MESSAGE(r.body, contains(r.body, "data-test-name=\"a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
        CPPUNIT_ASSERT(!contains(r.body, "<script>alert"));
        r = http().get("/status/x'%20onload='1", browser());
        CPPUNIT_ASSERT(contains(r.body, "data-job-id=\"x&#39; onload=&#39;1\""));
    }

    void assetsAreEmbeddedAndRevalidated()
    {
        for (const auto& [file, type] : std::vector<std::pair<std::string, std::string>>{
                 {"app.js", "text/javascript"}, {"report.js", "text/javascript"}, {"app.css", "text/css"},
                 {"favicon.svg", "image/svg+xml"}}) {
            HttpResponse r = http().get("/static/" + file);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(file, 200, r.status);
            CPPUNIT_ASSERT(contains(r.header("Content-Type"), type));
            CPPUNIT_ASSERT(r.body.size() > 100);
            const std::string etag = r.header("ETag");
            CPPUNIT_ASSERT(etag.size() > 2 && etag.front() == '"');
            CPPUNIT_ASSERT_EQUAL(304, http().get("/static/" + file, {{"If-None-Match", etag}}).status);
        }
        CPPUNIT_ASSERT_EQUAL(200, http().get("/sw.js").status);
        HttpResponse icon = http().get("/favicon.ico", {{"Accept", kBrowserAccept}}); // no username needed
        CPPUNIT_ASSERT_EQUAL(200, icon.status);
        CPPUNIT_ASSERT(contains(icon.header("Content-Type"), "image/svg+xml"));
        CPPUNIT_ASSERT_EQUAL(std::string("public, max-age=86400"), icon.header("Cache-Control"));
        CPPUNIT_ASSERT_EQUAL(404, http().get("/static/nope.js").status);
        CPPUNIT_ASSERT_EQUAL(404, http().get("/static/../CMakeLists.txt").status);
        // The page names its assets with a version, so a new binary's UI is never mixed with a cached one.
        const std::string page = http().get("/", browser()).body;
        CPPUNIT_ASSERT(contains(page, "/static/app.js?v="));
    }

    void dashboardCountsClassifications()
    {
        analyze(R"([{"test_name":"t.a","error_message":"AssertionError: x"},{"test_name":"t.b","error_message":"Connection refused"},
                    {"test_name":"t.c","error_message":"AssertionError: y"}])");
        Poco::JSON::Array::Ptr rows = http().get("/api/dashboard").jsonArray();
        Poco::JSON::Object::Ptr counts = rows->getObject(0)->getObject("classification_counts");
        CPPUNIT_ASSERT_EQUAL(2, counts->getValue<int>("CODE ISSUE"));
        CPPUNIT_ASSERT_EQUAL(1, counts->getValue<int>("INFRASTRUCTURE"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WebUiTest);
