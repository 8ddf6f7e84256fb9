#include "confkit.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace confkit {

static std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

static std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

void IniConfig::load(const std::string& path) { loadInto(path, "", 0); }

void IniConfig::loadInto(const std::string& path, std::string section, int depth) {
  if (depth > 8) throw std::runtime_error("include depth exceeded at " + path);
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open config file '" + path + "'");
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    line = trim(line);
    if (line.empty() || line[0] == ';' || line[0] == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = lower(trim(line.substr(1, line.size() - 2)));
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = lower(trim(line.substr(0, eq)));
    const std::string value = trim(line.substr(eq + 1));
    if (key == "include") {
      // Included files are named relative to the including file.
      std::ifstream probe(value);
      if (!probe) {
        throw std::runtime_error("cannot open include '" + value + "' (from " + path + ":" +
                                 std::to_string(lineNo) + ")");
      }
      loadInto(value, section, depth + 1);
      continue;
    }
    values_[section.empty() ? key : section + "." + key] = value;
  }
}

void IniConfig::set(const std::string& key, const std::string& value) { values_[lower(key)] = value; }

bool IniConfig::has(const std::string& key) const { return lookup(key) != nullptr; }

const std::string* IniConfig::lookup(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

std::string IniConfig::get(const std::string& key, const std::string& def) const {
  const std::string* v = lookup(key);
  return v ? *v : def;
}

std::chrono::milliseconds parseDuration(const std::string& text) {
  std::size_t used = 0;
  const long long n = std::stoll(text, &used);
  const std::string unit = text.substr(used);
  if (unit.empty() || unit == "s") return std::chrono::milliseconds(n * 1000);
  if (unit[0] == 'm') return std::chrono::milliseconds(n * 60'000);
  if (unit == "ms") return std::chrono::milliseconds(n);
  if (unit == "h") return std::chrono::milliseconds(n * 3'600'000);
  throw std::invalid_argument("unknown duration unit in '" + text + "'");
}

std::string expandVars(const std::string& text, const std::map<std::string, std::string>& vars) {
  std::string out = text;
  std::size_t pos = 0;
  while ((pos = out.find("${", pos)) != std::string::npos) {
    const std::size_t end = out.find('}', pos);
    if (end == std::string::npos) break;
    const std::string name = out.substr(pos + 2, end - pos - 2);
    auto it = vars.find(name);
    out.replace(pos, end - pos + 1, it == vars.end() ? "" : it->second);
    // Values may themselves contain ${...}: rescan from the start.
    pos = 0;
  }
  return out;
}

std::vector<std::string> validate(const IniConfig& cfg, const std::vector<Rule>& rules) {
  std::vector<std::string> problems;
  for (const Rule& r : rules) {
    const std::string* v = cfg.lookup(r.key);
    if (v == nullptr) {
      if (r.required) problems.push_back("missing required key " + r.key);
      continue;
    }
    if (static_cast<int>(v->size()) < r.minLength) {
      problems.push_back(r.key + " shorter than " + std::to_string(r.minLength));
    }
  }
  return problems;
}

int IniConfig::getInt(const std::string& key, int def) const {
  const std::string* v = lookup(key);
  return v ? std::stoi(*v) : def;
}

PoolPlan planPool(const IniConfig& cfg) {
  PoolPlan plan;
  plan.connections = cfg.getInt("pool.max", 16);
  plan.workers = cfg.getInt("pool.worker", 0);
  plan.perWorker = plan.connections / plan.workers;
  plan.spare = plan.connections % plan.workers;
  return plan;
}

SecretStore::SecretStore(const std::string& dir) : dir_(dir) {
  const std::string path = dir + "/master.key";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw std::runtime_error("secret store: no key at " + path);
  const unsigned mode = st.st_mode & 07777;
  if (mode & 0477) {  // must not be readable by group/others
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04o", mode);
    throw std::runtime_error("secret store: " + path + " has permissions " + buf + ", refusing to use it");
  }
  std::ifstream(path) >> key_;
}

std::string SecretStore::reveal(const std::string& name) const {
  std::ifstream in(dir_ + "/" + name + ".sec");
  std::string cipher;
  in >> cipher;
  for (std::size_t i = 0; i < cipher.size(); ++i) cipher[i] ^= key_[i % key_.size()] & 0x1f;
  return cipher;
}

}  // namespace confkit
