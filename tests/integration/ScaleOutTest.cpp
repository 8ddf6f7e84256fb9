// Scale-out on one PostgreSQL database (issue 25): two daemons share 200 Jenkins-backed jobs
// with an AI slow enough that work queues up; one daemon is killed mid-way and the other
// takes its unfinished jobs over. Every job must end completed, analysed to completion once.
// The database is the throwaway cluster ctest starts (tests/support/postgres-cluster.sh).
#include "jji/storage/Database.h"
#include "jji/test/FakeJenkins.h"
#include "jji/test/JenkinsFixture.h"
#include "jji/test/JsonLines.h"
#include "jji/test/ServerProcess.h"

#include <Poco/Data/Session.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace Poco::Data::Keywords;
using jji::storage::Database;
using jji::test::ServerProcess;

namespace {

constexpr int kJobs = 200;
constexpr int kConcurrency = 4; // analyses and AI calls at once, per daemon

/// A SIGKILLed daemon leaves its AI CLIs running: kills the process group of every process
/// working in one of its workspaces (by cwd, not by remembered pids, which get reused).
void killCliProcessesUnder(const std::string& workspaces)
{
    std::error_code ec;
    for (std::filesystem::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::error_code gone;
        const std::string cwd = std::filesystem::read_symlink(it->path() / "cwd", gone).string();
        if (gone || cwd.rfind(workspaces, 0) != 0)
            continue;
        const pid_t group = ::getpgid(std::stoi(name));
        if (group > 1)
            ::kill(-group, SIGKILL);
    }
}

/// The sum of N over a log's "took over N job(s)" lines.
int jobsTakenOver(const std::string& log)
{
    static const std::regex line("took over ([0-9]+) job\\(s\\)");
    int total = 0;
    for (std::sregex_iterator it(log.begin(), log.end(), line), end; it != end; ++it)
        total += std::stoi((*it)[1]);
    return total;
}

} // namespace

class ScaleOutTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ScaleOutTest);
    CPPUNIT_TEST(twoDaemonsShareTheJobsAndTheSurvivorFinishesThem);
    CPPUNIT_TEST_SUITE_END();

    std::string _url;
    std::unique_ptr<Database> _db;

    struct Row
    {
        std::string status;
        std::string owner; ///< claimed_by: the daemon holding the job, or the one that finished it
    };

    std::map<std::string, Row> rows() const
    {
        std::vector<std::string> ids, statuses, owners;
        auto s = _db->session();
        s << "SELECT job_id, status, COALESCE(claimed_by, '') FROM results", into(ids), into(statuses), into(owners), now;
        std::map<std::string, Row> out;
        for (std::size_t i = 0; i < ids.size(); ++i)
            out[ids[i]] = {statuses[i], owners[i]};
        return out;
    }

    /// Rows with this status ("" for any) held or finished by `owner` ("" for any).
    static int countWhere(const std::map<std::string, Row>& rows, const std::string& status, const std::string& owner = "")
    {
        int n = 0;
        for (const auto& [id, row] : rows)
            n += (status.empty() || row.status == status) && (owner.empty() || row.owner == owner) ? 1 : 0;
        return n;
    }

