// Benchmark: history queries on a large history. Fills a SQLite database with
// 1,000,000 failure-history rows (200 jobs x 50 analysed builds x 100 failures, 5,000
// distinct tests, 60 error families), starts the real jji-server on it and reports the
// median latency of GET /history/failures?search=, /history/test/{name} and
// /history/stats/{job} over varied parameters. A fresh database is also signed again with
// signature version 2, timed, as an upgrade from schema 8 does at start-up.
//
//   ./build/tests/jji_bench_history [rows=1000000] [requests=31] [db_file]
// With db_file, the database is kept there and reused by later runs (filling takes minutes).
#include "jji/analysis/signature/ErrorSignature.h"
#include "jji/storage/Database.h"
#include "jji/storage/FailureHistoryStore.h"
#include "jji/storage/Migrations.h"
#include "jji/test/ServerProcess.h"
#include "jji/test/TempDir.h"

#include <Poco/Data/Session.h>
#include <Poco/File.h>
#include <Poco/URI.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

using namespace Poco::Data::Keywords;

namespace {

constexpr int kJobs = 200;
constexpr int kBuildsPerJob = 50;
constexpr int kTests = 5000;
constexpr int kFamilies = 60;

std::string jobName(int j)
{
    return "team-" + std::to_string(j % 20) + "/pipeline-" + std::to_string(j);
}

std::string testName(int t)
{
    return "tests.module_" + std::to_string(t % 250) + ".TestClass" + std::to_string(t % 7) + ".test_case_" + std::to_string(t);
}

std::string errorOf(int family, int variant)
{
    static const char* kinds[] = {"AssertionError: expected 200 got 500", "TimeoutError: timeout after 30s waiting for pod",
                                  "ConnectionError: connection refused to db", "KeyError: 'user_id'",
                                  "NullPointerException in CheckoutService", "OSError: No space left on device"};
    return std::string(kinds[family % 6]) + " (family " + std::to_string(family) + ", run " + std::to_string(variant) + ")";
}

/// Inserts the analyses and their failures straight through Poco Data in large batches.
void fill(jji::storage::Database& db, long long rows)
{
    const long long perBuild = std::max(1LL, rows / (kJobs * kBuildsPerJob));
    Poco::Data::Session s = db.session();
    long long written = 0;
    int day = 0;
    for (int build = 1; build <= kBuildsPerJob && written < rows; ++build) {
        s.begin();
        std::vector<std::string> jobIds, jobNames, tests, errors, signatures, classifications, times;
        std::vector<Poco::Int64> builds;
        std::vector<std::string> resultIds, resultJobs, resultTimes;
        std::vector<Poco::Int64> resultBuilds, resultUs;
        for (int j = 0; j < kJobs && written < rows; ++j) {
            const std::string jobId = "job-" + std::to_string(j) + "-" + std::to_string(build);
            char time[32];
            std::snprintf(time, sizeof(time), "2026-%02d-%02d %02d:%02d:00", 1 + (day / 28) % 12, 1 + day % 28, j % 24, build % 60);
            resultIds.push_back(jobId);
            resultJobs.push_back(jobName(j));
            resultTimes.push_back(time);
            resultBuilds.push_back(build);
            resultUs.push_back(static_cast<Poco::Int64>(build) * 1000000 + j);
            for (long long f = 0; f < perBuild && written < rows; ++f, ++written) {
                const int test = static_cast<int>((j * 131 + f * 17 + build) % kTests);
                const int family = static_cast<int>((test + build) % kFamilies);
                jobIds.push_back(jobId);
                jobNames.push_back(jobName(j));
                builds.push_back(build);
                tests.push_back(testName(test));
                errors.push_back(errorOf(family, build));
                signatures.push_back("sig-" + std::to_string(family));
                classifications.push_back(family % 3 == 0 ? "INFRASTRUCTURE" : family % 3 == 1 ? "CODE ISSUE" : "PRODUCT BUG");
                times.push_back(time);
            }
        }
        std::vector<std::string> completed(resultIds.size(), "completed");
        s << "INSERT INTO results (job_id, status, job_name, build_number, created_at, created_us) VALUES (?, ?, ?, ?, ?, ?)",
            use(resultIds), use(completed), use(resultJobs), use(resultBuilds), use(resultTimes), use(resultUs), now;
        s << "INSERT INTO failure_history (job_id, job_name, build_number, test_name, error_message, error_signature, "
             "classification, analyzed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            use(jobIds), use(jobNames), use(builds), use(tests), use(errors), use(signatures), use(classifications), use(times),
            now;
        s.commit();
        ++day;
        if (build % 10 == 0)
            std::fprintf(stderr, "filled %lld rows\n", written);
    }
}

double medianMs(const jji::test::HttpClient& http, int requests, const std::function<std::string(int)>& path)
{
    std::vector<double> ms;
    http.get(path(0)); // warm the page cache once
    for (int i = 0; i < requests; ++i) {
        const auto start = std::chrono::steady_clock::now();
        auto r = http.get(path(i));
        const auto end = std::chrono::steady_clock::now();
        if (r.status != 200) {
            std::fprintf(stderr, "%s -> %d %s\n", path(i).c_str(), r.status, r.body.c_str());
            std::exit(1);
        }
        ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

std::string encode(const std::string& text)
{
    std::string out;
    Poco::URI::encode(text, "&=+?#/ %'\"", out);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    const long long rows = argc > 1 ? std::atoll(argv[1]) : 1000000;
    const int requests = argc > 2 ? std::atoi(argv[2]) : 31;
    jji::test::TempDir dir;
    const std::string dbPath = argc > 3 ? argv[3] : dir.file("history.db");
    const bool fresh = !Poco::File(dbPath).exists();
    if (fresh) {
        jji::storage::Database db = jji::storage::Database::open(dbPath);
        jji::storage::Migrations::apply(db);
        const auto start = std::chrono::steady_clock::now();
        fill(db, rows);
        std::printf("filled %lld history rows in %.1f s\n", rows,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        const auto indexing = std::chrono::steady_clock::now();
        jji::storage::FailureHistoryStore(db).backfillTexts(); // what jji-server does at start-up
        std::printf("indexed them for search in %.1f s\n",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - indexing).count());
    }
    if (fresh || std::getenv("JJI_BENCH_RESIGN")) {
        jji::storage::Database db = jji::storage::Database::open(dbPath);
        // The upgrade to signature version 2 as jji-server runs it at start-up, on rows marked
        // as written by version 1.
        {
            auto s = db.session();
            s << "UPDATE failure_history SET signature_version = 1", now;
        }
        const auto resigning = std::chrono::steady_clock::now();
        const std::size_t resigned = jji::storage::FailureHistoryStore(db).resignOlderRows(
            jji::analysis::ErrorSignature::kVersion, [](const std::string& message) {
                std::string text = jji::analysis::ErrorSignature::normalize(message, "");
                return std::make_pair(jji::analysis::ErrorSignature::hashText(text), text);
            });
        std::printf("signed %zu rows again (signature version %d) in %.1f s\n", resigned, jji::analysis::ErrorSignature::kVersion,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - resigning).count());
    }
    jji::test::ServerProcess server(jji::test::ServerProcess::Options{{{"DB_PATH", dbPath}}, {}});
    const auto& http = server.http();

    struct Query
    {
        const char* name;
        std::function<std::string(int)> path;
    };
    const std::vector<Query> queries{
        {"/history/failures?search=<test fragment>",
         [](int i) { return "/history/failures?search=" + encode("module_" + std::to_string(i % 250) + ".TestClass"); }},
        {"/history/failures?search=<broad: every test>",
         [](int i) { return "/history/failures?search=" + encode("TestClass" + std::to_string(i % 7)); }},
        {"/history/failures?search=<error phrase>",
         [](int i) { return "/history/failures?search=" + encode("family " + std::to_string(i % kFamilies) + ",") ; }},
        {"/history/failures (no filter, page 3)", [](int) { return std::string("/history/failures?limit=50&offset=100"); }},
        {"/history/failures?job_name=&classification=",
         [](int i) { return "/history/failures?job_name=" + encode(jobName(i % kJobs)) + "&classification=" + encode("CODE ISSUE"); }},
        {"/history/test/<name>?job_name=",
         [](int i) { return "/history/test/" + testName((i * 37) % kTests) + "?job_name=" + encode(jobName(i % kJobs)); }},
        {"/history/test/<name>", [](int i) { return "/history/test/" + testName((i * 53) % kTests); }},
        {"/history/stats/<job>", [](int i) { return "/history/stats/" + jobName((i * 7) % kJobs); }},
    };
    std::printf("median of %d requests each, %lld rows, SQLite, over HTTP:\n", requests, rows);
    for (const auto& q : queries)
        std::printf("  %-48s %8.2f ms\n", q.name, medianMs(http, requests, q.path));
    return 0;
}
