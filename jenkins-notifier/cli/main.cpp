// jji: the Job Insight command-line client. Wraps the daemon's REST API for CI jobs and
// terminals; see `jji help`.
#include "CliArgs.h"
#include "CliCommands.h"
#include "CliHttp.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

std::string env(const char* name, const std::string& fallback = "")
{
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

int usage(std::ostream& out)
{
    out << "usage: jji [--server URL] [--json] COMMAND ...\n"
           "  server: --server or JJI_SERVER (default http://localhost:8000); admin key: JJI_API_KEY;\n"
           "  username: JJI_USERNAME. Exit codes: 0 ok, 1 server error or failed job, 2 usage/connection error.\n\n";
    for (const auto& [name, command] : jji::cli::commands())
        out << "  jji " << command.usage << "\n";
    return jji::cli::Usage;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> words(argv + 1, argv + argc);
    std::string server = env("JJI_SERVER", "http://localhost:8000");
    bool json = false;
    // Global options come before the command.
    while (!words.empty() && words.front().rfind("--", 0) == 0) {
        if (words.front() == "--json") {
            json = true;
            words.erase(words.begin());
        } else if (words.front() == "--server" && words.size() > 1) {
            server = words[1];
            words.erase(words.begin(), words.begin() + 2);
        } else if (words.front().rfind("--server=", 0) == 0) {
            server = words.front().substr(9);
            words.erase(words.begin());
        } else {
            break;
        }
    }
    if (words.empty())
        return usage(std::cerr);
    if (words.front() == "help" || words.front() == "--help") {
        usage(std::cout);
        return jji::cli::Ok;
    }
    const auto& all = jji::cli::commands();
    auto it = all.find(words.front());
    if (it == all.end()) {
        std::cerr << "jji: unknown command '" << words.front() << "'\n";
        return usage(std::cerr);
    }
    try {
        std::vector<std::string> rest(words.begin() + 1, words.end());
        if (std::find(rest.begin(), rest.end(), "--json") != rest.end()) {
            json = true;
            rest.erase(std::find(rest.begin(), rest.end(), "--json"));
        }
        jji::cli::CliArgs args(rest, it->second.flags);
        jji::cli::CliHttp http(server, env("JJI_API_KEY"), env("JJI_USERNAME"));
        jji::cli::CommandContext context{args, http, std::cout, std::cerr, json};
        return it->second.run(context);
    } catch (const jji::cli::UsageError& e) {
        std::cerr << "jji " << it->first << ": " << e.what() << "\nusage: jji " << it->second.usage << "\n";
        return jji::cli::Usage;
    } catch (const jji::cli::ConnectionError& e) {
        std::cerr << "jji: " << e.what() << "\n";
        return jji::cli::Usage;
    } catch (const std::exception& e) {
        std::cerr << "jji: unexpected reply: " << e.what() << "\n";
        return jji::cli::Failed;
    }
}
