#include "batch.hpp"

namespace ledger {

BatchRunner::BatchRunner(int workers) {
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
}

BatchRunner::~BatchRunner() {
  for (auto& t : threads_)
    if (t.joinable()) t.detach();
}

void BatchRunner::submit(std::function<void()> job) {
  std::lock_guard<std::mutex> lock(mu_);
  queue_.push_back(std::move(job));
  ++pending_;
  cv_.notify_one();
}

void BatchRunner::work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      job = std::move(queue_.back());
      queue_.pop_back();
    }
    job();
    std::lock_guard<std::mutex> lock(mu_);
    --pending_;
    if (pending_ == 0) done_.notify_all();
  }
}

void BatchRunner::close() {
  std::unique_lock<std::mutex> lock(mu_);
  closing_ = true;
  cv_.notify_all();
  // Wait for the last job to finish.
  done_.wait(lock, [this] { return pending_ == 0 && queue_.empty() && threads_.empty(); });
  lock.unlock();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

}  // namespace ledger
