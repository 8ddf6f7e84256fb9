#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include "confkit.hpp"

using confkit::IniConfig;
using confkit::Rule;
using confkit::validate;

BOOST_AUTO_TEST_SUITE(schema)

BOOST_AUTO_TEST_CASE(accepts_complete_config) {
  IniConfig cfg;
  cfg.set("db.url", "postgres://db/app");
  cfg.set("db.password", "correct-horse-battery");
  BOOST_TEST(validate(cfg, {{"db.url", true, 1}, {"db.password", true, 12}}).empty());
}

BOOST_AUTO_TEST_CASE(reports_missing_required_key) {
  IniConfig cfg;
  cfg.set("db.url", "postgres://db/app");
  const auto problems = validate(cfg, {{"db.url", true, 1}, {"db.password", true, 12}});
  BOOST_TEST(problems.size() == 1u);
}

BOOST_AUTO_TEST_CASE(optional_key_may_be_absent) {
  IniConfig cfg;
  cfg.set("db.url", "postgres://db/app");
  BOOST_TEST(validate(cfg, {{"db.url", true, 1}, {"db.replica", false, 1}}).empty());
}

BOOST_AUTO_TEST_CASE(empty_config_lists_every_problem) {
  IniConfig cfg;
  BOOST_TEST(validate(cfg, {{"a", true, 1}, {"b", true, 1}}).size() == 2u);
}

BOOST_AUTO_TEST_CASE(pool_plan_splits_connections) {
  IniConfig cfg;
  cfg.set("pool.max", "32");
  cfg.set("pool.workers", "4");
  BOOST_TEST(confkit::planPool(cfg).perWorker == 8);
}

BOOST_AUTO_TEST_CASE(pool_plan_keeps_remainder_spare) {
  IniConfig cfg;
  cfg.set("pool.max", "10");
  cfg.set("pool.workers", "3");
  const auto plan = confkit::planPool(cfg);
  BOOST_TEST(plan.spare == 1);
}

BOOST_AUTO_TEST_CASE(pool_plan_defaults_max_connections) {
  IniConfig cfg;
  cfg.set("pool.workers", std::to_string(2 + ::getpid() % 5));
  BOOST_TEST(confkit::planPool(cfg).connections == 16);
}

BOOST_AUTO_TEST_SUITE_END()
