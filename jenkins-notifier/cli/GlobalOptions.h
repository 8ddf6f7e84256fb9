#ifndef JJI_CLI_GLOBALOPTIONS_H
#define JJI_CLI_GLOBALOPTIONS_H

#include "CommandSupport.h"

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace cli {

/// The options before the command (`jji [GLOBAL OPTIONS] COMMAND`), with their
/// environment variables.
struct GlobalOptions
{
    GlobalOptions();
    std::string server, user, apiKey;
    std::optional<bool> noVerifySsl;
    bool verifySsl = false, insecure = false, json = false, help = false;
    std::string showCompletion;
};

/// Reads the global options at the front of `words`; returns the words after them.
std::vector<std::string> readGlobalOptions(const std::vector<std::string>& words, GlobalOptions& options);

/// The server and identity, by the original's priority: flags and environment, then the
/// profile named by --server (or the config's default), then a stored `auth login`
/// session. Throws CommandFailed (or ConfigError).
Connection resolveConnection(const GlobalOptions& options);

} // namespace cli
} // namespace jji

#endif
