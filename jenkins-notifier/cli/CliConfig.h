#ifndef JJI_CLI_CLICONFIG_H
#define JJI_CLI_CLICONFIG_H

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace jji {
namespace cli {

/// The config file is unreadable or malformed (exit code 1, as the original).
class ConfigError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// One `[servers.<name>]` profile with `[defaults]` merged under it.
class ServerProfile
{
public:
    using Value = std::variant<std::string, long long, bool>;

    std::string name;
    std::string url() const { return text("url"); }
    /// A string key ("" when unset).
    std::string text(const std::string& key) const;
    /// An integer key (0 when unset: "use the server's default").
    long long integer(const std::string& key) const;
    /// A boolean key (unset when absent, so `enable_jira = false` is still sent).
    std::optional<bool> boolean(const std::string& key) const;
    const std::map<std::string, Value>& values() const { return _values; }

private:
    friend class CliConfig;
    std::map<std::string, Value> _values;
};

/// The jji config file: $XDG_CONFIG_HOME/jji/config.toml (~/.config/jji/config.toml),
/// read with toml++: `[default] server = NAME`, `[defaults]` merged into every
/// `[servers.<name>]` profile.
class CliConfig
{
public:
    /// Reads the file if it exists (an absent file is an empty config). Throws ConfigError.
    static CliConfig load();
    static CliConfig loadFile(const std::string& path);
    static std::string path();

    bool exists() const { return _exists; }
    const std::string& defaultServer() const { return _defaultServer; }
    /// The named profile, or the default one when `name` is empty.
    std::optional<ServerProfile> profile(const std::string& name = "") const;
    std::vector<ServerProfile> profiles() const;

    /// Keys whose values are secrets: `config show` masks them.
    static bool isSecret(const std::string& key);
    /// A value as `config show` prints it, secrets masked.
    static std::string display(const std::string& key, const ServerProfile::Value& value);

private:
    bool _exists = false;
    std::string _defaultServer;
    std::vector<ServerProfile> _profiles;
};

} // namespace cli
} // namespace jji

#endif
