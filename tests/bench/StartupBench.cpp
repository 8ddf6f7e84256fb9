// Benchmark: start-up time, from launching jji-server to its first healthy /health answer
// (ServerProcess launches it and polls /health every few milliseconds), median of several
// starts: on an empty data directory (schema created) and, when given, on a copy-free
// existing SQLite database (e.g. the history benchmark's million rows: schema current,
// history text ids checked).
//
//   ./build/tests/jji_bench_startup [starts=5] [existing_db_file]
#include "jji/test/ServerProcess.h"
#include "jji/test/TempDir.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// Milliseconds until the started daemon answered /health with 200.
double startOnce(const std::map<std::string, std::string>& env)
{
    const auto began = std::chrono::steady_clock::now();
    jji::test::ServerProcess server({env, {}});
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
    if (server.http().get("/health").status != 200) {
        std::fprintf(stderr, "the daemon started but is not healthy\n%s\n", server.log().c_str());
        std::exit(1);
    }
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    const int starts = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    const std::string existing = argc > 2 ? argv[2] : "";

    std::vector<double> fresh;
    for (int i = 0; i < starts; ++i) {
        jji::test::TempDir dir;
        fresh.push_back(startOnce({{"JJI_DATA_DIR", dir.path()}}));
    }
    std::printf("start-up to first healthy /health, median of %d:\n", starts);
    std::printf("  empty data directory                %8.1f ms\n", median(fresh));
    if (!existing.empty()) {
        std::vector<double> loaded;
        for (int i = 0; i < starts; ++i)
            loaded.push_back(startOnce({{"DB_PATH", existing}}));
        std::printf("  existing database %-18s %8.1f ms\n", ("(" + existing + ")").c_str(), median(loaded));
    }
    return 0;
}
