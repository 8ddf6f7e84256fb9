#pragma once
#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

namespace blobstore {

// A small LRU cache that keeps every value in a file under `dir`.
class DiskCache {
 public:
  DiskCache(std::string dir, std::size_t capacity);
  void put(const std::string& key, const std::string& value);
  std::optional<std::string> get(const std::string& key);
  std::size_t size() const { return order_.size(); }
  std::size_t capacity() const { return capacity_; }
  const std::string& dir() const { return dir_; }
  std::string pathFor(const std::string& key) const;

 private:
  void touch(const std::string& key);
  void evictIfNeeded();

  std::string dir_;
  std::size_t capacity_;
  std::list<std::string> order_;  // front = most recently used
  std::unordered_map<std::string, std::list<std::string>::iterator> index_;
};

}  // namespace blobstore
