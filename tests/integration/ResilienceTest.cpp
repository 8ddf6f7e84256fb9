// Load and faults against the real daemon: idle and slowloris connections, idle keep-alive
// connections, concurrent writers, concurrent large reports under a memory budget, a flood
// of queued jobs (all through tests/load/jji-load, which prints what held), and writes
// racing a job's deletion. The kill -9 case is AnalyzeFailuresTest's.
#include "jji/analysis/model/JsonText.h"
#include "jji/storage/Database.h"
#include "jji/test/ServerProcess.h"

#include <Poco/Data/Session.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <cppunit/extensions/HelperMacros.h>

#include <array>
#include <cstdlib>
#include <cstdio>
#include <future>
#include <thread>

using jji::test::ServerProcess;
using jji::test::TempDir;

namespace {

const char* kAdminKey = "resilience-admin-key-0123456789";

struct Run
{
    int exitCode = -1;
    std::string output;
};

/// Runs tests/load/jji-load against the server with the given arguments.
Run load(const ServerProcess& server, const std::string& args)
{
    const std::string command = jji::test::fakesDir() + "/../load/jji-load --port " + std::to_string(server.port()) +
                                " --pid " + std::to_string(server.pid()) + " " + args + " 2>&1";
    Run run;
    FILE* pipe = ::popen(command.c_str(), "r");
    std::array<char, 4096> buffer{};
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        run.output.append(buffer.data(), n);
    run.exitCode = WEXITSTATUS(::pclose(pipe));
    return run;
}

std::string failureJson(const std::string& test)
{
    return R"({"failures":[{"test_name":")" + test + R"(","error_message":"AssertionError: boom","stack_trace":""}]})";
}

} // namespace

class ResilienceTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ResilienceTest);
    CPPUNIT_TEST(idleAndSlowConnectionsLeaveHealthAnswering);
    CPPUNIT_TEST(concurrentWritersLoseNothing);
    CPPUNIT_TEST(largeReportsStayWithinTheMemoryBudget);
    CPPUNIT_TEST(queuedJobsAreBounded);
    CPPUNIT_TEST(connectionSettingsAct);
    CPPUNIT_TEST(writesRacingADeleteLeaveNoOrphans);
    CPPUNIT_TEST(concurrentWritersLoseNothingOnPostgres);
    CPPUNIT_TEST(writesRacingADeleteLeaveNoOrphansOnPostgres);
    CPPUNIT_TEST(uniqueErrorsPerAnalysisAreCapped);
    CPPUNIT_TEST(scalarAndNulBodiesAre422);
    CPPUNIT_TEST(chunkedBodiesReserveAsTheyGrow);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _scratch = std::make_unique<TempDir>(); }

    void tearDown() override { _server.reset(); }

    void idleAndSlowConnectionsLeaveHealthAnswering()
    {
        start({{"JJI_HEADER_TIMEOUT_SECONDS", "3"}});
        const Run run = load(*_server, "--scenarios idle,slowloris,keepalive --idle 1000 --slowloris 200 --header-timeout 3");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(run.output, 0, run.exitCode);
        CPPUNIT_ASSERT_EQUAL(200, _server->http().get("/health").status);
    }

    void concurrentWritersLoseNothing() { writers(false); }
    void concurrentWritersLoseNothingOnPostgres() { writers(true); }
    void writesRacingADeleteLeaveNoOrphans() { deleteRace(false); }
    void writesRacingADeleteLeaveNoOrphansOnPostgres() { deleteRace(true); }

    void writers(bool postgres)
    {
        start(postgres ? postgresEnv() : std::map<std::string, std::string>{});
        const std::string job = analyzedJob("t.writers");
        const Run run = load(*_server, "--scenarios writers --writers 120 --job " + job + " --test t.writers");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(run.output, 0, run.exitCode);
        CPPUNIT_ASSERT_MESSAGE(run.output, run.output.find("120 stored") != std::string::npos);
    }

    void largeReportsStayWithinTheMemoryBudget()
    {
        start({{"JJI_MEMORY_BUDGET_MB", "160"}});
        // 12 reports of 8 MB cost 56 MB each: two fit at once, the rest are refused with 503.
        // The process's size is checked too, except under ASan (its shadow memory and
        // quarantine are not the daemon's).
        const std::string size = JJI_TEST_SANITIZED ? " --no-rss" : "";
        const Run run = load(*_server, "--scenarios reports --reports 12 --report-mb 8 --memory-budget-mb 160" + size);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(run.output, 0, run.exitCode);
        CPPUNIT_ASSERT_MESSAGE(run.output, run.output.find("503:") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(run.output, run.output.find("200:") != std::string::npos);
    }

    void queuedJobsAreBounded()
    {
        // A Jenkins that accepts connections and never answers keeps every job busy.
        Poco::Net::ServerSocket silentJenkins(Poco::Net::SocketAddress("127.0.0.1", 0), 1024);
        start({{"JENKINS_URL", "http://127.0.0.1:" + std::to_string(silentJenkins.address().port())},
               {"JENKINS_USER", "u"}, {"JENKINS_PASSWORD", "p"}, {"JJI_FETCH_ALLOW_HOSTS", "127.0.0.1"},
               {"JJI_MAX_QUEUED_JOBS", "40"}, {"JJI_MAX_QUEUED_JOBS_PER_CLIENT", "30"}});
        const Run run = load(*_server, "--scenarios queue --queue 300");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(run.output, 0, run.exitCode);
        CPPUNIT_ASSERT_MESSAGE(run.output, run.output.find("202: 30,") != std::string::npos);
        // The global bound, when the per-client one is higher.
        start({{"JENKINS_URL", "http://127.0.0.1:" + std::to_string(silentJenkins.address().port())},
               {"JENKINS_USER", "u"}, {"JENKINS_PASSWORD", "p"}, {"JJI_FETCH_ALLOW_HOSTS", "127.0.0.1"},
               {"JJI_MAX_QUEUED_JOBS", "20"}, {"JJI_MAX_QUEUED_JOBS_PER_CLIENT", "100"}});
        const Run global = load(*_server, "--scenarios queue --queue 100");
        CPPUNIT_ASSERT_MESSAGE(global.output, global.output.find("202: 20,") != std::string::npos);
    }

    void connectionSettingsAct()
    {
        start({{"JJI_MAX_CONNECTIONS_PER_CLIENT", "5"}, {"JJI_KEEPALIVE_TIMEOUT_SECONDS", "1"}, {"JJI_HTTP_THREADS", "2"}});
        // Of 10 idle connections from one address, the 5 oldest are closed once they have idled a second.
        std::vector<std::unique_ptr<Poco::Net::StreamSocket>> idle;
        for (int i = 0; i < 10; ++i)
            idle.push_back(std::make_unique<Poco::Net::StreamSocket>(Poco::Net::SocketAddress("127.0.0.1", _server->port())));
        std::this_thread::sleep_for(std::chrono::milliseconds(1800));
        int closed = 0;
        for (std::size_t i = 0; i < idle.size(); ++i) {
            idle[i]->setReceiveTimeout(Poco::Timespan(0, 200000));
            char byte;
            try {
                if (idle[i]->receiveBytes(&byte, 1) == 0) {
                    ++closed;
                    CPPUNIT_ASSERT_MESSAGE("a newer connection was closed first", i < 5);
                }
            } catch (const Poco::TimeoutException&) {
            } catch (const Poco::Net::NetException&) {
                ++closed; // reset
            }
        }
        CPPUNIT_ASSERT_EQUAL(5, closed);
        // A keep-alive connection idle past JJI_KEEPALIVE_TIMEOUT_SECONDS is closed by the server.
        Poco::Net::StreamSocket keepAlive(Poco::Net::SocketAddress("127.0.0.1", _server->port()));
        const std::string get = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
        keepAlive.sendBytes(get.data(), static_cast<int>(get.size()));
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
        keepAlive.setReceiveTimeout(Poco::Timespan(2, 0));
        std::string received;
        char buffer[4096];
        for (int n; (n = keepAlive.receiveBytes(buffer, sizeof buffer)) > 0;)
            received.append(buffer, static_cast<std::size_t>(n));
        CPPUNIT_ASSERT(received.find("200 OK") != std::string::npos); // answered, then closed (receive ended)
        // With two request threads, idle keep-alive connections do not keep a new request waiting.
        const Run run = load(*_server, "--scenarios keepalive --keepalive 10");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(run.output, 0, run.exitCode);
    }

    void deleteRace(bool postgres)
    {
        start(postgres ? postgresEnv() : std::map<std::string, std::string>{});
        const std::map<std::string, std::string> admin{{"Authorization", std::string("Bearer ") + kAdminKey}};
        std::string deletedJobs;
        for (int round = 0; round < 5; ++round) {
            const std::string job = analyzedJob("t.race");
            deletedJobs += std::string(deletedJobs.empty() ? "" : ",") + "'" + job + "'";
            std::vector<std::future<int>> writes;
            for (int i = 0; i < 16; ++i) {
                writes.push_back(std::async(std::launch::async, [&, i] {
                    if (i % 2 == 0)
                        return _server->http()
                            .postJson("/results/" + job + "/comments", R"({"test_name":"t.race","comment":"c)" + std::to_string(i) + "\"}")
                            .status;
                    return _server->http()
                        .request("PUT", "/results/" + job + "/override-classification",
                                 R"({"test_name":"t.race","classification":"PRODUCT BUG"})", {{"Content-Type", "application/json"}})
                        .status;
                }));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2 * round));
            const int deleted = _server->http().request("DELETE", "/results/" + job, "", admin).status;
            CPPUNIT_ASSERT_EQUAL(200, deleted);
            for (auto& write : writes) {
                const int status = write.get();
                CPPUNIT_ASSERT_MESSAGE("a write racing the delete answered " + std::to_string(status),
                                       status == 200 || status == 201 || status == 404);
            }
        }
        // Nothing of the deleted jobs is left.
        jji::storage::Database db =
            jji::storage::Database::open(postgres ? postgresUrl() : _server->dataDir() + "/data/jji.db");
        Poco::Data::Session s = db.session();
        Poco::Int64 orphans = -1, comments = -1;
        s << "SELECT COUNT(*) FROM test_classifications WHERE job_id IN (" + deletedJobs + ")",
            Poco::Data::Keywords::into(orphans), Poco::Data::Keywords::now;
        s << "SELECT COUNT(*) FROM comments WHERE job_id IN (" + deletedJobs + ")", Poco::Data::Keywords::into(comments),
            Poco::Data::Keywords::now;
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), orphans);
        CPPUNIT_ASSERT_EQUAL(Poco::Int64(0), comments);
    }

    void uniqueErrorsPerAnalysisAreCapped()
    {
        start({{"JJI_MAX_UNIQUE_ERRORS", "3"}, {"FAKE_AI_CALL_LOG", _scratch->file("calls.log")}});
        std::string failures;
        for (int i = 0; i < 8; ++i) // 8 distinct errors; t.big0 fails in two tests, so it leads
            failures += std::string(i ? "," : "") + R"({"test_name":"t.e)" + std::to_string(i) +
                        R"(","error_message":"AssertionError: distinct problem )" + std::string(1, char('a' + i)) + "\"}";
        failures += R"(,{"test_name":"t.e0bis","error_message":"AssertionError: distinct problem a"})";
        auto r = _server->http().postJson("/analyze-failures", "{\"failures\":[" + failures + "]}", {}, 60);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        const std::string calls = jji::test::readFile(_scratch->file("calls.log"));
        CPPUNIT_ASSERT_EQUAL(3L, static_cast<long>(std::count(calls.begin(), calls.end(), '\n')));
        auto list = r.json()->getArray("failures");
        int notAnalysed = 0;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string details = list->getObject(static_cast<unsigned>(i))->getObject("analysis")->getValue<std::string>("details");
            notAnalysed += details.find("Not analysed: over the per-request limit of 3 unique errors") != std::string::npos;
        }
        CPPUNIT_ASSERT_EQUAL(5, notAnalysed);
        CPPUNIT_ASSERT(list->getObject(0)->getObject("analysis")->getValue<std::string>("details").find("Not analysed") ==
                       std::string::npos); // the largest group was analysed
    }

    void scalarAndNulBodiesAre422()
    {
        start();
        for (const std::string body : {"42", "\"text\"", "true", "null"}) {
            auto r = _server->http().postJson("/analyze-failures", body);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(body + ": " + r.body, 422, r.status);
            CPPUNIT_ASSERT(r.body.find("model_attributes_type") != std::string::npos);
        }
        CPPUNIT_ASSERT_EQUAL(400, _server->http().postJson("/analyze-failures", "{oops").status);
        const std::string job = analyzedJob("t.nul");
        auto nul = _server->http().postJson("/results/" + job + "/comments", R"({"test_name":"t.nul","comment":"before\u0000after"})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(nul.body, 422, nul.status);
        CPPUNIT_ASSERT(nul.body.find("NUL") != std::string::npos);
    }

    void chunkedBodiesReserveAsTheyGrow()
    {
        // 40 MB of budget holds the cost of a 5.7 MB body (7x).
        start({{"JJI_MEMORY_BUDGET_MB", "40"}});
        auto postChunked = [&](std::size_t megabytes) {
            std::string xml = "<testsuite name=\"s\"><testcase classname=\"c\" name=\"t\"><failure message=\"boom\"/></testcase>";
            const std::string passing = "<testcase classname=\"c\" name=\"p\"><system-out>" + std::string(400, 'y') + "</system-out></testcase>";
            while (xml.size() < megabytes * 1024 * 1024)
                xml += passing;
            xml += "</testsuite>";
            const std::string body = "{\"raw_xml\":" + jji::analysis::toJsonText(xml) + "}";
            Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(_server->port()));
            session.setTimeout(Poco::Timespan(60, 0));
            Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/analyze-failures", Poco::Net::HTTPMessage::HTTP_1_1);
            request.setContentType("application/json");
            request.setChunkedTransferEncoding(true); // no Content-Length: the size shows only at the end
            session.sendRequest(request) << body;
            Poco::Net::HTTPResponse response;
            std::istream& in = session.receiveResponse(response);
            std::string reply((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            return std::make_pair(static_cast<int>(response.getStatus()), reply);
        };
        const auto fits = postChunked(3);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(fits.second.substr(0, 300), 200, fits.first);
        const auto tooLarge = postChunked(7);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(tooLarge.second.substr(0, 300), 413, tooLarge.first);
        CPPUNIT_ASSERT(tooLarge.second.find("memory budget") != std::string::npos);
    }

private:
    static std::string postgresUrl()
    {
        const char* url = std::getenv("JJI_TEST_POSTGRES_URL");
        CPPUNIT_ASSERT_MESSAGE("JJI_TEST_POSTGRES_URL is not set (ctest sets it)", url && *url);
        return url;
    }

    static std::map<std::string, std::string> postgresEnv() { return {{"DATABASE_URL", postgresUrl()}}; }

    void start(std::map<std::string, std::string> extra = {})
    {
        std::map<std::string, std::string> env{{"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"},
                                               {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"},
                                               {"ADMIN_KEY", kAdminKey}};
        for (const auto& [name, value] : extra)
            env[name] = value;
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
    }

    std::string analyzedJob(const std::string& test)
    {
        auto r = _server->http().postJson("/analyze-failures", failureJson(test), {}, 60);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.json()->getValue<std::string>("job_id");
    }

    std::unique_ptr<TempDir> _scratch;
    std::unique_ptr<ServerProcess> _server;
};

CPPUNIT_TEST_SUITE_REGISTRATION(ResilienceTest);
