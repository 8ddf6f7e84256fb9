#include "CommandLine.h"

#include <cstdlib>
#include <sstream>

namespace jji {
namespace cli {

namespace {

const OptionSpec* findLong(const CommandSpec& spec, const std::string& name, bool& negated)
{
    negated = false;
    for (const auto& o : spec.options) {
        if (o.name == name)
            return &o;
        if (o.kind == OptionKind::Toggle && o.negative == name) {
            negated = true;
            return &o;
        }
    }
    return nullptr;
}

const OptionSpec* findShort(const CommandSpec& spec, const std::string& name)
{
    for (const auto& o : spec.options)
        if (!o.shortName.empty() && o.shortName == name)
            return &o;
    return nullptr;
}

long long parseInteger(const std::string& option, const std::string& value)
{
    std::size_t used = 0;
    long long n = 0;
    try {
        n = std::stoll(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != value.size())
        throw UsageError("Invalid value for '--" + option + "': '" + value + "' is not a valid integer.");
    return n;
}

} // namespace

OptionSpec textOption(const std::string& name, const std::string& shortName, const std::string& help)
{
    OptionSpec o;
    o.name = name;
    o.shortName = shortName;
    o.help = help;
    return o;
}

OptionSpec intOption(const std::string& name, const std::string& shortName, const std::string& help)
{
    OptionSpec o = textOption(name, shortName, help);
    o.kind = OptionKind::Integer;
    return o;
}

OptionSpec flagOption(const std::string& name, const std::string& shortName, const std::string& help)
{
    OptionSpec o = textOption(name, shortName, help);
    o.kind = OptionKind::Flag;
    return o;
}

OptionSpec toggleOption(const std::string& name, const std::string& negative, const std::string& help)
{
    OptionSpec o = textOption(name, "", help);
    o.kind = OptionKind::Toggle;
    o.negative = negative.empty() ? "no-" + name : negative;
    return o;
}

OptionSpec listOption(const std::string& name, const std::string& shortName, const std::string& help)
{
    OptionSpec o = textOption(name, shortName, help);
    o.kind = OptionKind::List;
    return o;
}

std::optional<std::string> ParsedCommand::text(const std::string& option) const
{
    auto it = _texts.find(option);
    if (it == _texts.end())
        return std::nullopt;
    return it->second;
}

std::string ParsedCommand::textOr(const std::string& option, const std::string& fallback) const
{
    return text(option).value_or(fallback);
}

std::optional<long long> ParsedCommand::integer(const std::string& option) const
{
    auto v = text(option);
    if (!v)
        return std::nullopt;
    return parseInteger(option, *v);
}

std::optional<bool> ParsedCommand::toggle(const std::string& option) const
{
    auto it = _toggles.find(option);
    if (it == _toggles.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> ParsedCommand::list(const std::string& option) const
{
    auto it = _lists.find(option);
    return it == _lists.end() ? std::vector<std::string>{} : it->second;
}

const std::string& ParsedCommand::argument(const std::string& name) const
{
    static const std::string empty;
    auto it = _arguments.find(name);
    return it == _arguments.end() || it->second.empty() ? empty : it->second.front();
}

const std::vector<std::string>& ParsedCommand::arguments(const std::string& name) const
{
    static const std::vector<std::string> none;
    auto it = _arguments.find(name);
    return it == _arguments.end() ? none : it->second;
}

std::string CommandSpec::name() const
{
    std::string out;
    for (const auto& word : path)
        out += (out.empty() ? "" : " ") + word;
    return out;
}

std::string CommandSpec::usage() const
{
    std::ostringstream out;
    out << name();
    for (const auto& a : arguments)
        out << " " << (a.required ? "" : "[") << a.name << (a.variadic ? "..." : "") << (a.required ? "" : "]");
    for (const auto& o : options) {
        std::string spelled = "--" + o.name + (o.kind == OptionKind::Toggle && !o.negative.empty() ? "/--" + o.negative : "");
        if (o.kind == OptionKind::Text || o.kind == OptionKind::List)
            spelled += " TEXT";
        else if (o.kind == OptionKind::Integer)
            spelled += " N";
        out << " " << (o.required ? "" : "[") << spelled << (o.required ? "" : "]");
    }
    out << " [--json]";
    return out.str();
}

const OptionSpec* CommandSpec::option(const std::string& longName) const
{
    for (const auto& o : options)
        if (o.name == longName)
            return &o;
    return nullptr;
}

ParsedCommand parseCommand(const CommandSpec& spec, const std::vector<std::string>& words)
{
    ParsedCommand parsed;
    std::vector<std::string> positional;
    bool optionsEnded = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (optionsEnded || word.size() < 2 || word[0] != '-' || (word[1] != '-' && std::isdigit(static_cast<unsigned char>(word[1])))) {
            positional.push_back(word);
            continue;
        }
        if (word == "--") {
            optionsEnded = true;
            continue;
        }
        if (word == "--json") {
            parsed._json = true;
            continue;
        }
        std::string name, value;
        bool hasValue = false, negated = false;
        const OptionSpec* option = nullptr;
        if (word.rfind("--", 0) == 0) {
            name = word.substr(2);
            if (auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
                hasValue = true;
            }
            option = findLong(spec, name, negated);
        } else {
            name = word.substr(1, 1);
            if (word.size() > 2) {
                value = word.substr(2);
                hasValue = true;
            }
            option = findShort(spec, name);
        }
        if (!option)
            throw UsageError("No such option: " + word.substr(0, word.find('=')));
        if (option->kind == OptionKind::Flag || option->kind == OptionKind::Toggle) {
            if (hasValue)
                throw UsageError("Option '--" + option->name + "' does not take a value.");
            if (option->kind == OptionKind::Flag)
                parsed._flags[option->name] = true;
            else
                parsed._toggles[option->name] = !negated;
            continue;
        }
        if (!hasValue) {
            if (i + 1 >= words.size())
                throw UsageError("Option '--" + option->name + "' requires an argument.");
            value = words[++i];
        }
        if (option->kind == OptionKind::Integer)
            parseInteger(option->name, value); // rejected now, with the option's name
        if (option->kind == OptionKind::List)
            parsed._lists[option->name].push_back(value);
        else
            parsed._texts[option->name] = value;
    }
    // Environment fallbacks and defaults, then what is still missing.
    for (const auto& o : spec.options) {
        if (o.kind == OptionKind::Text || o.kind == OptionKind::Integer) {
            if (!parsed._texts.count(o.name) && !o.envVar.empty())
                if (const char* v = std::getenv(o.envVar.c_str()); v && *v)
                    parsed._texts[o.name] = v;
            if (!parsed._texts.count(o.name) && !o.defaultValue.empty())
                parsed._texts[o.name] = o.defaultValue;
        }
        const bool given = parsed._texts.count(o.name) || parsed._toggles.count(o.name) || parsed._lists.count(o.name) ||
                           parsed._flags.count(o.name);
        if (o.required && !given) {
            std::string spelled = "'--" + o.name + "'";
            if (o.kind == OptionKind::Toggle && !o.negative.empty())
                spelled = "'--" + o.name + "' / '--" + o.negative + "'";
            else if (!o.shortName.empty())
                spelled = "'--" + o.name + "' / '-" + o.shortName + "'";
            throw UsageError("Missing option " + spelled + ".");
        }
    }
    std::size_t next = 0;
    for (const auto& a : spec.arguments) {
        if (a.variadic) {
            parsed._arguments[a.name].assign(positional.begin() + static_cast<long>(std::min(next, positional.size())), positional.end());
            next = positional.size();
        } else if (next < positional.size()) {
            parsed._arguments[a.name] = {positional[next++]};
        } else if (!a.defaultValue.empty()) {
            parsed._arguments[a.name] = {a.defaultValue};
        }
        if (a.required && parsed.arguments(a.name).empty())
            throw UsageError("Missing argument '" + a.name + "'.");
    }
    if (next < positional.size())
        throw UsageError("Got unexpected extra argument (" + positional[next] + ")");
    return parsed;
}

} // namespace cli
} // namespace jji
