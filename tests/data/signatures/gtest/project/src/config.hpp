#pragma once
#include <map>
#include <string>

namespace blobstore {

// Loads `key = value` files; blank lines and lines starting with '#' are ignored.
class Config {
 public:
  bool load(const std::string& path);
  const std::string& error() const { return error_; }
  std::string get(const std::string& key, const std::string& def = "") const;
  int getInt(const std::string& key, int def = 0) const;

 private:
  std::map<std::string, std::string> values_;
  std::string error_;
};

}  // namespace blobstore
