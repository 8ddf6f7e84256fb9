// Minimal check harness shared by the cellcalc test programs.
#pragma once
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "cellcalc.h"

namespace check {

struct Case {
  const char* formula;
  double expected;
};

// Writes `csv` to a fresh temp dir and loads it, like the CLI does.
inline cellcalc::Sheet make_sheet(const char* group, const char* csv) {
  char tmpl[] = "/tmp/cellcalc-XXXXXX";
  if (!mkdtemp(tmpl)) { std::perror("mkdtemp"); std::exit(2); }
  const std::string path = std::string(tmpl) + "/" + group + ".csv";
  std::ofstream(path) << csv;
  cellcalc::Sheet s = cellcalc::Sheet::load_csv(path);
  std::printf("sheet %s loaded at %p\n", path.c_str(), static_cast<void*>(&s));
  std::remove(path.c_str());
  rmdir(tmpl);
  return s;
}

inline int run(const char* group, const std::vector<Case>& cases, const cellcalc::Sheet& sheet) {
  using clock = std::chrono::steady_clock;
  const auto wall = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::printf("cellcalc check group=%s pid=%d started=%.3f\n", group, static_cast<int>(getpid()), wall);
  std::fflush(stdout);
  int failed = 0;
  for (const Case& c : cases) {
    const auto t0 = clock::now();
    std::string err;
    double got = NAN;
    try {
      got = cellcalc::evaluate(c.formula, sheet);
    } catch (const std::exception& e) {
      err = e.what();
    }
    const double ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
    if (!err.empty()) {
      ++failed;
      std::printf("  FAIL  %s threw: %s (%.3f ms)\n", c.formula, err.c_str(), ms);
    } else if (std::fabs(got - c.expected) > 1e-9 * std::max(1.0, std::fabs(c.expected))) {
      ++failed;
      std::printf("  FAIL  %s = %.10g, expected %.10g (%.3f ms)\n", c.formula, got, c.expected, ms);
    } else {
      std::printf("  ok    %s = %.10g (%.3f ms)\n", c.formula, got, ms);
    }
    std::fflush(stdout);
  }
  std::printf("%d of %zu cases failed\n", failed, cases.size());
  return failed ? 1 : 0;
}

inline int unknown_group(const char* prog, const char* g) {
  std::fprintf(stderr, "%s: unknown group '%s'\n", prog, g ? g : "(none)");
  return 2;
}

}  // namespace check
