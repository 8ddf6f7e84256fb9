#include "geotrack/geo.h"

#include <cmath>

namespace geotrack {

double deg2rad(double deg) { return deg * M_PI / 180.0; }

double haversine_m(const LatLon& a, const LatLon& b) {
  const double lat1 = deg2rad(a.lat);
  const double lat2 = deg2rad(b.lat);
  const double dlat = lat2 - lat1;
  const double dlon = b.lon - a.lon;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::sqrt(std::min(1.0, h)));
}

}  // namespace geotrack
