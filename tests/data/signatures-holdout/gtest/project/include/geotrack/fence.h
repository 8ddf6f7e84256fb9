#pragma once
#include <string>
#include <vector>

#include "geotrack/geo.h"
#include "geotrack/track.h"

namespace geotrack {

class Geofence {
 public:
  explicit Geofence(std::vector<LatLon> ring) : ring_(std::move(ring)) {}
  bool contains(const LatLon& p) const;

 private:
  std::vector<LatLon> ring_;  // implicitly closed
};

struct FenceEvent {
  enum Kind { Enter, Exit } kind;
  std::int64_t t_ms;
};

// Emits Enter/Exit only after `debounce` consecutive fixes agree.
class GeofenceMonitor {
 public:
  GeofenceMonitor(Geofence fence, int debounce) : fence_(std::move(fence)), debounce_(debounce) {}
  void feed(const Fix& f);
  const std::vector<FenceEvent>& events() const { return events_; }

 private:
  Geofence fence_;
  int debounce_;
  bool inside_ = false;
  int streak_ = 0;
  std::vector<FenceEvent> events_;
};

}  // namespace geotrack
