#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>

#include "jobsched.hpp"

using jobsched::Job;
using jobsched::JobQueue;
using jobsched::Spool;

static std::string randomName(const char* base) {
  static std::mt19937 rng{std::random_device{}()};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s-%06x", base, static_cast<unsigned>(rng() & 0xffffff));
  return buf;
}

TEST_CASE("queue pops highest priority first", "[queue]") {
  JobQueue q;
  q.push({randomName("backup"), 1});
  q.push({"urgent", 10});
  q.push({randomName("report"), 5});
  CHECK(q.pop().name == "urgent");
}

TEST_CASE("queue keeps priority order across refills", "[queue]") {
  JobQueue q;
  const std::string low = randomName("vacuum");
  q.push({low, 0});
  q.push({randomName("invoice"), 7});
  q.pop();
  q.push({randomName("alert"), 9});
  const Job next = q.pop();
  CHECK(next.priority == 9);
}

TEST_CASE("queue runs alerts before housekeeping", "[queue]") {
  JobQueue q;
  for (int i = 0; i < 4; ++i) q.push({randomName("cleanup"), 2});
  q.push({randomName("page-oncall"), 20});
  const Job first = q.pop();
  INFO("first job " << first.name);
  CHECK(first.priority == 20);
}

TEST_CASE("queue pops the only job", "[queue]") {
  JobQueue q;
  q.push({"solo", 3});
  CHECK(q.pop().name == "solo");
  CHECK(q.size() == 0);
}

TEST_CASE("drain returns at most what is queued", "[queue]") {
  JobQueue q;
  for (int i = 0; i < 3; ++i) q.push({randomName("mail"), i});
  const auto batch = q.drain(10);
  CHECK(batch.size() == 3);
}

TEST_CASE("drain of an empty queue is empty", "[queue]") {
  JobQueue q;
  CHECK(q.drain(4).empty());
}

TEST_CASE("scheduler tick drains a partial batch", "[queue]") {
  JobQueue q;
  for (int i = 0; i < 5; ++i) q.push({randomName("thumb"), 1});
  std::size_t ran = 0;
  for (int tick = 0; tick < 2; ++tick) ran += q.drain(4).size();
  CHECK(ran == 5);
}

namespace {
class SpoolFixture {
 public:
  SpoolFixture() {
    char tmpl[] = "/tmp/catch-spool-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir_ = tmpl;
    spool_ = std::make_unique<Spool>(dir_);
  }
  ~SpoolFixture() {
    spool_.reset();
    std::system(("rm -rf '" + dir_ + "'").c_str());
  }

 protected:
  std::string dir_;
  std::unique_ptr<Spool> spool_;
};
}  // namespace

TEST_CASE_METHOD(SpoolFixture, "spool persists enqueued jobs", "[spool]") {
  spool_->enqueue("{\"job\":\"reindex\"}");
  CHECK(spool_->pending() == 1);
}

TEST_CASE_METHOD(SpoolFixture, "spool names jobs uniquely", "[spool]") {
  CHECK(spool_->enqueue("a") != spool_->enqueue("b"));
}

TEST_CASE_METHOD(SpoolFixture, "spool starts empty", "[spool]") {
  CHECK(spool_->pending() == 0);
}
