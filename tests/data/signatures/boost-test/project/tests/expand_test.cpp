#include <boost/test/unit_test.hpp>
#include <unistd.h>

#include <cstdlib>

#include "confkit.hpp"

namespace utf = boost::unit_test;
using confkit::expandVars;

BOOST_AUTO_TEST_SUITE(expand)

BOOST_AUTO_TEST_CASE(substitutes_known_vars) {
  BOOST_TEST(expandVars("${HOST}:${PORT}", {{"HOST", "db"}, {"PORT", "5432"}}) == "db:5432");
}

BOOST_AUTO_TEST_CASE(unknown_vars_expand_empty) { BOOST_TEST(expandVars("a${NOPE}b", {}) == "ab"); }

BOOST_AUTO_TEST_CASE(appends_to_inherited_path, *utf::timeout(1)) {
  const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin";
  BOOST_TEST(expandVars("${PATH}:/opt/confkit/bin", {{"PATH", "${PATH}"}}).size() > path.size());
}

BOOST_AUTO_TEST_CASE(java_opts_extend_previous, *utf::timeout(1)) {
  BOOST_TEST(!expandVars("${JAVA_OPTS} -Xmx1g", {{"JAVA_OPTS", "${JAVA_OPTS} -Dpid=" + std::to_string(::getpid())}}).empty());
}

BOOST_AUTO_TEST_CASE(mutually_referencing_vars_terminate, *utf::timeout(1)) {
  const auto out = expandVars("${A}", {{"A", "x${B}"}, {"B", "y${A}"}});
  BOOST_TEST(out.size() < 1000u);
}

BOOST_AUTO_TEST_SUITE_END()
