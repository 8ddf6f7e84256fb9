#include <boost/test/unit_test.hpp>
#include <unistd.h>

#include "confkit.hpp"
#include "tmpdir.hpp"

using confkit::IniConfig;

BOOST_AUTO_TEST_SUITE(ini)

BOOST_AUTO_TEST_CASE(reads_sectioned_values) {
  TmpDir tmp("confkit");
  IniConfig cfg;
  cfg.load(tmp.write("app.ini", "[server]\nport = 8080\nhost = 0.0.0.0\n"));
  BOOST_TEST(cfg.get("server.port") == "8080");
  BOOST_TEST(cfg.size() == 2u);
}

BOOST_AUTO_TEST_CASE(lookup_ignores_key_case) {
  TmpDir tmp("confkit");
  IniConfig cfg;
  cfg.load(tmp.write("app.ini", "[Server]\nPort = 8080\n"));
  BOOST_TEST(cfg.get("Server.Port") == "8080");
}

BOOST_AUTO_TEST_CASE(has_matches_mixed_case) {
  IniConfig cfg;
  cfg.set("Database.URL", "postgres://db:5432/app");
  BOOST_TEST(cfg.has("database.url"));
  BOOST_TEST(cfg.has("DATABASE.URL"));
}

BOOST_AUTO_TEST_CASE(env_style_keys_resolve) {
  IniConfig cfg;
  cfg.set("cache.ttl", "30s");
  BOOST_CHECK_EQUAL(cfg.get("CACHE.TTL", "unset"), "30s");
}

BOOST_AUTO_TEST_CASE(follows_include_in_same_dir) {
  TmpDir tmp("confkit");
  tmp.write("db.ini", "[db]\nurl = postgres://localhost/app\n");
  IniConfig cfg;
  cfg.load(tmp.write("app.ini", "[server]\nport = 1\ninclude = db.ini\n"));
  BOOST_TEST(cfg.get("db.url") == "postgres://localhost/app");
}

BOOST_AUTO_TEST_CASE(nested_includes_resolve) {
  TmpDir tmp("confkit");
  tmp.write("leaf.ini", "[leaf]\nname = " + tmp.path + "\n");
  tmp.write("mid.ini", "include = leaf.ini\n");
  IniConfig cfg;
  BOOST_CHECK_NO_THROW(cfg.load(tmp.write("root.ini", "include = mid.ini\n")));
}

BOOST_AUTO_TEST_CASE(include_inherits_section) {
  TmpDir tmp("confkit");
  tmp.write("limits-" + std::to_string(::getpid()) + ".ini", "max = 64\n");
  IniConfig cfg;
  cfg.load(tmp.write("app.ini", "[pool]\ninclude = limits-" + std::to_string(::getpid()) + ".ini\n"));
  BOOST_TEST(cfg.get("pool.max") == "64");
}

BOOST_AUTO_TEST_SUITE_END()
