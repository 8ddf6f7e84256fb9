#include <gtest/gtest.h>

#include <fstream>

#include "config.hpp"
#include "temp_dir.hpp"

using blobstore::Config;

static void writeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

TEST(ConfigTest, LoadsFlatFile) {
  TempDir tmp("gtest-cfg");
  writeFile(tmp.path() + "/flat.conf", "# service\nport = 8080\nname = blobstore\n");
  Config cfg;
  ASSERT_TRUE(cfg.load(tmp.path() + "/flat.conf")) << cfg.error();
  EXPECT_EQ(cfg.getInt("port"), 8080);
}

TEST(ConfigTest, MissingFileReportsError) {
  Config cfg;
  EXPECT_FALSE(cfg.load("/nonexistent/blobstore.conf"));
}

// The fixture loads the service's sectioned config, as shipped, once per test.
class ServiceConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = tmp_.path() + "/service-" + std::to_string(::getpid()) + ".conf";
    writeFile(path_,
              "# blobstore service\n"
              "listen = 127.0.0.1:9400\n"
              "\n"
              "  # cache tuning\n"
              "cache.capacity = 256\n"
              "cache.dir = /var/cache/blobstore\n"
              "\t# retry tuning\n"
              "retry.max_attempts = 4\n");
    ASSERT_TRUE(cfg_.load(path_)) << cfg_.error();
  }

  TempDir tmp_{"gtest-cfg"};
  std::string path_;
  Config cfg_;
};

TEST_F(ServiceConfigTest, ReadsListenAddress) { EXPECT_EQ(cfg_.get("listen"), "127.0.0.1:9400"); }

TEST_F(ServiceConfigTest, ReadsCacheCapacity) { EXPECT_EQ(cfg_.getInt("cache.capacity"), 256); }

TEST_F(ServiceConfigTest, ReadsRetryAttempts) { EXPECT_EQ(cfg_.getInt("retry.max_attempts"), 4); }

TEST_F(ServiceConfigTest, DefaultsUnknownKeys) { EXPECT_EQ(cfg_.get("nope", "dflt"), "dflt"); }
