// The alert channels against real local servers: a fake Slack webhook (an HTTP server) and
// an SMTP relay (Debian's aiosmtpd), and the sender's throttle and bounded queue.
#include "jji/analysis/notify/AlertSender.h"
#include "jji/test/CallbackReceiver.h"
#include "jji/test/FakeSmtp.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/ServerSocket.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <thread>

using jji::analysis::AlertSender;
using jji::test::CallbackReceiver;
using jji::test::FakeSmtp;

namespace {

const std::string kText = "\xE2\x9A\xA0\xEF\xB8\x8F JJI high 5xx error rate: 60% (6/10 requests in 300.0s window)";

bool waitFor(const std::function<bool()>& done, int seconds = 10)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

/// A quoted-printable body decoded (soft line breaks joined, =XX bytes restored).
std::string quotedPrintableDecoded(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '=') {
            out += text[i];
        } else if (text.compare(i + 1, 2, "\r\n") == 0) {
            i += 2;
        } else if (i + 2 < text.size()) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        }
    }
    return out;
}

jji::config::Settings emailSettings(int port)
{
    jji::config::Settings s;
    s.smtpHost = "127.0.0.1";
    s.smtpPort = port;
    s.alertEmailTo = "ops@example.com, oncall@example.com";
    return s;
}

} // namespace

class AlertsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AlertsTest);
    CPPUNIT_TEST(slackGetsTheTextAsJson);
    CPPUNIT_TEST(slackFailuresAreReportedNotThrown);
    CPPUNIT_TEST(emailThroughAPlainRelay);
    CPPUNIT_TEST(emailUsesStartTlsAndLoginOnPort587);
    CPPUNIT_TEST(oneAlertPerEventTypePerCooldown);
    CPPUNIT_TEST(aFullQueueDropsAndCounts);
    CPPUNIT_TEST(halfConfiguredAlertsAreWarnedAbout);
    CPPUNIT_TEST_SUITE_END();

