#include "geotrack/track.h"

#include <algorithm>
#include <fstream>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace geotrack {

std::vector<double> Track::speeds() const {
  std::vector<double> out;
  if (fixes_.empty()) return out;
  for (std::size_t i = 0; i < fixes_.size(); ++i) {
    const Fix& a = fixes_.at(i);
    const Fix& b = fixes_.at(i + 1);
    const double dt = (b.t_ms - a.t_ms) / 1000.0;
    out.push_back(dt > 0 ? haversine_m(a.pos, b.pos) / dt : 0.0);
  }
  return out;
}

double Track::max_speed() const {
  const auto s = speeds();
  return s.empty() ? 0.0 : *std::max_element(s.begin(), s.end());
}

double Track::average_speed() const {
  const auto s = speeds();
  return s.empty() ? 0.0 : std::accumulate(s.begin(), s.end(), 0.0) / s.size();
}

std::vector<std::size_t> Track::stops(std::int64_t min_ms, double max_speed_mps) const {
  std::vector<std::size_t> out;
  const auto s = speeds();
  std::size_t start = 0;
  bool still = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] <= max_speed_mps) {
      if (!still) { still = true; start = i; }
    } else if (still) {
      still = false;
      if (fixes_[i].t_ms - fixes_[start].t_ms >= min_ms) out.push_back(start);
    }
  }
  if (still && fixes_.back().t_ms - fixes_[start].t_ms >= min_ms) out.push_back(start);
  return out;
}

static std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> parts;
  std::stringstream ss(line);
  std::string item;
  while (std::getline(ss, item, sep)) parts.push_back(item);
  return parts;
}

Track parse_track(const std::string& text) {
  std::vector<Fix> fixes;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto p = split(line, ',');
    if (p.size() != 3) throw std::invalid_argument("bad fix line: " + line);
    Fix f;
    f.t_ms = std::stoi(p[0]);
    f.pos.lat = std::stod(p[1]);
    f.pos.lon = std::stod(p[2]);
    fixes.push_back(f);
  }
  return Track(std::move(fixes));
}

Track load_track_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  return parse_track(buf.str());
}

}  // namespace geotrack
