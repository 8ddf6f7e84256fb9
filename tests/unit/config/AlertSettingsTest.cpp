#include "jji/config/SettingsLoader.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::config::Settings;
using jji::config::SettingsError;
using jji::config::SettingsLoader;

/// The alert settings of the original service (SLACK_WEBHOOK_URL, SMTP_*, ALERT_EMAIL_TO).
class AlertSettingsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AlertSettingsTest);
    CPPUNIT_TEST(defaultsMatchTheOriginal);
    CPPUNIT_TEST(readFromTheEnvironment);
    CPPUNIT_TEST(invalidValuesAreRefusedWithoutEchoingTheWebhook);
    CPPUNIT_TEST(secretsAreMaskedInPrintConfig);
    CPPUNIT_TEST_SUITE_END();

    static Settings load(SettingsLoader::NameValues env)
    {
        env.emplace("HOME", "/home/tester");
        return SettingsLoader::load({"", env, {}});
    }

    static std::string errorOf(SettingsLoader::NameValues env)
    {
        try {
            load(std::move(env));
        } catch (const SettingsError& e) {
            return e.what();
        }
        return "";
    }

public:
    void defaultsMatchTheOriginal()
    {
        const Settings s = load({});
        CPPUNIT_ASSERT_EQUAL(std::string(""), s.slackWebhookUrl);
        CPPUNIT_ASSERT_EQUAL(std::string(""), s.smtpHost);
        CPPUNIT_ASSERT_EQUAL(587, s.smtpPort);
        CPPUNIT_ASSERT_EQUAL(std::string(""), s.alertEmailTo);
        CPPUNIT_ASSERT(s.smtpSslVerify);
        CPPUNIT_ASSERT_EQUAL(300, s.alertCooldownSeconds);
    }

    void readFromTheEnvironment()
    {
        const Settings s = load({{"SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T/B/x"},
                                 {"SMTP_HOST", "mail.example"}, {"SMTP_PORT", "2525"}, {"SMTP_USER", "jji"},
                                 {"SMTP_PASSWORD", "pw"}, {"SMTP_FROM", "jji@example.com"},
                                 {"ALERT_EMAIL_TO", "a@example.com, b@example.com"}, {"SMTP_SSL_VERIFY", "false"},
                                 {"JJI_ALERT_COOLDOWN_SECONDS", "60"}});
        CPPUNIT_ASSERT_EQUAL(std::string("https://hooks.slack.example/services/T/B/x"), s.slackWebhookUrl);
        CPPUNIT_ASSERT_EQUAL(std::string("mail.example"), s.smtpHost);
        CPPUNIT_ASSERT_EQUAL(2525, s.smtpPort);
        CPPUNIT_ASSERT_EQUAL(std::string("jji"), s.smtpUser);
        CPPUNIT_ASSERT_EQUAL(std::string("pw"), s.smtpPassword);
        CPPUNIT_ASSERT_EQUAL(std::string("jji@example.com"), s.smtpFrom);
        CPPUNIT_ASSERT_EQUAL(std::string("a@example.com, b@example.com"), s.alertEmailTo);
        CPPUNIT_ASSERT(!s.smtpSslVerify);
        CPPUNIT_ASSERT_EQUAL(60, s.alertCooldownSeconds);
    }

    void invalidValuesAreRefusedWithoutEchoingTheWebhook()
    {
        const std::string slack = errorOf({{"SLACK_WEBHOOK_URL", "hooks.slack.example/services/SECRETPART"}});
        CPPUNIT_ASSERT(slack.find("SLACK_WEBHOOK_URL") != std::string::npos);
        CPPUNIT_ASSERT(slack.find("SECRETPART") == std::string::npos);
        CPPUNIT_ASSERT(errorOf({{"SMTP_PORT", "0"}}).find("SMTP_PORT") != std::string::npos);
        CPPUNIT_ASSERT(errorOf({{"SMTP_PORT", "smtp"}}).find("SMTP_PORT") != std::string::npos);
        CPPUNIT_ASSERT(errorOf({{"JJI_ALERT_COOLDOWN_SECONDS", "0"}}).find("JJI_ALERT_COOLDOWN_SECONDS") != std::string::npos);
        CPPUNIT_ASSERT(errorOf({{"SMTP_SSL_VERIFY", "maybe"}}).find("SMTP_SSL_VERIFY") != std::string::npos);
    }

    void secretsAreMaskedInPrintConfig()
    {
        const Settings s = load({{"SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T/B/slacksecret"},
                                 {"SMTP_PASSWORD", "smtpsecret"}, {"SMTP_USER", "jji"}, {"SMTP_HOST", "mail.example"}});
        std::string all;
        for (const auto& [name, value] : SettingsLoader::describe(s))
            all += name + "=" + value + "\n";
        CPPUNIT_ASSERT(all.find("slacksecret") == std::string::npos);
        CPPUNIT_ASSERT(all.find("smtpsecret") == std::string::npos);
        CPPUNIT_ASSERT(all.find("SLACK_WEBHOOK_URL=********\n") != std::string::npos);
        CPPUNIT_ASSERT(all.find("SMTP_PASSWORD=********\n") != std::string::npos);
        CPPUNIT_ASSERT(all.find("SMTP_USER=jji\n") != std::string::npos);
        CPPUNIT_ASSERT(all.find("SMTP_PORT=587\n") != std::string::npos);
        CPPUNIT_ASSERT(all.find("ALERT_EMAIL_TO=\n") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AlertSettingsTest);
