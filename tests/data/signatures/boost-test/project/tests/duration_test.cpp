#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "confkit.hpp"

namespace bdata = boost::unit_test::data;
using confkit::parseDuration;

BOOST_AUTO_TEST_SUITE(duration)

BOOST_AUTO_TEST_CASE(parses_seconds_and_hours) {
  BOOST_TEST(parseDuration("2s").count() == 2000);
  BOOST_TEST(parseDuration("1h").count() == 3600000);
}

BOOST_AUTO_TEST_CASE(parses_minutes) { BOOST_TEST(parseDuration("5m").count() == 300000); }

static const char* kMillis[] = {"150ms", "1ms", "2500ms", "40ms", "999ms"};
static const long long kMillisExpected[] = {150, 1, 2500, 40, 999};

BOOST_DATA_TEST_CASE(parses_milliseconds, bdata::make(kMillis) ^ bdata::make(kMillisExpected),
                     text, expected) {
  BOOST_TEST(parseDuration(text).count() == expected);
}

BOOST_AUTO_TEST_CASE(request_timeout_under_a_second) {
  const auto timeout = parseDuration("750ms");
  BOOST_TEST(timeout.count() < 1000, "timeout is " << timeout.count() << "ms");
}

BOOST_AUTO_TEST_SUITE_END()
