#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "geotrack/geo.h"

namespace geotrack {

struct Fix {
  std::int64_t t_ms = 0;  // epoch milliseconds
  LatLon pos;
};

class Track {
 public:
  Track() = default;
  explicit Track(std::vector<Fix> fixes) : fixes_(std::move(fixes)) {}

  std::size_t size() const { return fixes_.size(); }
  const Fix& at(std::size_t i) const { return fixes_.at(i); }
  const std::vector<Fix>& fixes() const { return fixes_; }

  // Speed (m/s) of each segment between consecutive fixes.
  std::vector<double> speeds() const;
  double max_speed() const;
  double average_speed() const;
  // Indices of fixes where the tracker stood still for at least min_ms.
  std::vector<std::size_t> stops(std::int64_t min_ms, double max_speed_mps = 0.5) const;

 private:
  std::vector<Fix> fixes_;
};

// Lines "epoch_ms,lat,lon"; '#' starts a comment line.
Track parse_track(const std::string& text);
Track load_track_file(const std::string& path);

}  // namespace geotrack
