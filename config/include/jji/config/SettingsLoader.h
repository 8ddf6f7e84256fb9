#ifndef JJI_CONFIG_SETTINGSLOADER_H
#define JJI_CONFIG_SETTINGSLOADER_H

#include "jji/config/Settings.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace jji {
namespace config {

/// Builds Settings from its sources, later winning: built-in defaults, an optional
/// INI file, environment variables, then command-line overrides. Every source uses
/// the same option names (the environment variable names). Invalid values throw
/// SettingsError naming the option.
class SettingsLoader
{
public:
    using NameValues = std::map<std::string, std::string>;

    struct Sources
    {
        std::string iniFile;     ///< empty = none
        NameValues environment;  ///< usually processEnvironment()
        NameValues overrides;    ///< command-line options, by option name
    };

    static Settings load(const Sources& sources);

    /// The current process environment as a name/value map.
    static NameValues processEnvironment();

    /// Every option with its effective value, secrets masked; for --print-config.
    static std::vector<std::pair<std::string, std::string>> describe(const Settings& settings);
};

} // namespace config
} // namespace jji

#endif
