#include <catch2/catch.hpp>

#include "jobsched.hpp"

using jobsched::Router;

static Router apiRouter() {
  Router r;
  r.add("/jobs", "jobs.list");
  r.add("/jobs/:id", "jobs.show");
  r.add("/jobs/:id/runs/:run", "runs.show");
  return r;
}

TEST_CASE("router matches plain paths", "[router]") {
  const Router r = apiRouter();
  CHECK(r.match("/jobs", nullptr) == "jobs.list");
  CHECK(r.match("/jobs/7?verbose=1", nullptr) == "jobs.show");
}

TEST_CASE("router tolerates a trailing slash", "[router]") {
  const Router r = apiRouter();
  SECTION("collection") { CHECK(r.match("/jobs/", nullptr) == "jobs.list"); }
  SECTION("member") { CHECK(r.match("/jobs/42/", nullptr) == "jobs.show"); }
}

TEST_CASE("router extracts params from links with trailing slash", "[router]") {
  const Router r = apiRouter();
  std::vector<std::pair<std::string, std::string>> params;
  r.match("/jobs/nightly-backup/runs/1718/", &params);
  CHECK(params.at(0).second == "nightly-backup");
  CHECK(params.at(1).second == "1718");
}
