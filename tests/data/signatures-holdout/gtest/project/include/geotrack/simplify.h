#pragma once
#include "geotrack/track.h"

namespace geotrack {
// Douglas-Peucker simplification; epsilon in metres.
Track simplify(const Track& t, double epsilon_m);
}  // namespace geotrack
