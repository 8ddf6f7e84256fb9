#include "retry.hpp"

#include <thread>

namespace blobstore {

static std::int64_t nowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool retry(const RetryPolicy& policy, const std::function<bool()>& op,
           std::vector<Attempt>* log) {
  for (int attempt = 0; attempt <= policy.maxAttempts; ++attempt) {
    const std::int64_t started = nowMs();
    const bool ok = op();
    if (log) log->push_back(Attempt{attempt + 1, started, ok});
    if (ok) return true;
    std::this_thread::sleep_for(policy.backoff * (attempt + 1));
  }
  return false;
}

}  // namespace blobstore