public:
    void slackGetsTheTextAsJson()
    {
        CallbackReceiver slack;
        CPPUNIT_ASSERT(AlertSender::sendSlack(slack.url("/services/T000/B000/XXXX"), kText));
        CPPUNIT_ASSERT_EQUAL(std::string("POST /services/T000/B000/XXXX"), slack.lastPath());
        CPPUNIT_ASSERT_EQUAL(std::string("application/json"), slack.lastHeader("Content-Type"));
        auto body = Poco::JSON::Parser().parse(slack.lastBody()).extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), body->size());
        CPPUNIT_ASSERT_EQUAL(kText, body->getValue<std::string>("text"));
    }

    void slackFailuresAreReportedNotThrown()
    {
        CallbackReceiver failing(1);
        CPPUNIT_ASSERT(!AlertSender::sendSlack(failing.url("/hook"), "x")); // HTTP 500
        int closedPort = 0;
        {
            Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
            closedPort = probe.address().port();
        }
        CPPUNIT_ASSERT(!AlertSender::sendSlack("http://127.0.0.1:" + std::to_string(closedPort) + "/hook", "x"));
    }

    void emailThroughAPlainRelay()
    {
        FakeSmtp relay({});
        const auto email = AlertSender::Email::fromSettings(emailSettings(relay.port()));
        CPPUNIT_ASSERT_EQUAL(std::string("jji@127.0.0.1"), email.from); // neither SMTP_FROM nor SMTP_USER
        CPPUNIT_ASSERT(AlertSender::sendEmail(email, "high_error_rate", kText));
        const auto messages = relay.messages(1);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), messages.size());
        const auto& m = messages[0];
        CPPUNIT_ASSERT_EQUAL(std::string("jji@127.0.0.1"), m->getValue<std::string>("mail_from"));
        auto to = m->getArray("rcpt_tos");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), to->size());
        CPPUNIT_ASSERT_EQUAL(std::string("ops@example.com"), to->getElement<std::string>(0));
        CPPUNIT_ASSERT_EQUAL(std::string("oncall@example.com"), to->getElement<std::string>(1));
        CPPUNIT_ASSERT(!m->getValue<bool>("tls")); // STARTTLS only on 587, as the original
        const std::string data = m->getValue<std::string>("data");
        CPPUNIT_ASSERT_MESSAGE(data, data.find("Subject: [JJI Alert] high_error_rate\r\n") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(data, data.find("Content-Type: text/plain; charset=UTF-8") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(data, data.find("Content-Transfer-Encoding: quoted-printable") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(kText, quotedPrintableDecoded(data.substr(data.find("\r\n\r\n") + 4)).substr(0, kText.size()));

        jji::config::Settings named = emailSettings(relay.port());
        named.smtpUser = "alerts@example.com";
        CPPUNIT_ASSERT_EQUAL(std::string("alerts@example.com"), AlertSender::Email::fromSettings(named).from);
        named.smtpFrom = "JJI <jji@example.com>";
        CPPUNIT_ASSERT_EQUAL(std::string("JJI <jji@example.com>"), AlertSender::Email::fromSettings(named).from);
    }

    void emailUsesStartTlsAndLoginOnPort587()
    {
        std::unique_ptr<FakeSmtp> relay;
        try {
            relay = std::make_unique<FakeSmtp>(FakeSmtp::Options{587, true, "alerts", "relay-pass"});
        } catch (const std::exception& e) {
            std::cerr << "emailUsesStartTlsAndLoginOnPort587 skipped: no relay on port 587 (" << e.what() << ")" << std::endl;
            return;
        }
        jji::config::Settings s = emailSettings(587);
        s.smtpUser = "alerts";
        s.smtpPassword = "relay-pass";
        s.smtpSslVerify = false; // the relay's certificate is self-signed
        CPPUNIT_ASSERT(AlertSender::sendEmail(AlertSender::Email::fromSettings(s), "high_error_rate", kText));
        auto messages = relay->messages(1);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), messages.size());
        CPPUNIT_ASSERT(messages[0]->getValue<bool>("tls"));
        CPPUNIT_ASSERT_EQUAL(std::string("alerts"), messages[0]->getValue<std::string>("user"));

        s.smtpPassword = "wrong";
        CPPUNIT_ASSERT(!AlertSender::sendEmail(AlertSender::Email::fromSettings(s), "high_error_rate", kText));
        s.smtpPassword = "relay-pass";
        s.smtpSslVerify = true; // a certificate no CA signed is refused
        CPPUNIT_ASSERT(!AlertSender::sendEmail(AlertSender::Email::fromSettings(s), "high_error_rate", kText));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), relay->messages(2, 1).size());
    }

    void oneAlertPerEventTypePerCooldown()
    {
        CallbackReceiver slack;
        jji::config::Settings s;
        s.slackWebhookUrl = slack.url("/hook");
        s.alertCooldownSeconds = 1;
        AlertSender alerts(s);
        CPPUNIT_ASSERT(alerts.enabled());
        CPPUNIT_ASSERT(alerts.raise("high_error_rate", "first"));
        for (int i = 0; i < 50; ++i)
            CPPUNIT_ASSERT(!alerts.raise("high_error_rate", "again"));
        CPPUNIT_ASSERT(alerts.raise("other_event", "other"));
        CPPUNIT_ASSERT(waitFor([&] { return slack.calls() == 2; }));
        std::this_thread::sleep_for(std::chrono::milliseconds(1100));
        CPPUNIT_ASSERT(alerts.raise("high_error_rate", "next window"));
        CPPUNIT_ASSERT(waitFor([&] { return slack.calls() == 3; }));
        CPPUNIT_ASSERT(slack.lastBody().find("next window") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(0ULL, alerts.dropped());

        AlertSender unconfigured{jji::config::Settings()};
        CPPUNIT_ASSERT(!unconfigured.enabled());
        CPPUNIT_ASSERT(!unconfigured.raise("high_error_rate", "nowhere"));
    }

    void aFullQueueDropsAndCounts()
    {
        // A webhook that never answers: the first alert holds the sender, the rest wait.
        Poco::Net::ServerSocket blackHole(Poco::Net::SocketAddress("127.0.0.1", 0), 64);
        jji::config::Settings s;
        s.slackWebhookUrl = "http://127.0.0.1:" + std::to_string(blackHole.address().port()) + "/hook";
        AlertSender alerts(s);
        int queued = 0;
        const auto started = std::chrono::steady_clock::now();
        for (int i = 0; i < 20; ++i)
            queued += alerts.raise("event_" + std::to_string(i), "text") ? 1 : 0;
        CPPUNIT_ASSERT(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(500)); // never waits
        CPPUNIT_ASSERT_EQUAL(int(AlertSender::kMaxQueued), queued);
        CPPUNIT_ASSERT_EQUAL(20ULL - AlertSender::kMaxQueued, alerts.dropped());
        blackHole.close(); // resets the waiting connection: the sender ends at once
    }

    void halfConfiguredAlertsAreWarnedAbout()
    {
        jji::config::Settings s;
        CPPUNIT_ASSERT(AlertSender::configurationWarnings(s).empty());
        s.slackWebhookUrl = "http://hooks.example/x";
        s.smtpHost = "mail.example";
        auto warnings = AlertSender::configurationWarnings(s);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), warnings.size());
        CPPUNIT_ASSERT_EQUAL(std::string("SLACK_WEBHOOK_URL does not start with https://. Slack webhooks should use HTTPS."),
                             warnings[0]);
        CPPUNIT_ASSERT_EQUAL(std::string("SMTP_HOST is set but ALERT_EMAIL_TO is not. Email alerts will not be sent."),
                             warnings[1]);
        s = jji::config::Settings();
        s.alertEmailTo = "ops@example.com";
        warnings = AlertSender::configurationWarnings(s);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), warnings.size());
        CPPUNIT_ASSERT_EQUAL(std::string("ALERT_EMAIL_TO is set but SMTP_HOST is not. Email alerts will not be sent."),
                             warnings[0]);
        CPPUNIT_ASSERT(!AlertSender(s).enabled()); // no relay: no e-mail channel
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AlertsTest);
