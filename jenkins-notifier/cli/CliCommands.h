#ifndef JJI_CLI_CLICOMMANDS_H
#define JJI_CLI_CLICOMMANDS_H

#include "CliArgs.h"
#include "CliHttp.h"

#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace jji {
namespace cli {

/// Exit codes: 0 success (a waited-for job completed), 1 server error or failed job,
/// 2 usage or connection error.
enum ExitCode { Ok = 0, Failed = 1, Usage = 2 };

/// What a command needs: its arguments, the server, where to write, --json.
struct CommandContext
{
    const CliArgs& args;
    const CliHttp& http;
    std::ostream& out;
    std::ostream& err;
    bool json;
};

struct Command
{
    std::string usage;            ///< "analyze JOB BUILD [--wait] ..."
    std::vector<std::string> flags; ///< options without a value
    std::function<int(CommandContext&)> run;
};

/// Every command by name.
const std::map<std::string, Command>& commands();

} // namespace cli
} // namespace jji

#endif
