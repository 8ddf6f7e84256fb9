#include "geotrack/simplify.h"

#include <cmath>

namespace geotrack {

namespace {

// Local equirectangular projection around `o`, in metres.
void project(const LatLon& o, const LatLon& p, double& x, double& y) {
  x = deg2rad(p.lon - o.lon) * std::cos(deg2rad(o.lat)) * kEarthRadiusM;
  y = deg2rad(p.lat - o.lat) * kEarthRadiusM;
}

// Distance of p from the segment a-b.
double offset_m(const LatLon& a, const LatLon& b, const LatLon& p) {
  double bx, by, px, py;
  project(a, b, bx, by);
  project(a, p, px, py);
  const double cross = std::abs(bx * py - by * px);
  return cross / std::hypot(px, py);
}

void dp(const std::vector<Fix>& in, std::size_t lo, std::size_t hi, double eps,
        std::vector<bool>& keep) {
  if (hi <= lo + 1) return;
  double dmax = 0;
  std::size_t idx = lo;
  for (std::size_t i = lo + 1; i < hi; ++i) {
    const double d = offset_m(in[lo].pos, in[hi].pos, in[i].pos);
    if (d > dmax) { dmax = d; idx = i; }
  }
  if (dmax > eps) {
    keep[idx] = true;
    dp(in, lo, idx, eps, keep);
    dp(in, idx, hi, eps, keep);
  }
}

}  // namespace

Track simplify(const Track& t, double epsilon_m) {
  const auto& in = t.fixes();
  if (in.size() < 3) return t;
  std::vector<bool> keep(in.size(), false);
  keep.front() = keep.back() = true;
  dp(in, 0, in.size() - 1, epsilon_m, keep);
  std::vector<Fix> out;
  for (std::size_t i = 0; i < in.size(); ++i)
    if (keep[i]) out.push_back(in[i]);
  return Track(std::move(out));
}

}  // namespace geotrack
