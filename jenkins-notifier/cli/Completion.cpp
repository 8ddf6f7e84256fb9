#include "Completion.h"

#include "CliConfig.h"
#include "CommandSupport.h"
#include "GlobalOptions.h"

#include <ostream>
#include <set>

namespace jji {
namespace cli {

namespace {

const char* const kBash = R"BASH(# jji completion for bash: eval "$(jji --show-completion bash)" in ~/.bashrc
_jji_completion() {
    local IFS=$'\n' candidates word
    candidates=$(jji __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
    COMPREPLY=()
    if [ "$candidates" = "__files__" ]; then
        COMPREPLY=($(compgen -f -- "${COMP_WORDS[COMP_CWORD]}"))
    else # quoted, for values with spaces ("PRODUCT BUG")
        while IFS= read -r word; do
            [ -n "$word" ] && COMPREPLY+=("$(printf '%q' "$word")")
        done < <(compgen -W "$candidates" -- "${COMP_WORDS[COMP_CWORD]}")
    fi
}
complete -o default -F _jji_completion jji
)BASH";

const char* const kZsh = R"ZSH(#compdef jji
# jji completion for zsh: eval "$(jji --show-completion zsh)" in ~/.zshrc
_jji() {
    local -a candidates
    candidates=("${(@f)$(jji __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    if [[ "${candidates[1]}" == "__files__" ]]; then
        _files
    else
        compadd -- "${candidates[@]}"
    fi
}
if (( $+functions[compdef] )); then compdef _jji jji; fi
)ZSH";

const char* const kFish = R"FISH(# jji completion for fish: jji --show-completion fish > ~/.config/fish/completions/jji.fish
function __jji_complete
    set -l tokens (commandline -opc) (commandline -ct)
    set -l candidates (jji __complete $tokens[2..-1] 2>/dev/null)
    if test "$candidates" = "__files__"
        __fish_complete_path (commandline -ct)
    else
        printf '%s\n' $candidates
    end
end
complete -c jji -f -a '(__jji_complete)'
)FISH";

const std::vector<std::string> kGlobalOptions{"--server", "--json", "--user", "--api-key", "--no-verify-ssl", "--verify-ssl",
                                              "--insecure", "--help", "--show-completion"};

/// Known values of a kind of argument or option.
std::vector<std::string> valuesOf(const std::string& kind, const std::vector<std::string>& globalWords)
{
    if (kind == "provider")
        return {"claude", "gemini", "cursor"};
    if (kind == "classification")
        return {"CODE ISSUE", "PRODUCT BUG", "INFRASTRUCTURE"};
    if (kind == "label")
        return {"FLAKY", "REGRESSION", "INFRASTRUCTURE", "KNOWN_BUG", "INTERMITTENT"};
    if (kind == "issue-type")
        return {"github", "jira"};
    if (kind == "shell")
        return {"bash", "zsh", "fish"};
    if (kind == "role")
        return {"admin", "user"};
    if (kind == "period")
        return {"today", "week", "month", "all"};
    if (kind == "format")
        return {"table", "json", "csv"};
    if (kind == "group-by")
        return {"provider", "model", "call_type", "day", "week", "month", "job"};
    if (kind == "server") {
        std::vector<std::string> names;
        for (const auto& p : CliConfig::load().profiles())
            names.push_back(p.name);
        return names;
    }
    if (kind == "job-id") { // the server's recent jobs, with a short timeout: a slow server completes nothing
        GlobalOptions global;
        readGlobalOptions(globalWords, global);
        const Connection connection = resolveConnection(global);
        CliHttp http(connection.url, connection.identity);
        const Reply reply = http.request("GET", "/results?limit=100", "", 3);
        std::vector<std::string> ids;
        if (reply.status == 200) {
            Poco::JSON::Array::Ptr rows = asArray(parseJson(reply.body));
            for (std::size_t i = 0; i < rows->size(); ++i)
                ids.push_back(member(rows->getObject(static_cast<unsigned>(i)), "job_id"));
        }
        return ids;
    }
    return {};
}

bool takesValue(const OptionSpec& o)
{
    return o.kind == OptionKind::Text || o.kind == OptionKind::Integer || o.kind == OptionKind::List;
}

} // namespace

bool printCompletionScript(const std::string& shell, std::ostream& out)
{
    if (shell == "bash")
        out << kBash;
    else if (shell == "zsh")
        out << kZsh;
    else if (shell == "fish")
        out << kFish;
    else
        return false;
    return true;
}

int completeWords(const CommandTree& tree, const std::vector<std::string>& words, std::ostream& out)
{
    try {
        const std::string partial = words.empty() ? "" : words.back();
        std::vector<std::string> before(words.begin(), words.end() - (words.empty() ? 0 : 1));
        std::vector<std::string> candidates;
        // Global options and their values come first.
        std::size_t i = 0;
        while (i < before.size() && !before[i].empty() && before[i][0] == '-') {
            const std::string& w = before[i];
            i += (w == "--server" || w == "-s" || w == "--user" || w == "--api-key" || w == "--show-completion") ? 2 : 1;
        }
        const std::vector<std::string> globalWords(before.begin(), before.begin() + static_cast<long>(std::min(i, before.size())));
        std::vector<std::string> rest(before.begin() + static_cast<long>(std::min(i, before.size())), before.end());
        if (i > before.size()) { // completing a global option's value
            const std::string& option = before.back();
            candidates = option == "--server" || option == "-s" ? valuesOf("server", {})
                         : option == "--show-completion"       ? valuesOf("shell", {})
                                                                 : std::vector<std::string>{};
        } else {
            std::size_t used = 0;
            const CommandSpec* spec = tree.resolve(rest, used);
            if (!spec || (used == rest.size() && tree.isGroup(rest) && partial.rfind("-", 0) != 0 && spec->path.size() == 1 && spec->hidden)) {
                std::vector<std::string> prefix;
                for (const auto& w : rest) {
                    std::vector<std::string> next = prefix;
                    next.push_back(w);
                    if (!tree.isGroup(next))
                        break;
                    prefix = next;
                }
                if (prefix.size() == rest.size())
                    candidates = partial.rfind("-", 0) == 0 && prefix.empty() ? kGlobalOptions : tree.childrenOf(prefix);
            } else {
                const std::vector<std::string> args(rest.begin() + static_cast<long>(used), rest.end());
                const OptionSpec* pending = nullptr;
                std::size_t positional = 0;
                for (std::size_t a = 0; a < args.size(); ++a) {
                    pending = nullptr;
                    if (args[a].rfind("-", 0) == 0) {
                        for (const auto& o : spec->options)
                            if (takesValue(o) && (args[a] == "--" + o.name || (!o.shortName.empty() && args[a] == "-" + o.shortName)))
                                pending = &o;
                        if (pending && a + 1 < args.size()) {
                            ++a;
                            pending = nullptr;
                        }
                    } else {
                        ++positional;
                    }
                }
                if (pending) {
                    if (pending->completes == "file") {
                        out << "__files__\n";
                        return 0;
                    }
                    candidates = valuesOf(pending->completes, globalWords);
                } else if (partial.rfind("-", 0) == 0) {
                    for (const auto& o : spec->options) {
                        candidates.push_back("--" + o.name);
                        if (o.kind == OptionKind::Toggle && !o.negative.empty())
                            candidates.push_back("--" + o.negative);
                    }
                    candidates.push_back("--json");
                    candidates.push_back("--help");
                } else {
                    const ArgumentSpec* argument = nullptr;
                    for (std::size_t n = 0; n < spec->arguments.size(); ++n)
                        if (n == positional || (spec->arguments[n].variadic && positional >= n))
                            argument = &spec->arguments[n];
                    if (argument && argument->completes == "file") {
                        out << "__files__\n";
                        return 0;
                    }
                    if (argument)
                        candidates = valuesOf(argument->completes, globalWords);
                }
            }
        }
        std::set<std::string> seen;
        for (const auto& c : candidates)
            if (c.rfind(partial, 0) == 0 && seen.insert(c).second)
                out << c << "\n";
    } catch (const std::exception&) {
        // no server, no config: nothing to offer
    }
    return 0;
}

} // namespace cli
} // namespace jji
