#include <gtest/gtest.h>

#include "geotrack/fence.h"

using geotrack::Fix;
using geotrack::Geofence;
using geotrack::GeofenceMonitor;
using geotrack::LatLon;

namespace {
Geofence yard() {
  return Geofence({{48.10, 11.50}, {48.10, 11.60}, {48.20, 11.60}, {48.20, 11.50}});
}
const LatLon kIn{48.15, 11.55};
const LatLon kOut{48.15, 11.70};

// 'i' = inside, 'o' = outside, one fix per second.
std::vector<Fix> script(const std::string& s) {
  std::vector<Fix> out;
  std::int64_t t = 1718000000000;
  for (char c : s) out.push_back({t += 1000, c == 'i' ? kIn : kOut});
  return out;
}

GeofenceMonitor run(const std::string& s, int debounce) {
  GeofenceMonitor mon(yard(), debounce);
  for (const Fix& f : script(s)) mon.feed(f);
  return mon;
}
}  // namespace

TEST(GeofenceMonitor, CleanEnterThenExit) {
  const auto mon = run("oooiiiiiiooooo", 3);
  const auto& result = mon.events();
  EXPECT_EQ(result.size(), 2u) << "monitor@" << &mon;
}

TEST(GeofenceMonitor, IsolatedGlitchesIgnored) {
  const auto mon = run("ooiiiiiioiiiioiiiioiiii", 3);
  const auto& result = mon.events();
  EXPECT_EQ(result.size(), 1u) << "monitor@" << &mon;
}

TEST(GeofenceMonitor, GpsBounceAtGateIgnored) {
  const auto mon = run("oooioiooioooiioooo", 3);
  const auto& result = mon.events();
  EXPECT_EQ(result.size(), 0u) << "monitor@" << &mon;
}

TEST(GeofenceMonitor, ExitTimestampIsThirdOutsideFix) {
  const auto mon = run("iiiiiiooiooooo", 3);
  ASSERT_EQ(mon.events().size(), 2u) << "monitor@" << &mon;
  EXPECT_EQ(mon.events()[1].t_ms, 1718000000000 + 12 * 1000);
}
