#include "config.hpp"

#include <fstream>

namespace blobstore {

static std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool Config::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    error_ = "cannot open " + path;
    return false;
  }
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) {
      error_ = "parse error at " + path + ":" + std::to_string(lineNo) +
               ": expected key = value, got '" + line + "'";
      return false;
    }
    values_[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  return true;
}

std::string Config::get(const std::string& key, const std::string& def) const {
  auto it = values_.find(key);
  return it == values_.end() ? def : it->second;
}

int Config::getInt(const std::string& key, int def) const {
  auto it = values_.find(key);
  return it == values_.end() ? def : std::stoi(it->second);
}

}  // namespace blobstore
