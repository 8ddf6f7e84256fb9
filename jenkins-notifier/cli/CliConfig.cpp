#include "CliConfig.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <set>

namespace jji {
namespace cli {

namespace {

enum class KeyType { Text, Integer, Boolean };

/// The keys a profile may hold and their TOML types (the original's ServerConfig).
const std::map<std::string, KeyType>& knownKeys()
{
    static const std::map<std::string, KeyType> keys{
        {"url", KeyType::Text}, {"username", KeyType::Text}, {"no_verify_ssl", KeyType::Boolean}, {"api_key", KeyType::Text},
        {"jenkins_url", KeyType::Text}, {"jenkins_user", KeyType::Text}, {"jenkins_password", KeyType::Text},
        {"jenkins_ssl_verify", KeyType::Boolean}, {"jenkins_timeout", KeyType::Integer}, {"tests_repo_url", KeyType::Text},
        {"ai_provider", KeyType::Text}, {"ai_model", KeyType::Text}, {"ai_cli_timeout", KeyType::Integer},
        {"jira_url", KeyType::Text}, {"jira_email", KeyType::Text}, {"jira_api_token", KeyType::Text}, {"jira_pat", KeyType::Text},
        {"jira_token", KeyType::Text}, {"jira_project_key", KeyType::Text}, {"jira_security_level", KeyType::Text},
        {"jira_ssl_verify", KeyType::Boolean}, {"jira_max_results", KeyType::Integer}, {"enable_jira", KeyType::Boolean},
        {"github_token", KeyType::Text}, {"github_repo_url", KeyType::Text}, {"peers", KeyType::Text},
        {"peer_analysis_max_rounds", KeyType::Integer}, {"additional_repos", KeyType::Text},
        {"wait_for_completion", KeyType::Boolean}, {"poll_interval_minutes", KeyType::Integer},
        {"max_wait_minutes", KeyType::Integer}, {"force", KeyType::Boolean}};
    return keys;
}

std::string typeName(KeyType t)
{
    return t == KeyType::Text ? "a string" : t == KeyType::Integer ? "an integer" : "a boolean";
}

/// Reads one table's known keys into `out` (overriding what is there), checking types.
void readKeys(const toml::table& table, const std::string& where, const std::string& file, std::map<std::string, ServerProfile::Value>& out)
{
    for (const auto& [key, node] : table) {
        const std::string name(key.str());
        auto known = knownKeys().find(name);
        if (known == knownKeys().end())
            continue; // unknown keys are ignored, as the original does
        const KeyType type = known->second;
        if (type == KeyType::Text && node.is_string())
            out[name] = std::string(*node.value<std::string>());
        else if (type == KeyType::Integer && node.is_integer())
            out[name] = *node.value<long long>();
        else if (type == KeyType::Boolean && node.is_boolean())
            out[name] = *node.value<bool>();
        else
            throw ConfigError("Invalid config in " + file + ": '" + where + "." + name + "' must be " + typeName(type));
    }
}

bool trimmedNonEmpty(const std::string& s)
{
    return !s.empty() && s.find_first_not_of(" \t") == 0 && s.find_last_not_of(" \t") == s.size() - 1;
}

} // namespace

std::string ServerProfile::text(const std::string& key) const
{
    auto it = _values.find(key);
    return it != _values.end() && std::holds_alternative<std::string>(it->second) ? std::get<std::string>(it->second) : "";
}

long long ServerProfile::integer(const std::string& key) const
{
    auto it = _values.find(key);
    return it != _values.end() && std::holds_alternative<long long>(it->second) ? std::get<long long>(it->second) : 0;
}

std::optional<bool> ServerProfile::boolean(const std::string& key) const
{
    auto it = _values.find(key);
    if (it == _values.end() || !std::holds_alternative<bool>(it->second))
        return std::nullopt;
    return std::get<bool>(it->second);
}

std::string CliConfig::path()
{
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    const std::string base = xdg && *xdg ? xdg : std::string(home ? home : "") + "/.config";
    return base + "/jji/config.toml";
}

CliConfig CliConfig::load()
{
    return loadFile(path());
}

CliConfig CliConfig::loadFile(const std::string& file)
{
    CliConfig config;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return config;
    config._exists = true;
    toml::table doc;
    try {
        doc = toml::parse_file(file);
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        throw ConfigError("Invalid TOML in " + file + ": " + std::string(e.description()) + " (line " +
                          std::to_string(at.line) + ", column " + std::to_string(at.column) + ")");
    }
    if (const toml::node* def = doc.get("default")) {
        if (!def->is_table())
            throw ConfigError("Invalid config in " + file + ": 'default' must be a mapping");
        if (const toml::node* server = def->as_table()->get("server")) {
            if (!server->is_string() || !trimmedNonEmpty(*server->value<std::string>()))
                throw ConfigError("Invalid config in " + file + ": 'default.server' must be a non-empty, trimmed string");
            config._defaultServer = *server->value<std::string>();
        }
    }
    std::map<std::string, ServerProfile::Value> defaults;
    if (const toml::node* node = doc.get("defaults")) {
        if (!node->is_table())
            throw ConfigError("Invalid config in " + file + ": 'defaults' must be a mapping");
        if (node->as_table()->contains("server"))
            throw ConfigError("Invalid config in " + file + ": 'defaults.server' is not supported; use [default].server");
        readKeys(*node->as_table(), "defaults", file, defaults);
    }
    if (const toml::node* node = doc.get("servers")) {
        if (!node->is_table())
            throw ConfigError("Invalid config in " + file + ": 'servers' must be a mapping");
        for (const auto& [key, entry] : *node->as_table()) {
            const std::string name(key.str());
            if (!entry.is_table())
                throw ConfigError("Invalid config in " + file + ": servers." + name + " must be a mapping");
            ServerProfile profile;
            profile.name = name;
            profile._values = defaults;
            readKeys(*entry.as_table(), "servers." + name, file, profile._values);
            if (!trimmedNonEmpty(profile.url()))
                throw ConfigError("Invalid config in " + file + ": servers." + name + ".url must be a non-empty, trimmed string");
            config._profiles.push_back(std::move(profile));
        }
    }
    return config;
}

std::optional<ServerProfile> CliConfig::profile(const std::string& name) const
{
    const std::string wanted = name.empty() ? _defaultServer : name;
    if (wanted.empty())
        return std::nullopt;
    for (const auto& p : _profiles)
        if (p.name == wanted)
            return p;
    return std::nullopt;
}

std::vector<ServerProfile> CliConfig::profiles() const
{
    return _profiles;
}

bool CliConfig::isSecret(const std::string& key)
{
    static const std::set<std::string> secrets{"api_key", "jenkins_password", "jira_api_token", "jira_pat", "jira_token", "github_token"};
    return secrets.count(key) > 0;
}

std::string CliConfig::display(const std::string& key, const ServerProfile::Value& value)
{
    if (std::holds_alternative<bool>(value))
        return std::get<bool>(value) ? "true" : "false";
    if (std::holds_alternative<long long>(value))
        return std::to_string(std::get<long long>(value));
    const std::string& text = std::get<std::string>(value);
    if (isSecret(key))
        return text.empty() ? "" : "********";
    if (key == "additional_repos") { // name:url[:ref][@token] entries: the tokens masked
        std::string out;
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t end = text.find(',', start);
            std::string entry = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (auto at = entry.rfind('@'); at != std::string::npos && entry.find('/', at) == std::string::npos)
                entry = entry.substr(0, at) + "@********";
            out += (out.empty() ? "" : ",") + entry;
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
        return out;
    }
    return text;
}

} // namespace cli
} // namespace jji
