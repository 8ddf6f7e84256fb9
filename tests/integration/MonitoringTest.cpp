// The original service's monitoring on the real server: GET /api/health, its metric names
// on /metrics, the high-error-rate alert to Slack and e-mail, and the debug body log.
#include "jji/storage/Database.h"
#include "jji/test/CallbackReceiver.h"
#include "jji/test/FakeSmtp.h"
#include "jji/test/ServerProcess.h"
#include "jji/test/TempDir.h"

#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/ServerSocket.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <functional>
#include <thread>

using jji::test::CallbackReceiver;
using jji::test::FakeSmtp;
using jji::test::ServerProcess;
using jji::test::TempDir;
using Poco::Data::Keywords::now;

namespace {

ServerProcess::Options withEnv(std::map<std::string, std::string> env)
{
    return {std::move(env), {}};
}

bool waitFor(const std::function<bool()>& done, int seconds = 10)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    return true;
}

/// A sample of one Prometheus series, or -1 when absent.
double sample(const std::string& metrics, const std::string& series)
{
    const auto at = metrics.find("\n" + series + " ");
    if (at == std::string::npos)
        return -1;
    return std::stod(metrics.substr(at + series.size() + 2));
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

int closedPort()
{
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    return probe.address().port();
}

std::string statusOf(const Poco::JSON::Object::Ptr& health, const std::string& check)
{
    return health->getObject("checks")->getObject(check)->getValue<std::string>("status");
}

std::string detailOf(const Poco::JSON::Object::Ptr& health, const std::string& check)
{
    return health->getObject("checks")->getObject(check)->optValue<std::string>("detail", "");
}

} // namespace

class MonitoringTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(MonitoringTest);
    CPPUNIT_TEST(apiHealthWithEveryDependencyUp);
    CPPUNIT_TEST(apiHealthDegradedWithoutSecretsInDetails);
    CPPUNIT_TEST(apiHealthUnhealthyWhenTheDatabaseFolderIsGone);
    CPPUNIT_TEST(healthChecksEndAfterSixSeconds);
    CPPUNIT_TEST(originalMetricNamesBesideTodays);
    CPPUNIT_TEST(debugLevelLogsMaskedBodies);
    CPPUNIT_TEST(highErrorRateAlertsSlackAndEmailOncePerWindow);
    CPPUNIT_TEST_SUITE_END();

