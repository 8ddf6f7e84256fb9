// Benchmark: AI calls per build when most failures are known. 30 builds of one job, each
// with 20 error groups: 16 that repeat in every build (3 of them causes a shipped rule
// knows: disk full, DNS, registry rate limit) and 4 new ones. After build 1 people confirm
// (mark reviewed) 6 of the 13 other repeating groups, then 2 more after each build. The
// real jji-server with the fake AI CLI runs it twice side by side: with known failures
// (rules, reuse of confirmed analyses) and without (every rule deleted, reuse_confirmed
// off: one AI call per group, as before). The goal: one call per new or unconfirmed
// signature, none for rule matches or confirmed repeats; the program exits 1 otherwise.
//
//   ./build/tests/jji_bench_known_failures [builds=30]
#include "jji/test/DistinctWords.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/test/ServerProcess.h"
#include "jji/test/TempDir.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

constexpr int kRepeating = 13; // repeating groups no rule knows
constexpr int kNewPerBuild = 4;
constexpr int kConfirmedFirst = 6;
constexpr int kConfirmedPerBuild = 2;
const std::string kAdminKey = "bench-known-failures-admin-key-0123";

std::string word(int n)
{
    return jji::test::distinctWord(n);
}

struct Group
{
    std::string message;
    std::vector<std::string> tests;
};

std::vector<Group> buildGroups(int build)
{
    std::vector<Group> groups{
        {"OSError: [Errno 28] No space left on device: '/var/tmp/cache.bin'", {"tests.cache.test_put", "tests.cache.test_get"}},
        {"socket.gaierror: [Errno -3] Temporary failure in name resolution", {"tests.api.test_sync"}},
        {"Error response from daemon: toomanyrequests: You have reached your pull rate limit", {"tests.img.test_pull"}},
    };
    for (int r = 0; r < kRepeating; ++r) {
        Group g{"AssertionError: " + word(r + 100) + " totals disagree with the " + word(r + 500) + " ledger", {}};
        for (int t = 0; t <= r % 3; ++t)
            g.tests.push_back("tests.repeat_" + word(r) + ".test_" + word(t));
        groups.push_back(g);
    }
    for (int k = 0; k < kNewPerBuild; ++k) {
        const int id = 1000 + build * kNewPerBuild + k;
        groups.push_back({"KeyError: '" + word(id) + "' missing from the " + word(id * 7) + " catalogue",
                          {"tests.new_" + word(id) + ".test_lookup"}});
    }
    return groups;
}

std::string body(const std::vector<Group>& groups, bool reuse)
{
    std::string failures;
    for (const auto& g : groups)
        for (const auto& t : g.tests)
            failures += std::string(failures.empty() ? "" : ",") + R"({"test_name":)" + jji::analysis::toJsonText(t) +
                        R"(,"error_message":)" + jji::analysis::toJsonText(g.message) + "}";
    return "{\"failures\":[" + failures + "]" + (reuse ? "" : ",\"reuse_confirmed\":false") + "}";
}

std::size_t lines(const std::string& file)
{
    std::ifstream in(file);
    return static_cast<std::size_t>(std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
}

struct Run
{
    std::vector<std::size_t> calls;   // per build
    std::vector<double> seconds;      // per build, the request
};

Run run(int builds, bool known)
{
    jji::test::TempDir scratch;
    const std::string log = scratch.file("calls.log");
    const std::string fake = jji::test::fakesDir() + "/fake-ai-cli";
    jji::test::ServerProcess server({{{"AI_PROVIDER", "claude"}, {"AI_MODEL", "fake"}, {"JJI_AI_COMMAND_CLAUDE", fake},
                                      {"FAKE_AI_CALL_LOG", log}, {"ADMIN_KEY", kAdminKey}, {"JJI_MAX_UNIQUE_ERRORS", "1000"}},
                                     {}});
    const std::map<std::string, std::string> admin{{"Authorization", "Bearer " + kAdminKey}};
    if (!known) {
        auto rules = server.http().get("/api/rules", admin).json()->getArray("rules");
        for (std::size_t i = 0; i < rules->size(); ++i)
            server.http().request("DELETE", "/api/rules/" + std::to_string(rules->getObject(static_cast<unsigned>(i))->getValue<long long>("id")),
                                  "", admin);
    }
    Run out;
    int confirmed = 0;
    for (int b = 1; b <= builds; ++b) {
        const std::vector<Group> groups = buildGroups(b);
        const std::size_t before = lines(log);
        const auto started = std::chrono::steady_clock::now();
        auto response = server.http().postJson("/analyze-failures", body(groups, known), {}, 600);
        out.seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        if (response.status != 200) {
            std::fprintf(stderr, "build %d: HTTP %d %s\n", b, response.status, response.body.substr(0, 300).c_str());
            std::exit(2);
        }
        out.calls.push_back(lines(log) - before);
        // People review some of the repeating groups no rule knows (the first test of each).
        const std::string jobId = response.json()->getValue<std::string>("job_id");
        const int target = std::min(kRepeating, b == 1 ? kConfirmedFirst : confirmed + kConfirmedPerBuild);
        for (; confirmed < target; ++confirmed) {
            const std::string test = groups[3 + static_cast<std::size_t>(confirmed)].tests.front();
            server.http().request("PUT", "/results/" + jobId + "/reviewed",
                                  R"({"test_name":)" + jji::analysis::toJsonText(test) + R"(,"reviewed":true})",
                                  {{"Content-Type", "application/json"}, {"Cookie", "jji_username=reviewer"}});
        }
    }
    return out;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    const int builds = argc > 1 ? std::max(2, std::atoi(argv[1])) : 30;
    std::printf("%d builds, %d error groups each (16 repeating: 3 known to a rule; %d new)\n", builds,
                3 + kRepeating + kNewPerBuild, kNewPerBuild);
    const Run with = run(builds, true);
    const Run without = run(builds, false);
    std::size_t totalWith = 0, totalWithout = 0;
    bool onGoal = true;
    std::printf("%5s %10s %14s %12s\n", "build", "goal", "known failures", "without");
    int unconfirmed = kRepeating;
    for (int b = 1; b <= builds; ++b) {
        const std::size_t goal = static_cast<std::size_t>(kNewPerBuild + unconfirmed); // new + not yet confirmed
        const std::size_t i = static_cast<std::size_t>(b - 1);
        std::printf("%5d %10zu %14zu %12zu\n", b, goal, with.calls[i], without.calls[i]);
        onGoal = onGoal && with.calls[i] == goal;
        totalWith += with.calls[i];
        totalWithout += without.calls[i];
        unconfirmed = std::max(0, unconfirmed - (b == 1 ? kConfirmedFirst : kConfirmedPerBuild));
    }
    std::printf("AI calls in %d builds: %zu with known failures, %zu without (%.1f%% of them)\n", builds, totalWith,
                totalWithout, 100.0 * static_cast<double>(totalWith) / static_cast<double>(totalWithout));
    std::printf("median request time per build: %.3f s with, %.3f s without (fake AI answers at once)\n",
                median(with.seconds), median(without.seconds));
    std::printf("%s\n", onGoal ? "on goal: one AI call per new or unconfirmed signature" : "OFF GOAL");
    return onGoal ? 0 : 1;
}
