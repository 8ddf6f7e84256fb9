#include "CliArgs.h"

#include <algorithm>

namespace jji {
namespace cli {

CliArgs::CliArgs(const std::vector<std::string>& words, const std::vector<std::string>& flags)
{
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w.rfind("--", 0) != 0 || w == "--") {
            _positional.push_back(w);
            continue;
        }
        std::string name = w.substr(2);
        const auto eq = name.find('=');
        if (eq != std::string::npos) {
            _options[name.substr(0, eq)] = name.substr(eq + 1);
            continue;
        }
        if (std::find(flags.begin(), flags.end(), name) != flags.end()) {
            _flags[name] = true;
            continue;
        }
        if (i + 1 >= words.size())
            throw UsageError("--" + name + " needs a value");
        _options[name] = words[++i];
    }
}

const std::string& CliArgs::at(std::size_t i, const std::string& what) const
{
    if (i >= _positional.size())
        throw UsageError("missing " + what);
    return _positional[i];
}

std::optional<std::string> CliArgs::option(const std::string& name) const
{
    auto it = _options.find(name);
    if (it == _options.end())
        return std::nullopt;
    return it->second;
}

int CliArgs::intOption(const std::string& name, int fallback) const
{
    auto v = option(name);
    if (!v)
        return fallback;
    try {
        return std::stoi(*v);
    } catch (const std::exception&) {
        throw UsageError("--" + name + " needs a number, got '" + *v + "'");
    }
}

} // namespace cli
} // namespace jji
