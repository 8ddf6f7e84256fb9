#pragma once
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>

// Minimal self-registering cases: each CTest test runs one case by name.
using Case = std::function<int()>;
inline std::map<std::string, Case>& cases() {
  static std::map<std::string, Case> m;
  return m;
}
struct Register {
  Register(const char* n, Case c) { cases()[n] = std::move(c); }
};
#define CASE(name) \
  static int name(); \
  static Register reg_##name(#name, name); \
  static int name()

inline int runCase(int argc, char** argv) {
  if (argc != 2 || !cases().count(argv[1])) {
    std::fprintf(stderr, "usage: %s CASE\n", argv[0]);
    for (auto& kv : cases()) std::fprintf(stderr, "  %s\n", kv.first.c_str());
    return 2;
  }
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  return cases()[argv[1]]();
}
