#include <gtest/gtest.h>

#include "geotrack/geo.h"

using geotrack::haversine_m;
using geotrack::LatLon;

struct CityPair {
  const char* name;
  LatLon a, b;
  double expected_m;  // reference: geographiclib-style spherical distance
};

class HaversineTest : public ::testing::TestWithParam<CityPair> {};

TEST_P(HaversineTest, MatchesReference) {
  const CityPair& c = GetParam();
  EXPECT_NEAR(haversine_m(c.a, c.b), c.expected_m, c.expected_m * 1e-3)
      << c.name << ": " << c.a << " -> " << c.b;
}

INSTANTIATE_TEST_SUITE_P(
    CityPairs, HaversineTest,
    ::testing::Values(
        CityPair{"Berlin_Paris", {52.5200, 13.4050}, {48.8566, 2.3522}, 877463.3},
        CityPair{"Lisbon_Madrid", {38.7223, -9.1393}, {40.4168, -3.7038}, 502447.2},
        CityPair{"Oslo_Helsinki", {59.9139, 10.7522}, {60.1699, 24.9384}, 786714.3},
        CityPair{"Quito_Nairobi", {-0.1807, -78.4678}, {-1.2921, 36.8219}, 12818348.3},
        CityPair{"Sydney_Auckland", {-33.8688, 151.2093}, {-36.8485, 174.7633}, 2155898.3},
        CityPair{"Vienna_Bratislava", {48.2082, 16.3738}, {48.1486, 17.1077}, 54817.8},
        CityPair{"Greenwich_Valencia", {51.4779, 0.0015}, {39.4699, 0.0015}, 1335228.7}),
    [](const ::testing::TestParamInfo<CityPair>& info) { return std::string(info.param.name); });

TEST(Haversine, ZeroForSamePoint) {
  EXPECT_DOUBLE_EQ(haversine_m({48.1, 11.5}, {48.1, 11.5}), 0.0);
}
