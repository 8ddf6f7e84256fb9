#include "jji/config/Settings.h"

#include <algorithm>

namespace jji {
namespace config {

const std::vector<std::string>& builtInAiProviders()
{
    static const std::vector<std::string> providers{"claude", "gemini", "cursor"};
    return providers;
}

std::size_t Settings::maxBodyBytes() const
{
    return static_cast<std::size_t>(maxBodyMb) * 1024 * 1024;
}

bool Settings::usesPostgres() const
{
    return !databaseUrl.empty();
}

bool Settings::isKnownAiProvider(const std::string& provider) const
{
    const auto& builtIn = builtInAiProviders();
    if (std::find(builtIn.begin(), builtIn.end(), provider) != builtIn.end())
        return true;
    return aiCommands.count(provider) > 0;
}

std::string Settings::aiCommandFor(const std::string& provider) const
{
    auto it = aiCommands.find(provider);
    if (it != aiCommands.end())
        return it->second;
    // cursor's CLI is installed as "agent"; the others under their own name.
    if (provider == "cursor")
        return "agent";
    return provider;
}

} // namespace config
} // namespace jji
