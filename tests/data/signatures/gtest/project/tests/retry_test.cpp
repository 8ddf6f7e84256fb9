#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "retry.hpp"

using blobstore::Attempt;
using blobstore::retry;
using blobstore::RetryPolicy;

static std::string describe(const std::vector<Attempt>& log) {
  std::ostringstream out;
  for (const auto& a : log) out << " #" << a.number << "@" << a.startedAtMs << "ms";
  return out.str();
}

TEST(RetryTest, SucceedsOnFirstAttempt) {
  int calls = 0;
  EXPECT_TRUE(retry(RetryPolicy{3, std::chrono::milliseconds(1)}, [&] { return ++calls > 0; }));
  EXPECT_EQ(calls, 1);
}

TEST(RetryTest, GivesUpAfterMaxAttempts) {
  int calls = 0;
  std::vector<Attempt> log;
  EXPECT_FALSE(retry(RetryPolicy{3, std::chrono::milliseconds(2)},
                     [&] { ++calls; return false; }, &log));
  EXPECT_EQ(calls, 3) << "attempts:" << describe(log);
}

TEST(RetryTest, SingleAttemptPolicyDoesNotRetry) {
  int calls = 0;
  std::vector<Attempt> log;
  retry(RetryPolicy{1, std::chrono::milliseconds(1)}, [&] { ++calls; return false; }, &log);
  EXPECT_EQ(calls, 1) << "attempts:" << describe(log);
}

TEST(RetryTest, TotalBackoffStaysWithinBudget) {
  using namespace std::chrono;
  const auto start = steady_clock::now();
  retry(RetryPolicy{4, milliseconds(5)}, [] { return false; });
  const auto elapsedMs = duration_cast<milliseconds>(steady_clock::now() - start).count();
  // 5 + 10 + 15 + 20 ms of backoff, plus scheduling slack.
  EXPECT_LT(elapsedMs, 70) << "retry loop took " << elapsedMs << "ms";
}
