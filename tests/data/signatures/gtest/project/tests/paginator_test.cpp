#include <gtest/gtest.h>

#include <chrono>
#include <numeric>

#include "paginator.hpp"

using blobstore::Paginator;

static std::vector<int> listing(int n) {
  std::vector<int> v(n);
  std::iota(v.begin(), v.end(), 1000);
  return v;
}

static long long epochMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

TEST(PaginatorTest, ExactMultipleHasNoEmptyTrailingPage) {
  Paginator p(listing(40), 10);
  EXPECT_EQ(p.pageCount(), 4u);
}

TEST(PaginatorTest, CountsPartialLastPage) {
  Paginator p(listing(41), 10);
  EXPECT_EQ(p.pageCount(), 5u) << "listing fetched at " << epochMicros() << "us";
}

TEST(PaginatorTest, CollectsEveryItemAcrossPages) {
  const auto items = listing(23);
  Paginator p(items, 5);
  std::size_t collected = 0;
  for (std::size_t i = 0; i < p.pageCount(); ++i) collected += p.page(i).items.size();
  EXPECT_EQ(collected, items.size()) << "snapshot " << epochMicros();
}

TEST(PaginatorTest, LastPageHoldsRemainder) {
  Paginator p(listing(17), 4);
  const auto last = p.page(4);
  EXPECT_EQ(last.items.size(), 1u);
}

TEST(PaginatorTest, SinglePartialPage) {
  Paginator p(listing(3), 50);
  EXPECT_EQ(p.pageCount(), 1u);
}
