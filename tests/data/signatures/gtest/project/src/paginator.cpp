#include "paginator.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace blobstore {

Paginator::Paginator(std::vector<int> items, std::size_t pageSize)
    : items_(std::move(items)), pageSize_(pageSize) {
  if (pageSize_ == 0) throw std::invalid_argument("page size must be > 0");
}

std::size_t Paginator::pageCount() const { return items_.size() / pageSize_; }

Page Paginator::page(std::size_t n) const {
  if (n >= pageCount()) {
    throw std::out_of_range("page " + std::to_string(n) + " out of range (" +
                            std::to_string(pageCount()) + " pages)");
  }
  const std::size_t begin = n * pageSize_;
  const std::size_t end = std::min(items_.size(), begin + pageSize_);
  return Page{n, std::vector<int>(items_.begin() + begin, items_.begin() + end)};
}

}  // namespace blobstore