public:
    void setUp() override
    {
        const char* url = std::getenv("JJI_TEST_POSTGRES_URL");
        CPPUNIT_ASSERT_MESSAGE("JJI_TEST_POSTGRES_URL is not set (ctest sets it)", url && *url);
        _url = url;
        _db = std::make_unique<Database>(Database::open(_url));
        auto s = _db->session();
        s << "DROP SCHEMA public CASCADE", now;
        s << "CREATE SCHEMA public", now;
    }

    void tearDown() override { _db.reset(); }

    void twoDaemonsShareTheJobsAndTheSurvivorFinishesThem()
    {
        jji::test::TempDir scratch;
        jji::test::FakeJenkins jenkins(jji::test::jenkinsFailingBuilds(kJobs));
        const std::string callLog = scratch.file("calls.jsonl");
        const std::map<std::string, std::string> env{
            {"DATABASE_URL", _url}, {"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"},
            {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/slow-ai-cli"}, {"FAKE_AI_DELAY", "0.4"},
            {"FAKE_AI_CALL_LOG", callLog}, {"JENKINS_URL", jenkins.url()}, {"JENKINS_USER", "u"},
            {"JENKINS_PASSWORD", "t"}, {"JJI_JOB_LEASE_SECONDS", "3"},
            {"JJI_MAX_CONCURRENT_ANALYSES", std::to_string(kConcurrency)},
            {"MAX_CONCURRENT_AI_CALLS", std::to_string(kConcurrency)},
            {"JJI_MAX_QUEUED_JOBS", "1000"}, {"JJI_MAX_QUEUED_JOBS_PER_CLIENT", "1000"}, // all 200 from one client
            {"JJI_ENCRYPTION_KEY", "shared key of the cluster"}};
        auto a = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
        ServerProcess b(ServerProcess::Options{env, {}});
        const std::string aWorkspaces = a->dataDir() + "/data/workspaces/";
        const std::string bWorkspaces = b.dataDir() + "/data/workspaces/";

        // Alternately: each daemon gets half the jobs, and both start on them at once.
        std::vector<std::string> ids, postedToA;
        for (int n = 1; n <= kJobs; ++n) {
            const ServerProcess& daemon = n % 2 ? *a : b;
            auto queued = daemon.http().postJson("/analyze", R"({"job_name":"app","build_number":)" + std::to_string(n) + "}");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(queued.body, 202, queued.status);
            ids.push_back(queued.json()->getValue<std::string>("job_id"));
            if (&daemon == a.get())
                postedToA.push_back(ids.back());
        }
        std::map<std::string, Row> before = rows();
        CPPUNIT_ASSERT_EQUAL(std::size_t(kJobs), before.size());
        const std::string nodeA = before.at(postedToA.front()).owner, nodeB = before.at(ids[1]).owner;
        CPPUNIT_ASSERT(!nodeA.empty() && !nodeB.empty() && nodeA != nodeB);

        // Kill A once 30% of the jobs are done: it then holds finished, running and queued jobs.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (countWhere(before, "completed") < kJobs * 3 / 10 && countWhere(before, "failed") == 0 &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            before = rows();
        }
        ::kill(a->pid(), SIGKILL);
        killCliProcessesUnder(aWorkspaces);
        const std::string aLog = a->log();
        a.reset();
        before = rows();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(aLog, 0, countWhere(before, "failed"));
        const int doneByA = countWhere(before, "completed", nodeA), doneByB = countWhere(before, "completed", nodeB);
        const int done = doneByA + doneByB;
        CPPUNIT_ASSERT_MESSAGE("only " + std::to_string(done) + " jobs done in 60 s", done >= kJobs * 3 / 10);
        CPPUNIT_ASSERT_MESSAGE("A had finished its half: killed too late to test a takeover", doneByA < kJobs / 2);
        // While both were alive each ran its own half at the same pace, and neither took a job of the other.
        CPPUNIT_ASSERT_MESSAGE("A finished " + std::to_string(doneByA) + ", B " + std::to_string(doneByB),
                               doneByA * 10 >= done * 3 && doneByB * 10 >= done * 3);
        CPPUNIT_ASSERT_EQUAL(kJobs / 2, countWhere(before, "", nodeA));
        CPPUNIT_ASSERT_MESSAGE(aLog, aLog.find("took over") == std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(b.log(), b.log().find("took over") == std::string::npos);

        // B takes A's unfinished jobs over once their leases (3 s) run out, and finishes everything.
        std::map<std::string, Row> after = rows();
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(75);
        while (countWhere(after, "completed") + countWhere(after, "failed") < kJobs && std::chrono::steady_clock::now() < end) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            after = rows();
        }
        const std::string bLog = b.log();
        for (const auto& id : ids)
            CPPUNIT_ASSERT_EQUAL_MESSAGE("job " + id + " (" + std::to_string(countWhere(after, "completed")) + " of " +
                                             std::to_string(kJobs) + " completed; B took over " +
                                             std::to_string(jobsTakenOver(bLog)) + ")",
                                         std::string("completed"), after.at(id).status);
        std::size_t takenByB = 0;
        for (const auto& id : postedToA) {
            CPPUNIT_ASSERT(after.at(id).owner == nodeA || after.at(id).owner == nodeB);
            takenByB += after.at(id).owner == nodeB ? 1 : 0;
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(kJobs / 2 - doneByA), takenByB); // exactly A's unfinished ones
        CPPUNIT_ASSERT_EQUAL_MESSAGE(bLog, static_cast<int>(takenByB), jobsTakenOver(bLog));
        CPPUNIT_ASSERT_MESSAGE(bLog, bLog.find("no longer held by this daemon") == std::string::npos);

        // AI calls per job and daemon, from the workspace each call ran in. A job is analysed by
        // the daemon that finished it, once; the only second call allowed is one A had begun on
        // a job it never finished (at most one per worker it had).
        std::map<std::string, std::pair<int, int>> calls; // job id -> calls by A, by B
        for (const auto& call : jji::test::readJsonLines(callLog)) {
            const std::string cwd = call->getValue<std::string>("cwd");
            const std::string job = std::filesystem::path(cwd).filename().string();
            CPPUNIT_ASSERT_MESSAGE(cwd, after.count(job) == 1);
            if (cwd.rfind(aWorkspaces, 0) == 0)
                ++calls[job].first;
            else if (cwd.rfind(bWorkspaces, 0) == 0)
                ++calls[job].second;
            else
                CPPUNIT_FAIL("an AI call outside both daemons' workspaces: " + cwd);
        }
        int abandonedByA = 0;
        for (const auto& id : ids) {
            const auto [byA, byB] = calls[id];
            const bool finishedByA = after.at(id).owner == nodeA;
            const std::string what = "job " + id + ": " + std::to_string(byA) + " AI call(s) by A, " + std::to_string(byB) + " by B";
            CPPUNIT_ASSERT_EQUAL_MESSAGE(what, 1, finishedByA ? byA : byB);
            CPPUNIT_ASSERT_MESSAGE(what, finishedByA ? byB == 0 : byA <= 1);
            abandonedByA += finishedByA ? 0 : byA;
        }
        CPPUNIT_ASSERT_MESSAGE(std::to_string(abandonedByA) + " calls of A repeated by B", abandonedByA <= kConcurrency);

        // One stored failure per job: the analysis B redid replaced A's partial one, never added to it.
        std::vector<std::string> historyJobs;
        std::vector<int> historyRows;
        auto s = _db->session();
        s << "SELECT job_id, CAST(COUNT(*) AS INTEGER) FROM failure_history GROUP BY job_id", into(historyJobs),
            into(historyRows), now;
        CPPUNIT_ASSERT_EQUAL(std::size_t(kJobs), historyJobs.size());
        for (std::size_t i = 0; i < historyJobs.size(); ++i)
            CPPUNIT_ASSERT_EQUAL_MESSAGE(historyJobs[i], 1, historyRows[i]);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ScaleOutTest);
