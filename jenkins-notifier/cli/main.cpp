// jji: the Job Insight command-line client, with the original service's command tree and
// syntax (see jenkins-notifier/README.md). Global options come before the command.
#include "CliConfig.h"
#include "CliHttp.h"
#include "CliOutput.h"
#include "CommandSupport.h"
#include "CommandTree.h"
#include "Completion.h"
#include "GlobalOptions.h"
#include "SessionStore.h"

#include <Poco/String.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace jji::cli;

namespace {

constexpr int kOk = 0, kFailed = 1, kUsage = 2;

/// The original's hints after an authorization error.
void hint(const ServerError& e)
{
    if (e.status == 401)
        std::cerr << "Hint: Use --api-key or set JJI_API_KEY to authenticate as admin.\n";
    else if (e.status == 403 && Poco::toLower(e.detail).find("allow list") != std::string::npos)
        std::cerr << "Hint: Your user is not on the server's allow list. Contact an administrator.\n";
    else if (e.status == 403)
        std::cerr << "Hint: This action requires admin access. Use --api-key or set JJI_API_KEY.\n";
}

std::string red(const std::string& text)
{
    return CliOutput::colourOn(STDERR_FILENO) ? "\x1b[31m" + text + "\x1b[0m" : text;
}

bool wantsHelp(const std::vector<std::string>& words)
{
    for (const auto& w : words) {
        if (w == "--")
            return false;
        if (w == "--help" || w == "-h")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    const CommandTree& tree = commandTree();
    std::vector<std::string> words(argv + 1, argv + argc);
    if (!words.empty() && words.front() == "__complete") // the shell completion scripts' helper
        return completeWords(tree, std::vector<std::string>(words.begin() + 1, words.end()), std::cout);
    GlobalOptions global;
    const CommandSpec* spec = nullptr;
    try {
        words = readGlobalOptions(words, global);
        if (!global.showCompletion.empty())
            return printCompletionScript(global.showCompletion, std::cout) ? kOk : kUsage;
        if (words.empty() || words.front() == "help") {
            tree.printHelp(global.help || !words.empty() ? std::cout : std::cerr, {});
            return global.help || !words.empty() ? kOk : kUsage;
        }
        std::size_t used = 0;
        spec = tree.resolve(words, used);
        if (!spec) {
            std::vector<std::string> prefix; // the longest run of words naming a group
            for (const auto& w : words) {
                std::vector<std::string> next = prefix;
                next.push_back(w);
                if (!tree.isGroup(next))
                    break;
                prefix = next;
            }
            if (!prefix.empty() && (prefix.size() == words.size() || wantsHelp(words))) {
                tree.printHelp(wantsHelp(words) ? std::cout : std::cerr, prefix);
                return wantsHelp(words) ? kOk : kUsage;
            }
            const std::string unknown = words[prefix.size()];
            std::cerr << "Usage: jji [OPTIONS] COMMAND [ARGS]...\nTry 'jji --help' for help.\n\n"
                      << red("Error:") << " No such command '" << unknown << "'.\n";
            return kUsage;
        }
        std::vector<std::string> rest(words.begin() + static_cast<long>(used), words.end());
        if (global.help || wantsHelp(rest)) {
            CommandTree::printCommandHelp(std::cout, *spec);
            return kOk;
        }
        const ParsedCommand args = parseCommand(*spec, rest);
        Connection connection;
        if (spec->needsServer)
            connection = resolveConnection(global);
        CliHttp http(connection.url, connection.identity);
        CliOutput out = CliOutput::forStdout(std::cout);
        Invocation invocation{*spec, args, connection, http, out, std::cerr, global.json || args.json()};
        return spec->run(invocation);
    } catch (const UsageError& e) {
        std::cerr << "Usage: jji " << (spec ? spec->usage() : "[OPTIONS] COMMAND [ARGS]...") << "\nTry 'jji "
                  << (spec ? spec->name() + " " : "") << "--help' for help.\n\n" << red("Error:") << " " << e.what() << "\n";
        return kUsage;
    } catch (const ServerError& e) {
        std::cerr << red("Error:") << " " << e.what() << "\n";
        hint(e);
        return kFailed;
    } catch (const ConnectionError& e) {
        std::cerr << red("Error:") << " Connection error: " << e.what() << "\n";
        return kFailed;
    } catch (const CommandFailed& e) {
        std::cerr << red("Error:") << " " << e.what() << "\n";
        return kFailed;
    } catch (const ConfigError& e) {
        std::cerr << red("Error:") << " " << e.what() << "\n";
        return kFailed;
    } catch (const std::exception& e) {
        std::cerr << red("Error:") << " unexpected reply: " << e.what() << "\n";
        return kFailed;
    }
}
