#include "CommandTree.h"

#include <algorithm>
#include <ostream>
#include <set>

namespace jji {
namespace cli {

namespace {

std::string joined(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

bool startsWith(const std::vector<std::string>& path, const std::vector<std::string>& prefix)
{
    return path.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

} // namespace

void CommandTree::add(CommandSpec spec)
{
    _commands.push_back(std::move(spec));
}

const CommandSpec* CommandTree::resolve(const std::vector<std::string>& words, std::size_t& used) const
{
    const CommandSpec* best = nullptr;
    used = 0;
    for (const auto& c : _commands)
        if (c.path.size() > used && startsWith(words, c.path)) {
            best = &c;
            used = c.path.size();
        }
    return best;
}

bool CommandTree::isGroup(const std::vector<std::string>& words) const
{
    if (words.empty())
        return false;
    for (const auto& c : _commands)
        if (c.path.size() > words.size() && startsWith(c.path, words))
            return true;
    return false;
}

std::vector<std::string> CommandTree::childrenOf(const std::vector<std::string>& prefix) const
{
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& c : _commands)
        if (!c.hidden && c.path.size() > prefix.size() && startsWith(c.path, prefix) && seen.insert(c.path[prefix.size()]).second)
            out.push_back(c.path[prefix.size()]);
    return out;
}

void CommandTree::printHelp(std::ostream& out, const std::vector<std::string>& prefix) const
{
    out << "Usage: jji [OPTIONS] " << (prefix.empty() ? "" : joined(prefix) + " ") << "COMMAND [ARGS]...\n\n";
    if (prefix.empty()) {
        out << "  CLI for the Job Insight REST API.\n\n"
               "Options:\n"
               "  -s, --server TEXT   Server name from config or URL (env JJI_SERVER).\n"
               "  --json              Output as JSON instead of table.\n"
               "  --user TEXT         Username displayed in comments and reviews (env JJI_USERNAME).\n"
               "  --api-key TEXT      Admin API key for Bearer token authentication (env JJI_API_KEY).\n"
               "  --no-verify-ssl     Disable SSL certificate verification (env JJI_NO_VERIFY_SSL).\n"
               "  --verify-ssl        Force SSL certificate verification on (overrides config profile).\n"
               "  --insecure          Alias for --no-verify-ssl.\n"
               "  --show-completion SHELL  Print the completion script for bash, zsh or fish.\n"
               "  --help              Show this message and exit.\n\n"
               "Exit codes: 0 ok, 1 the server (or the config) said no, 2 usage error.\n"
               "Config: $XDG_CONFIG_HOME/jji/config.toml (~/.config/jji/config.toml); JJI_DEBUG=1 traces requests.\n\n";
    } else if (auto it = _groups.find(joined(prefix)); it != _groups.end()) {
        out << "  " << it->second << "\n\n";
    }
    out << "Commands:\n";
    for (const auto& word : childrenOf(prefix)) {
        std::vector<std::string> path = prefix;
        path.push_back(word);
        std::string summary;
        if (auto group = _groups.find(joined(path)); group != _groups.end() && isGroup(path))
            summary = group->second;
        else
            for (const auto& c : _commands)
                if (c.path == path)
                    summary = c.summary;
        std::string name = word;
        name.resize(std::max<std::size_t>(name.size(), 24), ' ');
        out << "  " << name << " " << summary << "\n";
    }
}

void CommandTree::printCommandHelp(std::ostream& out, const CommandSpec& spec)
{
    out << "Usage: jji " << spec.usage() << "\n\n  " << spec.summary << "\n";
    if (!spec.arguments.empty()) {
        out << "\nArguments:\n";
        for (const auto& a : spec.arguments)
            out << "  " << a.name << (a.required ? "  [required]" : "") << (a.defaultValue.empty() ? "" : "  [default: " + a.defaultValue + "]") << "\n";
    }
    out << "\nOptions:\n";
    for (const auto& o : spec.options) {
        std::string spelled = (o.shortName.empty() ? "" : "-" + o.shortName + ", ") + "--" + o.name;
        if (o.kind == OptionKind::Toggle && !o.negative.empty())
            spelled += " / --" + o.negative;
        else if (o.kind == OptionKind::Integer)
            spelled += " INTEGER";
        else if (o.kind == OptionKind::Text || o.kind == OptionKind::List)
            spelled += " TEXT";
        spelled.resize(std::max<std::size_t>(spelled.size(), 40), ' ');
        out << "  " << spelled << " " << o.help;
        if (!o.envVar.empty())
            out << " [env var: " << o.envVar << "]";
        if (!o.defaultValue.empty())
            out << " [default: " << o.defaultValue << "]";
        if (o.required)
            out << " [required]";
        out << "\n";
    }
    out << "  --json                                   Output as JSON instead of table.\n"
           "  --help                                   Show this message and exit.\n";
}

const CommandTree& commandTree()
{
    static const CommandTree tree = [] {
        CommandTree t;
        t.describeGroup("results", "Manage analysis results.");
        t.describeGroup("history", "Query failure history.");
        t.describeGroup("comments", "Manage comments on test failures.");
        t.describeGroup("classifications", "List test classifications.");
        t.describeGroup("metadata", "Manage job metadata.");
        t.describeGroup("config", "Manage JJI configuration.");
        t.describeGroup("auth", "Authentication commands.");
        t.describeGroup("admin", "Admin management commands.");
        t.describeGroup("admin users", "Manage admin users.");
        addServerCommands(t);
        addAnalysisCommands(t);
        addResultCommands(t);
        addHistoryCommands(t);
        addCommentCommands(t);
        addTrackerCommands(t);
        addAdminCommands(t);
        addMetadataCommands(t);
        addConfigCommands(t);
        return t;
    }();
    return tree;
}

} // namespace cli
} // namespace jji
