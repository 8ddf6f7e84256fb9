#pragma once
#include <cstddef>
#include <vector>

namespace blobstore {

struct Page {
  std::size_t number;
  std::vector<int> items;
};

// Splits a listing into fixed-size pages; the last page may be short.
class Paginator {
 public:
  Paginator(std::vector<int> items, std::size_t pageSize);
  std::size_t pageCount() const;
  Page page(std::size_t n) const;

 private:
  std::vector<int> items_;
  std::size_t pageSize_;
};

}  // namespace blobstore
