#pragma once
#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

namespace jobsched {

// Milliseconds since the epoch; injectable so tests can move time.
using Clock = std::function<std::int64_t()>;
std::int64_t systemMillis();

// Token bucket: `ratePerSec` tokens per second up to `burst`.
class TokenBucket {
 public:
  TokenBucket(double ratePerSec, int burst, Clock clock);
  bool tryTake(int n = 1);
  int available();

 private:
  void refill();
  double rate_;
  int burst_;
  Clock clock_;
  std::int64_t last_;
  int tokens_;
};

// "*/N" (every N minutes) or a fixed minute "M"; next() returns epoch seconds.
class CronSpec {
 public:
  static CronSpec parse(const std::string& text);
  std::int64_t next(std::int64_t afterEpochSec) const;
  int step() const { return step_; }

 private:
  int step_ = 0;    // every N minutes when > 0
  int minute_ = -1; // fixed minute otherwise
};

// Routes "/a/:id/b" style patterns.
class Router {
 public:
  void add(const std::string& pattern, std::string handler);
  // Returns the handler name, or "" when nothing matches; fills params.
  std::string match(const std::string& path, std::vector<std::pair<std::string, std::string>>* params) const;

 private:
  std::vector<std::pair<std::string, std::string>> routes_;
};

struct Job {
  std::string name;
  int priority;  // higher runs first
};

class JobQueue {
 public:
  void push(Job j);
  Job pop();
  std::vector<Job> drain(std::size_t max);
  std::size_t size() const { return heap_.size(); }

 private:
  struct ByPriority {
    bool operator()(const Job& a, const Job& b) const { return a.priority > b.priority; }
  };
  std::priority_queue<Job, std::vector<Job>, ByPriority> heap_;
};

// A spool directory guarded by a lock file, for jobs that survive restarts.
class Spool {
 public:
  explicit Spool(std::string dir);
  ~Spool();
  std::string enqueue(const std::string& payload);
  std::size_t pending() const;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::string lockPath_;
};

}  // namespace jobsched
