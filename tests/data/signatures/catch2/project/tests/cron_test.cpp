#include <catch2/catch.hpp>

#include "jobsched.hpp"

using jobsched::CronSpec;

static std::int64_t nowSec() { return jobsched::systemMillis() / 1000; }

TEST_CASE("fixed minute fires later this hour or next", "[cron]") {
  const auto spec = CronSpec::parse("30");
  const std::int64_t now = nowSec();
  const std::int64_t next = spec.next(now);
  CHECK(next > now);
  CHECK(next % 3600 == 30 * 60);
}

TEST_CASE("step schedule fires in the future", "[cron]") {
  const std::string text = GENERATE(as<std::string>{}, "*/5", "*/15", "*/30");
  DYNAMIC_SECTION("spec " << text) {
    const auto spec = CronSpec::parse(text);
    const std::int64_t now = nowSec() | 1;  // never exactly on a boundary
    CAPTURE(now);
    REQUIRE(spec.next(now) > now);
  }
}

TEST_CASE("step schedule lands on a step boundary within one step", "[cron]") {
  const auto spec = CronSpec::parse("*/10");
  const std::int64_t now = nowSec() | 1;
  const std::int64_t next = spec.next(now);
  CHECK(next % 600 == 0);
  CHECK(next - now <= 600);
  CHECK(next - now > 0);
}

TEST_CASE("rejects zero step", "[cron]") {
  CHECK_THROWS_AS(CronSpec::parse("*/0"), std::invalid_argument);
}
