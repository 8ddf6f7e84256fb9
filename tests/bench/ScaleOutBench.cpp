// Benchmark: scale-out on one PostgreSQL database (issue 25). The same Jenkins-backed jobs run
// on one daemon, then on two sharing the database (posted alternately), with a fake AI that
// answers after a fixed delay, so the AI and not the daemon is the bottleneck; every daemon has
// the same concurrency. Two daemons should then finish close to twice as many jobs per second.
// The program starts its own throwaway cluster (tests/support/postgres-cluster.sh) on port
// 55433, beside the test fixture's 55432, and stops it at the end, on failure too.
//   ./build/tests/jji_bench_scaleout [jobs=100] [ai_delay_seconds=0.5] [concurrency=4]
#include "jji/storage/Database.h"
#include "jji/test/FakeJenkins.h"
#include "jji/test/JenkinsFixture.h"
#include "jji/test/ServerProcess.h"
#include "jji/test/TempDir.h"

#include <Poco/Data/Session.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace Poco::Data::Keywords;
using jji::storage::Database;
using jji::test::ServerProcess;

namespace {

constexpr int kPort = 55433;

/// The throwaway cluster, stopped (and its directory removed) when this goes away.
class Cluster
{
public:
    Cluster(std::string dir, int port) : _dir(std::move(dir))
    {
        if (script("start " + _dir + " " + std::to_string(port)) != 0) {
            script("stop " + _dir);
            throw std::runtime_error("cannot start PostgreSQL on port " + std::to_string(port) +
                                     " (server binaries installed? port free?)");
        }
        _url = "postgresql://postgres@127.0.0.1:" + std::to_string(port) + "/jji_test";
    }
    ~Cluster() { script("stop " + _dir); }
    Cluster(const Cluster&) = delete;
    Cluster& operator=(const Cluster&) = delete;

    const std::string& url() const { return _url; }

private:
    static int script(const std::string& args)
    {
        return std::system((jji::test::fakesDir() + "/../support/postgres-cluster.sh " + args).c_str());
    }

    std::string _dir;
    std::string _url;
};

struct Settings
{
    int jobs = 100;
    double aiDelaySeconds = 0.5;
    int concurrency = 4;
};

struct Outcome
{
    double seconds = 0;
    int completed = 0;
    int failed = 0;
};

/// Jobs per status, from the shared database.
std::map<std::string, int> statuses(Database& db)
{
    std::vector<std::string> names;
    std::vector<int> counts;
    auto s = db.session();
    s << "SELECT status, CAST(COUNT(*) AS INTEGER) FROM results GROUP BY status", into(names), into(counts), now;
    std::map<std::string, int> out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out[names[i]] = counts[i];
    return out;
}

/// Posts `jobs` to `daemons` fresh daemons in turn; the seconds from the first post until the
/// last job has ended.
Outcome run(const std::string& url, const jji::test::FakeJenkins& jenkins, const Settings& settings, int daemons)
{
    Database db = Database::open(url);
    {
        auto s = db.session(); // a fresh schema: each run counts only its own jobs
        s << "DROP SCHEMA public CASCADE", now;
        s << "CREATE SCHEMA public", now;
    }
    char delay[32];
    std::snprintf(delay, sizeof delay, "%.3f", settings.aiDelaySeconds);
    const std::map<std::string, std::string> env{
        {"DATABASE_URL", url}, {"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"},
        {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/slow-ai-cli"}, {"FAKE_AI_DELAY", delay},
        {"JENKINS_URL", jenkins.url()}, {"JENKINS_USER", "u"}, {"JENKINS_PASSWORD", "t"},
        {"JJI_MAX_CONCURRENT_ANALYSES", std::to_string(settings.concurrency)},
        {"MAX_CONCURRENT_AI_CALLS", std::to_string(settings.concurrency)},
        {"JJI_MAX_QUEUED_JOBS", std::to_string(settings.jobs + 10)},
        {"JJI_MAX_QUEUED_JOBS_PER_CLIENT", std::to_string(settings.jobs + 10)}, // every job comes from here
        {"JJI_ENCRYPTION_KEY", "shared key of the cluster"}};
    // Started together, as a deployment would: the migration lock lets one create the schema.
    std::vector<std::future<std::unique_ptr<ServerProcess>>> starting;
    for (int d = 0; d < daemons; ++d)
        starting.push_back(std::async(std::launch::async, [&] { return std::make_unique<ServerProcess>(ServerProcess::Options{env, {}}); }));
    std::vector<std::unique_ptr<ServerProcess>> servers;
    for (auto& s : starting)
        servers.push_back(s.get());

    const auto started = std::chrono::steady_clock::now();
    for (int n = 1; n <= settings.jobs; ++n) {
        const ServerProcess& daemon = *servers[static_cast<std::size_t>(n % daemons)];
        auto queued = daemon.http().postJson("/analyze", R"({"job_name":"app","build_number":)" + std::to_string(n) + "}");
        if (queued.status != 202)
            throw std::runtime_error("POST /analyze: HTTP " + std::to_string(queued.status) + " " + queued.body.substr(0, 300));
    }
    Outcome out;
    const auto deadline = started + std::chrono::seconds(60) +
                          std::chrono::milliseconds(static_cast<long long>(settings.jobs * settings.aiDelaySeconds * 1000));
    for (;;) {
        auto counts = statuses(db);
        out.completed = counts["completed"];
        out.failed = counts["failed"];
        out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (out.completed + out.failed >= settings.jobs)
            return out;
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error(std::to_string(out.completed + out.failed) + " of " + std::to_string(settings.jobs) +
                                     " jobs ended in " + std::to_string(out.seconds) + " s");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

} // namespace

int main(int argc, char** argv)
{
    Settings settings;
    if (argc > 1)
        settings.jobs = std::max(2, std::atoi(argv[1]));
    if (argc > 2)
        settings.aiDelaySeconds = std::max(0.0, std::atof(argv[2]));
    if (argc > 3)
        settings.concurrency = std::max(1, std::atoi(argv[3]));
    try {
        jji::test::TempDir scratch;
        Cluster cluster(scratch.file("pg"), kPort);
        jji::test::FakeJenkins jenkins(jji::test::jenkinsFailingBuilds(settings.jobs));
        std::printf("%d jobs, fake AI answering after %.2f s, %d analyses and AI calls at once per daemon\n", settings.jobs,
                    settings.aiDelaySeconds, settings.concurrency);
        if (settings.aiDelaySeconds > 0)
            std::printf("AI-bound ceiling: %.2f jobs/s per daemon\n", settings.concurrency / settings.aiDelaySeconds);
        std::printf("%8s %6s %9s %8s\n", "daemons", "jobs", "seconds", "jobs/s");
        std::map<int, double> rate;
        bool allCompleted = true;
        for (int daemons : {1, 2}) {
            const Outcome o = run(cluster.url(), jenkins, settings, daemons);
            rate[daemons] = o.completed / o.seconds;
            std::printf("%8d %6d %9.2f %8.2f%s\n", daemons, settings.jobs, o.seconds, rate[daemons],
                        o.failed ? ("  (" + std::to_string(o.failed) + " FAILED)").c_str() : "");
            std::fflush(stdout);
            allCompleted = allCompleted && o.failed == 0;
        }
        std::printf("two/one: %.2fx\n", rate[2] / rate[1]);
        return allCompleted ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "jji_bench_scaleout: %s\n", e.what());
        return 2;
    }
}
