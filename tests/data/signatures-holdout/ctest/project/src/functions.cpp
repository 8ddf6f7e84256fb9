#include <algorithm>
#include <cmath>
#include <numeric>

#include "cellcalc.h"

namespace cellcalc {

namespace {
double fn_sum(const std::vector<double>& a) { return std::accumulate(a.begin(), a.end(), 0.0); }
double fn_avg(const std::vector<double>& a) { return a.empty() ? 0 : fn_sum(a) / a.size(); }
double fn_min(const std::vector<double>& a) { return *std::min_element(a.begin(), a.end()); }
double fn_max(const std::vector<double>& a) { return *std::max_element(a.begin(), a.end()); }
double fn_abs(const std::vector<double>& a) { return std::fabs(a[0]); }
double fn_round(const std::vector<double>& a) {
  const double p = std::pow(10.0, a.size() > 1 ? a[1] : 0);
  return std::round(a[0] * p) / p;
}
// Spreadsheet MOD: result has the sign of the divisor.
double fn_mod(const std::vector<double>& a) { return std::fmod(a[0], a[1]); }

const Builtin kBuiltins[] = {
    {"SUM", fn_sum, 1, 255}, {"AVG", fn_avg, 1, 255},  {"MIN", fn_min, 1, 255},
    {"MAX", fn_max, 1, 255}, {"ABS", fn_abs, 1, 1},    {"ROUND", fn_round, 1, 2},
    {"MOD", fn_mod, 2, 2},
};

const std::pair<const char*, const char*> kAliases[] = {
    {"AVERAGE", "AVG"}, {"MEAN", "AVG"}, {"TOTAL", "SUM"},
};
}  // namespace

FunctionTable::FunctionTable() {
  for (const auto& [alias, target] : kAliases) map_[alias] = lookup(target);
  for (const auto& b : kBuiltins) map_[b.name] = &b;
}

const Builtin* FunctionTable::lookup(const std::string& name) const {
  auto it = map_.find(name);
  return it == map_.end() ? nullptr : it->second;
}

}  // namespace cellcalc
