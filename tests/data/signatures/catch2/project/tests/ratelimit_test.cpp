#include <catch2/catch.hpp>

#include "jobsched.hpp"

using jobsched::TokenBucket;

namespace {
struct FakeClock {
  std::int64_t now = jobsched::systemMillis();
  jobsched::Clock fn() { return [this] { return now; }; }
};
}  // namespace

TEST_CASE("token bucket starts empty", "[ratelimit]") {
  FakeClock clock;
  TokenBucket bucket(10, 100, clock.fn());
  CHECK(bucket.available() == 0);
}

TEST_CASE("token bucket refills fractional seconds", "[ratelimit]") {
  const double rate = GENERATE(2.0, 4.0, 10.0, 50.0);
  DYNAMIC_SECTION("rate " << rate << "/s") {
    FakeClock clock;
    TokenBucket bucket(rate, 1000, clock.fn());
    INFO("bucket created at " << clock.now << " ms");
    clock.now += 1500;
    CHECK(bucket.available() == static_cast<int>(rate * 1.5));
  }
}

TEST_CASE("token bucket admits bursts after short idle", "[ratelimit]") {
  FakeClock clock;
  TokenBucket bucket(20, 40, clock.fn());
  INFO("idle since " << clock.now);
  clock.now += 250;
  REQUIRE(bucket.tryTake(5));
}

TEST_CASE("token bucket caps at burst", "[ratelimit]") {
  FakeClock clock;
  TokenBucket bucket(10, 15, clock.fn());
  clock.now += 60'000;
  CHECK(bucket.available() == 15);
}
