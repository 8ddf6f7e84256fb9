#include <gtest/gtest.h>

#include <cmath>

#include "geotrack/simplify.h"

using geotrack::Fix;
using geotrack::Track;

namespace {
// lat/lon offsets of about 1 m per 1e-5 deg lat at 48N
Track path(std::initializer_list<std::pair<double, double>> offsets_m) {
  std::vector<Fix> f;
  std::int64_t t = 1718000000000;
  for (auto [north, east] : offsets_m) {
    f.push_back({t, {48.0 + north / 111195.0, 11.0 + east / (111195.0 * std::cos(48.0 * M_PI / 180))}});
    t += 1000;
  }
  return Track(f);
}
}  // namespace

TEST(Simplify, StraightLineCollapses) {
  const Track result = geotrack::simplify(path({{0, 0}, {0, 100}, {0, 200}, {0, 300}, {0, 400}}), 5.0);
  EXPECT_EQ(result.size(), 2u);
}

TEST(Simplify, JitterBelowEpsilonIsDropped) {
  const Track result = geotrack::simplify(
      path({{0, 0}, {3, 50}, {-3, 100}, {3, 150}, {-3, 200}, {3, 250}, {0, 1000}}), 8.0);
  EXPECT_EQ(result.size(), 2u);
}

TEST(Simplify, KeepsSingleCorner) {
  const Track result = geotrack::simplify(
      path({{0, 0}, {2, 40}, {0, 80}, {0, 500}, {40, 502}, {80, 498}, {500, 500}}), 6.0);
  EXPECT_EQ(result.size(), 3u);
}
