#ifndef JJI_CLI_CLIARGS_H
#define JJI_CLI_CLIARGS_H

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace cli {

/// Bad command-line usage (exit code 2).
class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Positional words and --options of one command line. Options listed as flags take
/// no value; every other --name takes the next word (or --name=value).
class CliArgs
{
public:
    CliArgs(const std::vector<std::string>& words, const std::vector<std::string>& flags);

    std::size_t count() const { return _positional.size(); }
    /// The i-th positional word; UsageError naming `what` when missing.
    const std::string& at(std::size_t i, const std::string& what) const;
    std::optional<std::string> option(const std::string& name) const;
    bool flag(const std::string& name) const { return _flags.count(name) > 0; }
    int intOption(const std::string& name, int fallback) const;

private:
    std::vector<std::string> _positional;
    std::map<std::string, std::string> _options;
    std::map<std::string, bool> _flags;
};

} // namespace cli
} // namespace jji

#endif
