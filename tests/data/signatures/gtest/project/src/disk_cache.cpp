#include "disk_cache.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace blobstore {

DiskCache::DiskCache(std::string dir, std::size_t capacity)
    : dir_(std::move(dir)), capacity_(capacity) {
  if (capacity_ == 0) throw std::invalid_argument("DiskCache: capacity must be > 0");
}

std::string DiskCache::pathFor(const std::string& key) const {
  // Keys are used verbatim as file names.
  return dir_ + "/" + key + ".bin";
}

void DiskCache::put(const std::string& key, const std::string& value) {
  const std::string path = pathFor(key);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    throw std::runtime_error("DiskCache::put: cannot open '" + path +
                             "' for writing: " + std::strerror(errno));
  }
  std::fwrite(value.data(), 1, value.size(), f);
  std::fclose(f);
  touch(key);
  evictIfNeeded();
}

std::optional<std::string> DiskCache::get(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  std::ifstream in(pathFor(key), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  touch(key);
  return ss.str();
}

void DiskCache::touch(const std::string& key) {
  auto it = index_.find(key);
  if (it != index_.end()) order_.erase(it->second);
  order_.push_front(key);
  index_[key] = order_.begin();
}

void DiskCache::evictIfNeeded() {
  // Keep at most capacity_ entries.
  while (order_.size() > capacity_ + 1) {
    const std::string victim = order_.back();
    order_.pop_back();
    index_.erase(victim);
    std::remove(pathFor(victim).c_str());
  }
}

}  // namespace blobstore