public:
    void apiHealthWithEveryDependencyUp()
    {
        CallbackReceiver jenkins, reportPortal;
        ServerProcess server(withEnv({{"JENKINS_URL", jenkins.url("/ci")}, {"JENKINS_USER", "bot"}, {"JENKINS_PASSWORD", "jenkins-pass"},
                               {"REPORTPORTAL_URL", reportPortal.url("")}, {"REPORTPORTAL_API_TOKEN", "rp-token"},
                               {"REPORTPORTAL_PROJECT", "proj"}, {"AI_PROVIDER", "claude"}, {"AI_MODEL", "opus"}}));
        auto r = server.http().get("/api/health");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        auto health = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("healthy"), health->getValue<std::string>("status"));
        CPPUNIT_ASSERT(health->getValue<double>("uptime_seconds") >= 0.0);
        CPPUNIT_ASSERT(!health->getValue<std::string>("version").empty());
        for (const char* check : {"database", "jenkins", "ai_provider", "reportportal"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(check, std::string("ok"), statusOf(health, check));
        auto ai = health->getObject("checks")->getObject("ai_provider");
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), ai->getValue<std::string>("provider"));
        CPPUNIT_ASSERT_EQUAL(std::string("opus"), ai->getValue<std::string>("model"));
        CPPUNIT_ASSERT(!health->getObject("checks")->getObject("database")->has("detail"));
        // Through the project's clients: Jenkins' own URL with its credentials, Report Portal's user with the token.
        CPPUNIT_ASSERT_EQUAL(std::string("GET /ci/"), jenkins.lastPath());
        CPPUNIT_ASSERT(jenkins.lastHeader("Authorization").rfind("Basic ", 0) == 0);
        CPPUNIT_ASSERT_EQUAL(std::string("GET /api/v1/user"), reportPortal.lastPath());
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer rp-token"), reportPortal.lastHeader("Authorization"));

        auto rates = health->getObject("error_rates");
        auto shortWindow = rates->getObject("last_5m");
        auto longWindow = rates->getObject("last_1h");
        CPPUNIT_ASSERT_EQUAL(300.0, shortWindow->getValue<double>("window_seconds"));
        CPPUNIT_ASSERT_EQUAL(3600.0, longWindow->getValue<double>("window_seconds"));
        for (const auto& window : {shortWindow, longWindow}) {
            CPPUNIT_ASSERT_EQUAL(0, window->getValue<int>("total_requests"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), window->getObject("error_counts")->size());
            CPPUNIT_ASSERT_EQUAL(0, window->getValue<int>("total_errors"));
            CPPUNIT_ASSERT_EQUAL(0.0, window->getValue<double>("error_rate"));
        }
        // The field order of the original's response.
        CPPUNIT_ASSERT(r.body.find("{\"status\":") == 0);
        CPPUNIT_ASSERT(r.body.find("\"uptime_seconds\"") < r.body.find("\"version\""));
        CPPUNIT_ASSERT(r.body.find("\"checks\"") < r.body.find("\"error_rates\""));

        // Errors show in both windows (the health and metrics paths are not counted).
        server.http().get("/no-such-page");
        CPPUNIT_ASSERT(waitFor([&] {
            auto h = server.http().get("/api/health").json();
            return h->getObject("error_rates")->getObject("last_1h")->getValue<int>("total_requests") == 1;
        }));
        health = server.http().get("/api/health").json();
        auto counts = health->getObject("error_rates")->getObject("last_5m");
        CPPUNIT_ASSERT_EQUAL(1, counts->getObject("error_counts")->getValue<int>("4xx"));
        CPPUNIT_ASSERT(!counts->getObject("error_counts")->has("5xx"));
        CPPUNIT_ASSERT_EQUAL(1.0, counts->getValue<double>("error_rate"));
    }

    void apiHealthDegradedWithoutSecretsInDetails()
    {
        CallbackReceiver brokenPortal(1000); // answers 500
        const std::string jenkinsUrl = "http://ci-user:url-secret@127.0.0.1:" + std::to_string(closedPort());
        ServerProcess server(withEnv({{"JENKINS_URL", jenkinsUrl}, {"JENKINS_USER", "bot"}, {"JENKINS_PASSWORD", "jenkins-secret"},
                               {"REPORTPORTAL_URL", brokenPortal.url("")}, {"REPORTPORTAL_API_TOKEN", "rp-secret"},
                               {"REPORTPORTAL_PROJECT", "proj"}}));
        auto r = server.http().get("/api/health");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status); // degraded is still served
        auto health = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("degraded"), health->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), statusOf(health, "database"));
        CPPUNIT_ASSERT_EQUAL(std::string("error"), statusOf(health, "jenkins"));
        CPPUNIT_ASSERT_MESSAGE(r.body, contains(detailOf(health, "jenkins"), "127.0.0.1"));
        CPPUNIT_ASSERT_EQUAL(std::string("degraded"), statusOf(health, "reportportal"));
        CPPUNIT_ASSERT_EQUAL(std::string("HTTP 500"), detailOf(health, "reportportal"));
        CPPUNIT_ASSERT_EQUAL(std::string("not_configured"), statusOf(health, "ai_provider"));
        CPPUNIT_ASSERT_EQUAL(std::string("Missing: AI_PROVIDER, AI_MODEL"), detailOf(health, "ai_provider"));
        for (const char* secret : {"url-secret", "jenkins-secret", "rp-secret"})
            CPPUNIT_ASSERT_MESSAGE(secret, !contains(r.body, secret));

        // Nothing configured: not_configured lowers nothing.
        ServerProcess bare(withEnv({{"AI_PROVIDER", "claude"}}));
        health = bare.http().get("/api/health").json();
        CPPUNIT_ASSERT_EQUAL(std::string("healthy"), health->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("not_configured"), statusOf(health, "jenkins"));
        CPPUNIT_ASSERT(!health->getObject("checks")->getObject("jenkins")->has("detail"));
        CPPUNIT_ASSERT_EQUAL(std::string("not_configured"), statusOf(health, "reportportal"));
        CPPUNIT_ASSERT_EQUAL(std::string("Missing: AI_MODEL"), detailOf(health, "ai_provider"));
    }

    void apiHealthUnhealthyWhenTheDatabaseFolderIsGone()
    {
        TempDir dbDir;
        const std::string folder = dbDir.file("db");
        ServerProcess server(withEnv({{"DB_PATH", folder + "/jji.db"}}));
        CPPUNIT_ASSERT(contains(server.http().get("/metrics").body, "\njji_health_up 1\n"));
        Poco::File(folder).renameTo(dbDir.file("moved"));

        auto r = server.http().get("/api/health");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 503, r.status);
        auto health = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("unhealthy"), health->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(std::string("error"), statusOf(health, "database"));
        CPPUNIT_ASSERT_EQUAL("Directory does not exist: " + folder, detailOf(health, "database"));
        // The scrape reuses the report just made; /health stays as fast and as it was.
        CPPUNIT_ASSERT(contains(server.http().get("/metrics").body, "\njji_health_up 0\n"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":"healthy"})"), server.http().get("/health").body);

        Poco::File(dbDir.file("moved")).renameTo(folder);
        CPPUNIT_ASSERT_EQUAL(200, server.http().get("/api/health").status);
    }

    void healthChecksEndAfterSixSeconds()
    {
        TempDir dbDir;
        const std::string path = dbDir.file("jji.db");
        ServerProcess server(withEnv({{"DB_PATH", path}, {"AI_PROVIDER", "claude"}, {"AI_MODEL", "opus"}}));
        CPPUNIT_ASSERT_EQUAL(200, server.http().get("/api/health").status);
        auto db = jji::storage::Database::open(path);
        Poco::Data::Session holder = db.session();
        holder << "BEGIN IMMEDIATE", now; // the daemon's write check now waits for this lock

        const auto started = std::chrono::steady_clock::now();
        auto r = server.http().get("/api/health");
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        holder << "ROLLBACK", now;
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 503, r.status);
        CPPUNIT_ASSERT_MESSAGE(std::to_string(seconds), seconds > 5.5 && seconds < 9.0);
        auto health = r.json();
        CPPUNIT_ASSERT_EQUAL(std::string("error"), statusOf(health, "database"));
        CPPUNIT_ASSERT_EQUAL(std::string("health check timed out"), detailOf(health, "database"));
        CPPUNIT_ASSERT_EQUAL(std::string("ok"), statusOf(health, "ai_provider")); // the other checks still answer
        CPPUNIT_ASSERT_EQUAL(std::string("not_configured"), statusOf(health, "jenkins"));
        // The lock is gone: the waiting check ends and the next report is healthy again.
        CPPUNIT_ASSERT(waitFor([&] { return server.http().get("/api/health").status == 200; }, 15));
    }

    void originalMetricNamesBesideTodays()
    {
        ServerProcess server;
        for (int i = 0; i < 3; ++i)
            CPPUNIT_ASSERT_EQUAL(404, server.http().get("/results/no-such-job").status);
        CPPUNIT_ASSERT_EQUAL(200, server.http().get("/api/capabilities").status);
        for (const char* untracked : {"/health", "/api/health", "/metrics", "/favicon.ico"})
            server.http().get(untracked);
        std::string metrics;
        CPPUNIT_ASSERT(waitFor([&] {
            metrics = server.http().get("/metrics").body;
            return sample(metrics, "jji_requests_total") == 4;
        }));
        CPPUNIT_ASSERT_MESSAGE(metrics, contains(metrics, "# HELP jji_requests_total Total requests in the rolling window.\n"
                                                          "# TYPE jji_requests_total gauge\njji_requests_total 4\n"));
        CPPUNIT_ASSERT(contains(metrics, "# HELP jji_errors_total Total errors in the rolling window.\n"
                                         "# TYPE jji_errors_total gauge\njji_errors_total 3\n"));
        CPPUNIT_ASSERT(contains(metrics, "# HELP jji_error_rate Error rate in the rolling window (0-1).\n"
                                         "# TYPE jji_error_rate gauge\njji_error_rate 0.75\n"));
        CPPUNIT_ASSERT(contains(metrics, "# HELP jji_errors_by_class Errors by HTTP status class in the rolling window.\n"
                                         "# TYPE jji_errors_by_class gauge\n"
                                         "jji_errors_by_class{status_class=\"4xx\"} 3\n"));
        CPPUNIT_ASSERT(!contains(metrics, "status_class=\"5xx\""));
        CPPUNIT_ASSERT(contains(metrics, "# HELP jji_health_up Whether the application is healthy (1) or unhealthy (0).\n"
                                         "# TYPE jji_health_up gauge\njji_health_up 1\n"));
        CPPUNIT_ASSERT(contains(metrics, "# HELP jji_active_analyses Number of currently active analyses.\n"
                                         "# TYPE jji_active_analyses gauge\njji_active_analyses 0\n"));
        // Today's metrics stay, and no name is declared twice.
        CPPUNIT_ASSERT(sample(metrics, R"(jji_http_requests_total{method="GET",route="/health",status="200"})") >= 1);
        CPPUNIT_ASSERT(contains(metrics, "# TYPE jji_queue_depth gauge\n"));
        for (const char* name : {"jji_requests_total", "jji_http_requests_total", "jji_health_up"}) {
            const std::string type = std::string("# TYPE ") + name + " ";
            CPPUNIT_ASSERT_MESSAGE(name, metrics.find(type) == metrics.rfind(type));
        }
    }

    void debugLevelLogsMaskedBodies()
    {
        const std::string body = R"({"job_name":"job","build_number":1,"jenkins_password":"pw-123",)"
                                 R"("additional_repos":[{"name":"r","url":"https://g/r","token":"tok-456"}],"note":"a\u001bb"})";
        ServerProcess debug(withEnv({{"LOG_LEVEL", "DEBUG"}}));
        debug.http().postJson("/analyze", body);
        const std::string log = debug.waitForLog("Incoming POST /analyze body: ");
        CPPUNIT_ASSERT_MESSAGE(log, contains(log, R"(Incoming POST /analyze body: {"job_name": "job", "build_number": 1, )"
                                                  R"("jenkins_password": "***", "additional_repos": [{"name": "r", )"
                                                  R"("url": "https://g/r", "token": "***"}], "note": "a\\u001bb"})"));
        CPPUNIT_ASSERT(!contains(log, "pw-123"));
        CPPUNIT_ASSERT(!contains(log, "tok-456"));
        CPPUNIT_ASSERT(!contains(log, "\x1b"));

        ServerProcess info;
        info.http().postJson("/analyze", body);
        const std::string quiet = info.waitForLog("POST /analyze ");
        CPPUNIT_ASSERT(!contains(quiet, "Incoming POST"));
        CPPUNIT_ASSERT(!contains(quiet, "pw-123"));
    }

    void highErrorRateAlertsSlackAndEmailOncePerWindow()
    {
        CallbackReceiver slack;
        FakeSmtp relay({});
        constexpr int kCooldown = 4;
        ServerProcess server(withEnv({{"SLACK_WEBHOOK_URL", slack.url("/services/T0/B0/hooksecret")},
                               {"SMTP_HOST", "127.0.0.1"}, {"SMTP_PORT", std::to_string(relay.port())},
                               {"ALERT_EMAIL_TO", "ops@example.com"}, {"SMTP_PASSWORD", "smtp-secret"},
                               {"JJI_ALERT_COOLDOWN_SECONDS", std::to_string(kCooldown)},
                               // Unusable Web Push keys: the public-key endpoint answers 503.
                               {"VAPID_PUBLIC_KEY", "bad"}, {"VAPID_PRIVATE_KEY", "bad"}, {"VAPID_CLAIM_EMAIL", "mailto:a@b"}}));
        auto burst = [&](int n) {
            for (int i = 0; i < n; ++i)
                CPPUNIT_ASSERT_EQUAL(503, server.http().get("/api/notifications/vapid-public-key").status);
        };
        burst(9);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        CPPUNIT_ASSERT_EQUAL(0, slack.calls()); // fewer than 10 requests: no alert yet
        burst(11);
        const auto firstWindow = std::chrono::steady_clock::now();
        CPPUNIT_ASSERT(waitFor([&] { return slack.calls() >= 1; }));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), relay.messages(1).size());

        const std::string text = Poco::JSON::Parser().parse(slack.lastBody()).extract<Poco::JSON::Object::Ptr>()
                                     ->getValue<std::string>("text");
        CPPUNIT_ASSERT_MESSAGE(text, text.rfind("\xE2\x9A\xA0\xEF\xB8\x8F JJI high 5xx error rate: 100% (", 0) == 0);
        CPPUNIT_ASSERT_MESSAGE(text, text.size() > 27 && text.substr(text.size() - 27) == " requests in 300.0s window)");
        const auto mail = relay.messages(1)[0];
        CPPUNIT_ASSERT(contains(mail->getValue<std::string>("data"), "Subject: [JJI Alert] high_error_rate\r\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("jji@127.0.0.1"), mail->getValue<std::string>("mail_from"));

        // More errors within the window: still one message each.
        burst(5);
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        CPPUNIT_ASSERT_EQUAL(1, slack.calls());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), relay.messages(2, 0).size());

        // The next window: one more of each.
        std::this_thread::sleep_until(firstWindow + std::chrono::seconds(kCooldown) + std::chrono::milliseconds(300));
        burst(1);
        CPPUNIT_ASSERT(waitFor([&] { return slack.calls() == 2; }));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), relay.messages(2).size());
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        CPPUNIT_ASSERT_EQUAL(2, slack.calls());

        const std::string metrics = server.http().get("/metrics").body;
        CPPUNIT_ASSERT_EQUAL(2.0, sample(metrics, R"(jji_alerts_total{channel="slack",outcome="sent"})"));
        CPPUNIT_ASSERT_EQUAL(2.0, sample(metrics, R"(jji_alerts_total{channel="email",outcome="sent"})"));
        CPPUNIT_ASSERT(sample(metrics, R"(jji_errors_by_class{status_class="5xx"})") >= 26);
        const std::string log = server.log();
        CPPUNIT_ASSERT(contains(log, "[startup] SLACK_WEBHOOK_URL does not start with https://."));
        CPPUNIT_ASSERT(!contains(log, "hooksecret"));
        CPPUNIT_ASSERT(!contains(log, "smtp-secret"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MonitoringTest);
