#pragma once
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace confkit {

// INI files with [sections], `key = value`, `include = other.ini` and ${VAR} expansion.
// Section and key names are case-insensitive; lookups use "section.key".
class IniConfig {
 public:
  void load(const std::string& path);
  void set(const std::string& key, const std::string& value);
  bool has(const std::string& key) const;
  std::string get(const std::string& key, const std::string& def = "") const;
  int getInt(const std::string& key, int def = 0) const;
  const std::string* lookup(const std::string& key) const;
  std::size_t size() const { return values_.size(); }

 private:
  void loadInto(const std::string& path, std::string section, int depth);
  std::map<std::string, std::string> values_;
};

// "150ms", "2s", "5m", "1h" -> milliseconds.
std::chrono::milliseconds parseDuration(const std::string& text);

// Replaces ${NAME} with vars[NAME]; unknown names expand to "".
std::string expandVars(const std::string& text, const std::map<std::string, std::string>& vars);

struct Rule {
  std::string key;
  bool required;
  int minLength;
};

// Returns a list of problems; empty when the config is valid.
std::vector<std::string> validate(const IniConfig& cfg, const std::vector<Rule>& rules);

// Splits pool.max connections over pool.workers workers.
struct PoolPlan {
  int connections = 0;
  int workers = 0;
  int perWorker = 0;
  int spare = 0;
};
PoolPlan planPool(const IniConfig& cfg);

// A directory holding master.key; refuses keys readable by group or others.
class SecretStore {
 public:
  explicit SecretStore(const std::string& dir);
  std::string reveal(const std::string& name) const;

 private:
  std::string dir_;
  std::string key_;
};

}  // namespace confkit
