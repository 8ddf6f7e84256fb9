// Start-up, configuration errors and shutdown of the real jji-server binary.
#include "jji/test/ServerProcess.h"

#include <Poco/File.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <cppunit/extensions/HelperMacros.h>

#include <csignal>
#include <thread>

using jji::test::ServerProcess;

class ServerLifecycleTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ServerLifecycleTest);
    CPPUNIT_TEST(helpPrintsUsage);
    CPPUNIT_TEST(printConfigMasksSecrets);
    CPPUNIT_TEST(invalidSettingStopsStartupNamingTheVariable);
    CPPUNIT_TEST(unknownProviderStopsStartup);
    CPPUNIT_TEST(unwritableDatabaseStopsStartup);
    CPPUNIT_TEST(createsSqliteDatabaseInDataDir);
    CPPUNIT_TEST(sigtermStopsCleanly);
    CPPUNIT_TEST(sigtermLetsRunningRequestFinish);
    CPPUNIT_TEST(accessLogHasNoQueryString);
    CPPUNIT_TEST(portOptionOverridesEnvironment);
    CPPUNIT_TEST_SUITE_END();

public:
    void helpPrintsUsage()
    {
        std::string out;
        CPPUNIT_ASSERT_EQUAL(0, ServerProcess::runToExit({"--help"}, {}, out));
        CPPUNIT_ASSERT_MESSAGE(out, out.find("--port") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(out, out.find("--config") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(out, out.find("--print-config") != std::string::npos);
    }

    void printConfigMasksSecrets()
    {
        std::string out;
        int code = ServerProcess::runToExit({"--print-config"},
                                            {{"ADMIN_KEY", "admin-secret-value"}, {"JIRA_API_TOKEN", "jira-secret"},
                                             {"JENKINS_URL", "http://jenkins.local"}},
                                            out);
        CPPUNIT_ASSERT_EQUAL(0, code);
        CPPUNIT_ASSERT(out.find("admin-secret-value") == std::string::npos);
        CPPUNIT_ASSERT(out.find("jira-secret") == std::string::npos);
        CPPUNIT_ASSERT(out.find("ADMIN_KEY=********") != std::string::npos);
        CPPUNIT_ASSERT(out.find("JENKINS_URL=http://jenkins.local") != std::string::npos);
        // The shipped example configuration loads as it is (its comments on lines of their own).
        std::string example;
        CPPUNIT_ASSERT_EQUAL(0, ServerProcess::runToExit({"--config=" + jji::test::fakesDir() + "/../../config/jji.ini.example",
                                                          "--print-config"}, {}, example));
        CPPUNIT_ASSERT_MESSAGE(example, example.find("JJI_AUTH_FAILURES_PER_MINUTE=10") != std::string::npos);
    }

    void invalidSettingStopsStartupNamingTheVariable()
    {
        std::string out;
        int code = ServerProcess::runToExit({}, {{"AI_CLI_TIMEOUT", "abc"}, {"PORT", "0"}}, out);
        CPPUNIT_ASSERT(code != 0);
        CPPUNIT_ASSERT_MESSAGE(out, out.find("AI_CLI_TIMEOUT") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(out, out.find("\n") == out.rfind("\n")); // one line
    }

    void unknownProviderStopsStartup()
    {
        std::string out;
        int code = ServerProcess::runToExit({}, {{"AI_PROVIDER", "copilot"}, {"PORT", "0"}}, out);
        CPPUNIT_ASSERT(code != 0);
        CPPUNIT_ASSERT_MESSAGE(out, out.find("AI_PROVIDER") != std::string::npos);
    }

    void unwritableDatabaseStopsStartup()
    {
        std::string out;
        int code = ServerProcess::runToExit({}, {{"DB_PATH", "/etc/passwd/jji.db"}, {"PORT", "0"}}, out);
        CPPUNIT_ASSERT(code != 0);
        CPPUNIT_ASSERT_MESSAGE(out, out.find("database") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(out, out.find("/etc/passwd") != std::string::npos);
    }

    void createsSqliteDatabaseInDataDir()
    {
        ServerProcess server;
        CPPUNIT_ASSERT(Poco::File(server.dataDir() + "/data/jji.db").exists());
    }

    void sigtermStopsCleanly()
    {
        ServerProcess server;
        CPPUNIT_ASSERT_EQUAL(200, server.http().get("/health").status);
        CPPUNIT_ASSERT_EQUAL(0, server.stop());
        CPPUNIT_ASSERT(server.log().find("stopped") != std::string::npos);
    }

    void sigtermLetsRunningRequestFinish()
    {
        // A request whose body is still arriving when SIGTERM comes must still be answered.
        ServerProcess server;
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
        Poco::Net::HTTPRequest request("POST", "/api/capabilities", Poco::Net::HTTPMessage::HTTP_1_1);
        std::string body = "{}";
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
        std::ostream& out = session.sendRequest(request);
        out.flush(); // headers sent, body not yet
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        ::kill(server.pid(), SIGTERM);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        out << body;
        Poco::Net::HTTPResponse response;
        session.receiveResponse(response);
        CPPUNIT_ASSERT_EQUAL(405, static_cast<int>(response.getStatus())); // answered, not dropped
        CPPUNIT_ASSERT_EQUAL(0, server.stop());
    }

    void accessLogHasNoQueryString()
    {
        ServerProcess server;
        server.http().get("/health?token=very-secret-token");
        std::string log = server.waitForLog("GET /health 200");
        CPPUNIT_ASSERT_MESSAGE(log, log.find("GET /health 200") != std::string::npos);
        CPPUNIT_ASSERT(log.find("very-secret-token") == std::string::npos);
    }

    void portOptionOverridesEnvironment()
    {
        ServerProcess server({{{"PORT", "1"}}, {"--port", "0"}});
        CPPUNIT_ASSERT(server.port() > 1);
        CPPUNIT_ASSERT_EQUAL(200, server.http().get("/health").status);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ServerLifecycleTest);
