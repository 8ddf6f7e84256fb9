#ifndef JJI_CLI_COMPLETION_H
#define JJI_CLI_COMPLETION_H

#include "CommandTree.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace jji {
namespace cli {

/// The completion script for bash, zsh or fish (`jji --show-completion SHELL`); false for
/// another shell. The scripts are thin: they ask `jji __complete WORDS...` for candidates.
bool printCompletionScript(const std::string& shell, std::ostream& out);

/// The candidates for the last word of a command line (without "jji"), one per line:
/// groups and commands, options, known values, job ids from the server's /results, and
/// "__files__" where a file name goes. Always exit code 0; errors complete nothing.
int completeWords(const CommandTree& tree, const std::vector<std::string>& words, std::ostream& out);

} // namespace cli
} // namespace jji

#endif
