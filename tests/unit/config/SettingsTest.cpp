#include "jji/config/Capabilities.h"
#include "jji/config/SettingsLoader.h"
#include "jji/test/TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::config::Settings;
using jji::config::SettingsError;
using jji::config::SettingsLoader;

class SettingsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(SettingsTest);
    CPPUNIT_TEST(defaultsMatchTheOriginalService);
    CPPUNIT_TEST(laterSourcesWin);
    CPPUNIT_TEST(iniSectionsAreAccepted);
    CPPUNIT_TEST(invalidIntegerNamesTheVariable);
    CPPUNIT_TEST(invalidBooleanNamesTheVariable);
    CPPUNIT_TEST(outOfRangeIsRejected);
    CPPUNIT_TEST(unknownProviderIsRejected);
    CPPUNIT_TEST(configuredCommandMakesProviderKnown);
    CPPUNIT_TEST(badPeerConfigsAreRejected);
    CPPUNIT_TEST(unknownIniKeyIsRejected);
    CPPUNIT_TEST(missingIniFileIsRejected);
    CPPUNIT_TEST(dataDirAndDbPathDefaults);
    CPPUNIT_TEST(describeMasksSecrets);
    CPPUNIT_TEST(capabilitiesFollowSettings);
    CPPUNIT_TEST_SUITE_END();

    static Settings load(SettingsLoader::NameValues env, SettingsLoader::NameValues cli = {}, std::string ini = "")
    {
        env.emplace("HOME", "/home/tester");
        return SettingsLoader::load({ini, env, cli});
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
    void defaultsMatchTheOriginalService()
    {
        Settings s = load({});
        CPPUNIT_ASSERT_EQUAL(8000, s.port);
        CPPUNIT_ASSERT_EQUAL(std::string("0.0.0.0"), s.bind);
        CPPUNIT_ASSERT(s.secureCookies);
        CPPUNIT_ASSERT(!s.trustProxyHeaders);
        CPPUNIT_ASSERT(s.jenkinsSslVerify);
        CPPUNIT_ASSERT_EQUAL(30, s.jenkinsTimeout);
        CPPUNIT_ASSERT(s.waitForCompletion);
        CPPUNIT_ASSERT_EQUAL(2, s.pollIntervalMinutes);
        CPPUNIT_ASSERT_EQUAL(0, s.maxWaitMinutes);
        CPPUNIT_ASSERT(!s.forceAnalysis);
        CPPUNIT_ASSERT(s.getJobArtifacts);
        CPPUNIT_ASSERT_EQUAL(500, s.jenkinsArtifactsMaxSizeMb);
        CPPUNIT_ASSERT_EQUAL(10, s.aiCliTimeoutMinutes);
        CPPUNIT_ASSERT_EQUAL(3, s.maxConcurrentAiCalls);
        CPPUNIT_ASSERT_EQUAL(3, s.peerAnalysisMaxRounds);
        CPPUNIT_ASSERT_EQUAL(5, s.jiraMaxResults);
        CPPUNIT_ASSERT(!s.enableJira.has_value());
        CPPUNIT_ASSERT_EQUAL(4, s.maxConcurrentAnalyses);
        CPPUNIT_ASSERT_EQUAL(64, s.maxBodyMb);
        CPPUNIT_ASSERT_EQUAL(std::size_t(64) * 1024 * 1024, s.maxBodyBytes());
        CPPUNIT_ASSERT(!s.usesPostgres());
    }

    void laterSourcesWin()
    {
        jji::test::TempDir dir;
        jji::test::writeFile(dir.file("jji.ini"), "PORT=9001\nJENKINS_URL=http://ini\nAI_MODEL=from-ini\nLOG_LEVEL=debug\n");
        Settings s = load({{"PORT", "9002"}, {"JENKINS_URL", "http://env"}}, {{"PORT", "9003"}}, dir.file("jji.ini"));
        CPPUNIT_ASSERT_EQUAL(9003, s.port);                               // CLI beats env
        CPPUNIT_ASSERT_EQUAL(std::string("http://env"), s.jenkinsUrl);     // env beats INI
        CPPUNIT_ASSERT_EQUAL(std::string("from-ini"), s.aiModel);          // INI beats default
        CPPUNIT_ASSERT_EQUAL(std::string("debug"), s.logLevel);
    }

    void iniSectionsAreAccepted()
    {
        jji::test::TempDir dir;
        jji::test::writeFile(dir.file("jji.ini"), "[server]\nPORT=8123\n[jenkins]\nJENKINS_SSL_VERIFY=false\n");
        Settings s = load({}, {}, dir.file("jji.ini"));
        CPPUNIT_ASSERT_EQUAL(8123, s.port);
        CPPUNIT_ASSERT(!s.jenkinsSslVerify);
    }

    void invalidIntegerNamesTheVariable()
    {
        std::string message = errorOf({{"AI_CLI_TIMEOUT", "abc"}});
        CPPUNIT_ASSERT_MESSAGE(message, message.find("AI_CLI_TIMEOUT") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(message, message.find("abc") != std::string::npos);
    }

    void invalidBooleanNamesTheVariable()
    {
        std::string message = errorOf({{"SECURE_COOKIES", "maybe"}});
        CPPUNIT_ASSERT_MESSAGE(message, message.find("SECURE_COOKIES") != std::string::npos);
    }

    void outOfRangeIsRejected()
    {
        CPPUNIT_ASSERT(errorOf({{"PEER_ANALYSIS_MAX_ROUNDS", "11"}}).find("PEER_ANALYSIS_MAX_ROUNDS") != std::string::npos);
        CPPUNIT_ASSERT(errorOf({{"PORT", "70000"}}).find("PORT") != std::string::npos);
        CPPUNIT_ASSERT(errorOf({{"POLL_INTERVAL_MINUTES", "0"}}).find("POLL_INTERVAL_MINUTES") != std::string::npos);
        CPPUNIT_ASSERT(errorOf({{"LOG_LEVEL", "chatty"}}).find("LOG_LEVEL") != std::string::npos);
        CPPUNIT_ASSERT(errorOf({{"DATABASE_URL", "mysql://x"}}).find("DATABASE_URL") != std::string::npos);
    }

    void unknownProviderIsRejected()
    {
        std::string message = errorOf({{"AI_PROVIDER", "copilot"}});
        CPPUNIT_ASSERT_MESSAGE(message, message.find("AI_PROVIDER") != std::string::npos);
    }

    void configuredCommandMakesProviderKnown()
    {
        Settings s = load({{"AI_PROVIDER", "mytool"}, {"JJI_AI_COMMAND_MYTOOL", "/opt/bin/mytool"},
                           {"JJI_AI_COMMAND_CLAUDE", "/opt/bin/claude-wrapper"}});
        CPPUNIT_ASSERT_EQUAL(std::string("mytool"), s.aiProvider);
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/bin/mytool"), s.aiCommandFor("mytool"));
        CPPUNIT_ASSERT_EQUAL(std::string("/opt/bin/claude-wrapper"), s.aiCommandFor("claude"));
        CPPUNIT_ASSERT_EQUAL(std::string("gemini"), s.aiCommandFor("gemini"));
        CPPUNIT_ASSERT_EQUAL(std::string("agent"), s.aiCommandFor("cursor"));
    }

    void badPeerConfigsAreRejected()
    {
        CPPUNIT_ASSERT(errorOf({{"PEER_AI_CONFIGS", "gemini"}}).find("PEER_AI_CONFIGS") != std::string::npos);
        CPPUNIT_ASSERT(errorOf({{"PEER_AI_CONFIGS", "nope:model"}}).find("PEER_AI_CONFIGS") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string(""), errorOf({{"PEER_AI_CONFIGS", "gemini:2.5-pro, cursor:gpt"}}));
    }

    void unknownIniKeyIsRejected()
    {
        jji::test::TempDir dir;
        jji::test::writeFile(dir.file("jji.ini"), "PROT=8000\n");
        try {
            load({}, {}, dir.file("jji.ini"));
            CPPUNIT_FAIL("a misspelt key must not pass silently");
        } catch (const SettingsError& e) {
            CPPUNIT_ASSERT(std::string(e.what()).find("PROT") != std::string::npos);
        }
    }

    void missingIniFileIsRejected()
    {
        CPPUNIT_ASSERT_THROW(load({}, {}, "/nonexistent/jji.ini"), SettingsError);
    }

    void dataDirAndDbPathDefaults()
    {
        Settings s = load({});
        CPPUNIT_ASSERT_EQUAL(std::string("/home/tester/.local/share/jji"), s.dataDir);
        CPPUNIT_ASSERT_EQUAL(std::string("/home/tester/.local/share/jji/jji.db"), s.dbPath);
        Settings t = load({{"JJI_DATA_DIR", "/srv/jji"}});
        CPPUNIT_ASSERT_EQUAL(std::string("/srv/jji/jji.db"), t.dbPath);
        Settings u = load({{"JJI_DATA_DIR", "/srv/jji"}, {"DB_PATH", "/tmp/x.db"}});
        CPPUNIT_ASSERT_EQUAL(std::string("/tmp/x.db"), u.dbPath);
        Settings v = load({{"DATABASE_URL", "postgresql://u:p@db/jji"}});
        CPPUNIT_ASSERT(v.usesPostgres());
    }

    void describeMasksSecrets()
    {
        Settings s = load({{"ADMIN_KEY", "super-secret-admin"}, {"JENKINS_PASSWORD", "hunter2"},
                           {"DATABASE_URL", "postgresql://u:pgpass@db/jji"}, {"JENKINS_USER", "bob"}});
        std::string all;
        for (const auto& [name, value] : SettingsLoader::describe(s))
            all += name + "=" + value + "\n";
        CPPUNIT_ASSERT(all.find("super-secret-admin") == std::string::npos);
        CPPUNIT_ASSERT(all.find("hunter2") == std::string::npos);
        CPPUNIT_ASSERT(all.find("pgpass") == std::string::npos);
        CPPUNIT_ASSERT(all.find("ADMIN_KEY=********") != std::string::npos);
        CPPUNIT_ASSERT(all.find("JENKINS_USER=bob") != std::string::npos);
        CPPUNIT_ASSERT(all.find("GITHUB_TOKEN=\n") != std::string::npos); // unset secrets stay visibly empty
    }

    void capabilitiesFollowSettings()
    {
        auto none = jji::config::Capabilities::from(load({}));
        CPPUNIT_ASSERT(none.githubIssuesEnabled);
        CPPUNIT_ASSERT(!none.jiraIssuesEnabled);
        CPPUNIT_ASSERT(!none.reportportal);
        auto all = jji::config::Capabilities::from(load({{"JIRA_URL", "https://jira"}, {"JIRA_PAT", "x"},
                                                         {"JIRA_PROJECT_KEY", "PROJ"}, {"GITHUB_TOKEN", "g"},
                                                         {"REPORTPORTAL_URL", "https://rp"}, {"REPORTPORTAL_API_TOKEN", "t"},
                                                         {"REPORTPORTAL_PROJECT", "e2e"}, {"ENABLE_GITHUB_ISSUES", "false"}}));
        CPPUNIT_ASSERT(!all.githubIssuesEnabled);
        CPPUNIT_ASSERT(all.jiraIssuesEnabled);
        CPPUNIT_ASSERT(all.serverJiraToken);
        CPPUNIT_ASSERT(!all.serverJiraEmail);
        CPPUNIT_ASSERT(all.serverGithubToken);
        CPPUNIT_ASSERT_EQUAL(std::string("PROJ"), all.serverJiraProjectKey);
        CPPUNIT_ASSERT(all.reportportal);
        CPPUNIT_ASSERT_EQUAL(std::string("e2e"), all.reportportalProject);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SettingsTest);
