#include <gtest/gtest.h>

#include <string>

#include "disk_cache.hpp"
#include "temp_dir.hpp"

using blobstore::DiskCache;

class DiskCacheTest : public ::testing::Test {
 protected:
  TempDir tmp_{"gtest-cache"};
};

TEST_F(DiskCacheTest, StoresAndReadsBackValue) {
  DiskCache cache(tmp_.path(), 4);
  cache.put("alpha", "1");
  ASSERT_TRUE(cache.get("alpha").has_value());
  EXPECT_EQ(*cache.get("alpha"), "1");
}

TEST_F(DiskCacheTest, EvictsLeastRecentlyUsedEntry) {
  DiskCache cache(tmp_.path(), 2);
  cache.put("k0", "zero");
  cache.put("k1", "one");
  cache.put("k2", "two");
  EXPECT_FALSE(cache.get("k0").has_value())
      << "k0 should have been evicted from " << cache.dir();
  EXPECT_TRUE(cache.get("k2").has_value());
}

TEST_F(DiskCacheTest, StoresKeysWithNamespaceSeparator) {
  DiskCache cache(tmp_.path(), 4);
  cache.put("users/42", "{\"name\":\"ada\"}");
  EXPECT_EQ(cache.get("users/42").value_or(""), "{\"name\":\"ada\"}");
}

TEST_F(DiskCacheTest, OverwritesNestedKeyInPlace) {
  DiskCache cache(tmp_.path(), 4);
  const std::string key = "sessions/" + std::to_string(::getpid()) + "/token";
  cache.put(key, "a");
  cache.put(key, "b");
  EXPECT_EQ(cache.size(), 1u);
}

TEST_F(DiskCacheTest, ReadsBackImageTiles) {
  DiskCache cache(tmp_.path(), 8);
  for (int z = 0; z < 2; ++z) cache.put("tiles/z" + std::to_string(z), "png");
  EXPECT_EQ(cache.size(), 2u);
}

class DiskCacheCapacityTest : public ::testing::TestWithParam<std::size_t> {
 protected:
  TempDir tmp_{"gtest-cache"};
};

TEST_P(DiskCacheCapacityTest, SizeNeverExceedsCapacity) {
  const std::size_t capacity = GetParam();
  DiskCache cache(tmp_.path(), capacity);
  for (std::size_t i = 0; i < capacity * 3; ++i) {
    cache.put("item-" + std::to_string(i), std::string(i + 1, 'x'));
  }
  EXPECT_EQ(cache.size(), capacity) << "cache dir " << cache.dir();
}

INSTANTIATE_TEST_SUITE_P(Capacities, DiskCacheCapacityTest,
                         ::testing::Values(1, 2, 3, 5, 8, 13));
