#ifndef JJI_CLI_COMMANDLINE_H
#define JJI_CLI_COMMANDLINE_H

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace cli {

/// Bad command-line usage: exit code 2, with the command's usage line.
class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

enum class OptionKind {
    Text,    ///< --name VALUE
    Integer, ///< --name N
    Flag,    ///< --name (present or not)
    Toggle,  ///< --name / --no-name (unset when neither is given)
    List,    ///< --name VALUE, repeatable
};

/// One option of a command, as the original CLI spells it.
struct OptionSpec
{
    std::string name;            ///< "job-name" for --job-name
    std::string shortName;       ///< "j" for -j, or empty
    OptionKind kind = OptionKind::Text;
    std::string help;
    bool required = false;
    std::string envVar;          ///< read when the option is not given (e.g. JENKINS_URL)
    std::string negative;        ///< Toggle: the "off" spelling ("no-jira", "not-reviewed")
    std::string defaultValue;    ///< shown in help; Text/Integer value when absent
    std::string completes;       ///< what the value is, for completion ("job-id", "file", "provider", ...)

    OptionSpec must() const { OptionSpec o = *this; o.required = true; return o; }
    OptionSpec env(const std::string& variable) const { OptionSpec o = *this; o.envVar = variable; return o; }
    OptionSpec byDefault(const std::string& value) const { OptionSpec o = *this; o.defaultValue = value; return o; }
    OptionSpec completing(const std::string& kind) const { OptionSpec o = *this; o.completes = kind; return o; }
};

OptionSpec textOption(const std::string& name, const std::string& shortName, const std::string& help);
OptionSpec intOption(const std::string& name, const std::string& shortName, const std::string& help);
OptionSpec flagOption(const std::string& name, const std::string& shortName, const std::string& help);
/// --name / --negative; `negative` "" means "no-" + name.
OptionSpec toggleOption(const std::string& name, const std::string& negative, const std::string& help);
OptionSpec listOption(const std::string& name, const std::string& shortName, const std::string& help);

struct ArgumentSpec
{
    std::string name;            ///< "JOB_ID"
    bool required = true;
    bool variadic = false;       ///< takes every remaining word
    std::string defaultValue;
    std::string completes;       ///< "job-id", "file", "shell", ... for completion
};

inline ArgumentSpec argument(const std::string& name, const std::string& completes = "")
{
    return {name, true, false, "", completes};
}

/// The words given to one command, checked against its spec.
class ParsedCommand
{
public:
    std::optional<std::string> text(const std::string& option) const;
    /// The text or "" (the original's default for unset string options).
    std::string textOr(const std::string& option, const std::string& fallback = "") const;
    std::optional<long long> integer(const std::string& option) const;
    bool flag(const std::string& option) const { return _flags.count(option) > 0; }
    std::optional<bool> toggle(const std::string& option) const;
    std::vector<std::string> list(const std::string& option) const;
    const std::string& argument(const std::string& name) const;
    bool hasArgument(const std::string& name) const { return _arguments.count(name) > 0; }
    const std::vector<std::string>& arguments(const std::string& name) const;
    bool json() const { return _json; }

private:
    friend ParsedCommand parseCommand(const struct CommandSpec&, const std::vector<std::string>&);
    std::map<std::string, std::string> _texts;
    std::map<std::string, bool> _flags;
    std::map<std::string, bool> _toggles;
    std::map<std::string, std::vector<std::string>> _lists;
    std::map<std::string, std::vector<std::string>> _arguments;
    bool _json = false;
};

struct Invocation;

/// A leaf command: its words ("results", "show"), what it takes, and what it does.
struct CommandSpec
{
    std::vector<std::string> path;
    std::string summary;
    std::vector<ArgumentSpec> arguments;
    std::vector<OptionSpec> options;
    std::function<int(Invocation&)> run;
    bool hidden = false;       ///< an alias kept for old scripts (push-rp)
    bool needsServer = true;   ///< config commands work without one

    std::string name() const;  ///< "results show"
    std::string usage() const; ///< "results show JOB_ID [--full] [--json]"
    const OptionSpec* option(const std::string& longName) const;
};

/// Parses a command's words: options anywhere (--name value, --name=value, -n value),
/// "--" ends options, --json is accepted by every command. Throws UsageError.
ParsedCommand parseCommand(const CommandSpec& spec, const std::vector<std::string>& words);

} // namespace cli
} // namespace jji

#endif
