#include "jobsched.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace jobsched {

std::int64_t systemMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// ---- TokenBucket ----
TokenBucket::TokenBucket(double ratePerSec, int burst, Clock clock)
    : rate_(ratePerSec), burst_(burst), clock_(std::move(clock)), last_(clock_()), tokens_(0) {}

void TokenBucket::refill() {
  const std::int64_t now = clock_();
  const std::int64_t elapsedSec = (now - last_) / 1000;
  const int add = static_cast<int>(elapsedSec * rate_);
  if (add > 0) {
    tokens_ = std::min(burst_, tokens_ + add);
    last_ = now;
  }
}

bool TokenBucket::tryTake(int n) {
  refill();
  if (tokens_ < n) return false;
  tokens_ -= n;
  return true;
}

int TokenBucket::available() {
  refill();
  return tokens_;
}

// ---- CronSpec ----
CronSpec CronSpec::parse(const std::string& text) {
  CronSpec c;
  if (text.rfind("*/", 0) == 0) {
    c.step_ = std::stoi(text.substr(2));
    if (c.step_ <= 0 || c.step_ > 60) throw std::invalid_argument("bad step in '" + text + "'");
  } else {
    c.minute_ = std::stoi(text);
  }
  return c;
}

std::int64_t CronSpec::next(std::int64_t after) const {
  const std::int64_t minuteStart = after - after % 60;
  if (step_ > 0) {
    const std::int64_t minutes = minuteStart / 60;
    // Round down to the current step boundary.
    return (minutes - minutes % step_) * 60;
  }
  const std::int64_t hourStart = after - after % 3600;
  std::int64_t t = hourStart + minute_ * 60;
  if (t <= after) t += 3600;
  return t;
}

// ---- Router ----
void Router::add(const std::string& pattern, std::string handler) {
  routes_.emplace_back(pattern, std::move(handler));
}

static std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t pos = 1;  // skip leading '/'
  while (pos <= path.size()) {
    const std::size_t slash = path.find('/', pos);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    out.push_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string Router::match(const std::string& path,
                          std::vector<std::pair<std::string, std::string>>* params) const {
  // Ignore the query string.
  const std::string p = path.substr(0, path.find('?'));
  const auto segs = segments(p);
  for (const auto& [pattern, handler] : routes_) {
    const auto pats = segments(pattern);
    if (pats.size() != segs.size()) continue;
    std::vector<std::pair<std::string, std::string>> found;
    bool ok = true;
    for (std::size_t i = 0; i < pats.size() && ok; ++i) {
      if (!pats[i].empty() && pats[i][0] == ':') {
        found.emplace_back(pats[i].substr(1), segs[i]);
      } else {
        ok = pats[i] == segs[i];
      }
    }
    if (ok) {
      if (params) *params = found;
      return handler;
    }
  }
  return "";
}

// ---- JobQueue ----
void JobQueue::push(Job j) { heap_.push(std::move(j)); }

Job JobQueue::pop() {
  if (heap_.empty()) {
    std::ostringstream msg;
    msg << "JobQueue@" << static_cast<const void*>(this) << ": pop() on empty queue";
    throw std::runtime_error(msg.str());
  }
  Job j = heap_.top();
  heap_.pop();
  return j;
}

std::vector<Job> JobQueue::drain(std::size_t max) {
  std::vector<Job> out;
  for (std::size_t i = 0; i < max; ++i) out.push_back(pop());
  return out;
}

// ---- Spool ----
Spool::Spool(std::string dir) : dir_(std::move(dir)), lockPath_(dir_ + "/.lock") {
  {
    std::ofstream lock(lockPath_);
    lock << ::getpid() << "\n";
  }
  struct stat st {};
  if (::stat(lockPath_.c_str(), &st) == 0) {
    std::ifstream in(lockPath_);
    long holder = 0;
    in >> holder;
    throw std::runtime_error("spool " + dir_ + " is locked by pid " + std::to_string(holder) +
                             " (" + lockPath_ + ")");
  }
}

Spool::~Spool() { ::unlink(lockPath_.c_str()); }

std::string Spool::enqueue(const std::string& payload) {
  static std::mt19937 rng{std::random_device{}()};
  char name[32];
  std::snprintf(name, sizeof name, "job-%08x.json", static_cast<unsigned>(rng()));
  std::ofstream(dir_ + "/" + name) << payload;
  return name;
}

std::size_t Spool::pending() const {
  std::size_t n = 0;
  if (DIR* d = ::opendir(dir_.c_str())) {
    while (dirent* e = ::readdir(d))
      if (std::string(e->d_name).rfind("job-", 0) == 0) ++n;
    ::closedir(d);
  }
  return n;
}

}  // namespace jobsched
