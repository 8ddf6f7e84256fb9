#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

namespace blobstore {

struct RetryPolicy {
  int maxAttempts = 3;
  std::chrono::milliseconds backoff{1};
};

struct Attempt {
  int number;
  std::int64_t startedAtMs;  // epoch milliseconds
  bool ok;
};

// Runs `op` until it returns true or the policy's attempts are used up.
bool retry(const RetryPolicy& policy, const std::function<bool()>& op,
           std::vector<Attempt>* log = nullptr);

}  // namespace blobstore
