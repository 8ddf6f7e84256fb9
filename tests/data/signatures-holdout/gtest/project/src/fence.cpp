#include "geotrack/fence.h"

namespace geotrack {

bool Geofence::contains(const LatLon& p) const {
  bool inside = false;
  const std::size_t n = ring_.size();
  // ray casting towards +lon
  for (std::size_t i = 0, j = 0; i < n; j = i++) {
    const LatLon& a = ring_[i];
    const LatLon& b = ring_[j];
    if ((a.lat > p.lat) != (b.lat > p.lat)) {
      const double x = (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon;
      if (p.lon < x) inside = !inside;
    }
  }
  return inside;
}

void GeofenceMonitor::feed(const Fix& f) {
  const bool in = fence_.contains(f.pos);
  if (in != inside_) {
    ++streak_;
    if (streak_ >= debounce_) {
      inside_ = in;
      streak_ = 0;
      events_.push_back({in ? FenceEvent::Enter : FenceEvent::Exit, f.t_ms});
    }
  }
}

}  // namespace geotrack
