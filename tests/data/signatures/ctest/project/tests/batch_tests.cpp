#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <sstream>
#include <thread>

#include "batch.hpp"
#include "check.hpp"
#include "ledger.hpp"

using namespace ledger;

static std::string threadId() {
  std::ostringstream s;
  s << std::this_thread::get_id();
  return s.str();
}

static int runBatch(int workers, int jobs) {
  std::atomic<int> done{0};
  BatchRunner runner(workers);
  std::printf("pid %d: %d jobs on %d workers, started %lld\n", static_cast<int>(::getpid()),
              jobs, workers, static_cast<long long>(epochMillis()));
  for (int i = 0; i < jobs; ++i) runner.submit([&done] { ++done; });
  std::printf("thread %s waiting for batch to drain\n", threadId().c_str());
  runner.close();
  std::printf("done %d/%d\n", done.load(), jobs);
  return done.load() == jobs ? 0 : 1;
}

CASE(batch_single_worker) { return runBatch(1, 10); }
CASE(batch_parallel_postings) { return runBatch(4, 200); }
CASE(batch_empty) { return runBatch(2, 0); }

int main(int argc, char** argv) { return runCase(argc, argv); }
