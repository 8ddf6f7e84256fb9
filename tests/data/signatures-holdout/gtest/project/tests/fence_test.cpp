#include <gtest/gtest.h>

#include "geotrack/fence.h"

using geotrack::Geofence;
using geotrack::LatLon;

namespace {
// Depot yard, listed clockwise starting at the south-east corner.
Geofence depot() {
  return Geofence({{48.10, 11.60}, {48.10, 11.50}, {48.20, 11.50}, {48.20, 11.60}});
}
}  // namespace

struct Probe {
  LatLon p;
  bool inside;
};

class GeofenceProbeTest : public ::testing::TestWithParam<Probe> {};

TEST_P(GeofenceProbeTest, ContainsMatchesExpectation) {
  const Probe& c = GetParam();
  const Geofence fence = depot();
  EXPECT_EQ(fence.contains(c.p), c.inside) << "probe " << c.p;
}

INSTANTIATE_TEST_SUITE_P(Depot, GeofenceProbeTest,
                         ::testing::Values(Probe{{48.15, 11.55}, true},   //
                                           Probe{{48.12, 11.58}, true},   //
                                           Probe{{48.18, 11.51}, true},   //
                                           Probe{{48.195, 11.595}, true}, //
                                           Probe{{48.15, 11.45}, false},  // west
                                           Probe{{48.11, 11.30}, false},  // far west
                                           Probe{{48.15, 11.65}, false},  // east
                                           Probe{{48.25, 11.55}, false},  // north
                                           Probe{{48.05, 11.55}, false}));  // south
