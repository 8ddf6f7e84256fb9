#pragma once
#include <cstdint>
#include <ostream>

namespace geotrack {

struct LatLon {
  double lat = 0;
  double lon = 0;
};

inline std::ostream& operator<<(std::ostream& os, const LatLon& p) {
  return os << "(" << p.lat << ", " << p.lon << ")";
}

constexpr double kEarthRadiusM = 6371000.0;

double deg2rad(double deg);
// Great-circle distance in metres.
double haversine_m(const LatLon& a, const LatLon& b);

}  // namespace geotrack
