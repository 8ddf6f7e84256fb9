#pragma once
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ledger {

// Runs posting jobs on worker threads; close() waits until every job is done.
class BatchRunner {
 public:
  explicit BatchRunner(int workers);
  ~BatchRunner();
  void submit(std::function<void()> job);
  void close();

 private:
  void work();
  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable done_;
  std::vector<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  int pending_ = 0;
  bool closing_ = false;
};

}  // namespace ledger
