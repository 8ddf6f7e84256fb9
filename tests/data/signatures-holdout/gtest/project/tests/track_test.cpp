#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include "geotrack/track.h"

using geotrack::Fix;
using geotrack::Track;

namespace {
const char* kRide =
    "# tracker 7f3c export\n"
    "1718000000000,48.1372,11.5756\n"
    "1718000005000,48.1375,11.5763\n"
    "1718000010000,48.1379,11.5771\n";

Track straight_ride() {
  // ~55 m every 5 s heading east, then a 60 s stop, then moving again.
  return Track({{1718000000000, {48.1372, 11.5756}},
                {1718000005000, {48.1372, 11.5763}},
                {1718000010000, {48.1372, 11.5770}},
                {1718000070000, {48.1372, 11.5770}},
                {1718000075000, {48.1372, 11.5777}}});
}
}  // namespace

TEST(TrackParse, ParsesThreeFixes) {
  const Track t = geotrack::parse_track(kRide);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.at(2).t_ms, 1718000010000);
}

TEST(TrackParse, SkipsCommentLines) {
  const Track t = geotrack::parse_track(std::string("# header\n") + kRide + "# trailer\n");
  EXPECT_EQ(t.size(), 3u);
}

TEST(TrackParse, RejectsMalformedLine) {
  EXPECT_THROW(geotrack::parse_track("1718000000000,48.1\n"), std::invalid_argument);
}

class RideFileTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/geotrack-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/ride-" + GetParam() + ".csv";
    std::ofstream(path_) << kRide;
    try {
      track_ = geotrack::load_track_file(path_);
    } catch (const std::exception& e) {
      FAIL() << "loading " << path_ << " failed: " << e.what();
    }
  }
  void TearDown() override {
    std::remove(path_.c_str());
    rmdir(dir_.c_str());
  }
  std::string dir_, path_;
  Track track_;
};

TEST_P(RideFileTest, LoadsAllFixes) { EXPECT_EQ(track_.size(), 3u); }

INSTANTIATE_TEST_SUITE_P(Rides, RideFileTest, ::testing::Values("commute", "loop", "hill"));

TEST(TrackSpeed, MaxSpeed) {
  EXPECT_NEAR(straight_ride().max_speed(), 10.4, 0.3);
}

TEST(TrackSpeed, AverageSpeed) {
  EXPECT_NEAR(straight_ride().average_speed(), 7.8, 0.3);
}

TEST(TrackSpeed, DetectsStop) {
  const auto stops = straight_ride().stops(30000);
  ASSERT_EQ(stops.size(), 1u);
  EXPECT_EQ(stops[0], 2u);
}

TEST(TrackSpeed, SingleFixHasNoSpeed) {
  const Track t(std::vector<Fix>{{1718000000000, {48.1, 11.5}}});
  EXPECT_TRUE(t.speeds().empty());
}

TEST(TrackSpeed, EmptyTrackHasNoSpeed) {
  EXPECT_EQ(Track().max_speed(), 0.0);
}
