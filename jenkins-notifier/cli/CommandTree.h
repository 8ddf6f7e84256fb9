#ifndef JJI_CLI_COMMANDTREE_H
#define JJI_CLI_COMMANDTREE_H

#include "CommandLine.h"

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace jji {
namespace cli {

/// Every command of `jji`, by its words, with the groups' one-line summaries.
class CommandTree
{
public:
    void add(CommandSpec spec);
    void describeGroup(const std::string& path, const std::string& summary) { _groups[path] = summary; }

    /// The command named by the leading words (the longest match); `used` is how many words
    /// named it. nullptr when none does.
    const CommandSpec* resolve(const std::vector<std::string>& words, std::size_t& used) const;
    /// Whether the words name a group ("results", "admin users").
    bool isGroup(const std::vector<std::string>& words) const;
    /// The next words that may follow a prefix (sub-commands and groups), visible ones only.
    std::vector<std::string> childrenOf(const std::vector<std::string>& prefix) const;
    const std::vector<CommandSpec>& all() const { return _commands; }

    void printHelp(std::ostream& out, const std::vector<std::string>& prefix) const;
    static void printCommandHelp(std::ostream& out, const CommandSpec& spec);

private:
    std::vector<CommandSpec> _commands;
    std::map<std::string, std::string> _groups;
};

/// The whole tree, built once.
const CommandTree& commandTree();

// Each group of commands adds itself (commands/*.cpp).
void addAnalysisCommands(CommandTree& tree);
void addResultCommands(CommandTree& tree);
void addHistoryCommands(CommandTree& tree);
void addCommentCommands(CommandTree& tree);
void addTrackerCommands(CommandTree& tree);
void addServerCommands(CommandTree& tree);
void addAdminCommands(CommandTree& tree);
void addMetadataCommands(CommandTree& tree);
void addConfigCommands(CommandTree& tree);

} // namespace cli
} // namespace jji

#endif
