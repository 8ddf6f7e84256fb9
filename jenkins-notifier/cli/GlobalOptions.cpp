#include "GlobalOptions.h"

#include "SessionStore.h"

#include <Poco/String.h>

#include <cstdlib>

namespace jji {
namespace cli {

namespace {

std::string env(const char* name)
{
    const char* v = std::getenv(name);
    return v ? v : "";
}

bool truthy(const std::string& v)
{
    const std::string lower = Poco::toLower(v);
    return lower == "1" || lower == "true" || lower == "yes" || lower == "on";
}

} // namespace

GlobalOptions::GlobalOptions() : server(env("JJI_SERVER")), user(env("JJI_USERNAME")), apiKey(env("JJI_API_KEY"))
{
    if (!env("JJI_NO_VERIFY_SSL").empty())
        noVerifySsl = truthy(env("JJI_NO_VERIFY_SSL"));
}

std::vector<std::string> readGlobalOptions(const std::vector<std::string>& words, GlobalOptions& g)
{
    auto value = [&](std::size_t& i, const std::string& word, const std::string& name) {
        if (word.size() > name.size() && word[name.size()] == '=')
            return word.substr(name.size() + 1);
        if (i + 1 >= words.size())
            throw UsageError("Option '" + name + "' requires an argument.");
        return words[++i];
    };
    std::size_t i = 0;
    for (; i < words.size(); ++i) {
        const std::string& w = words[i];
        auto is = [&](const std::string& name) { return w == name || w.rfind(name + "=", 0) == 0; };
        if (w.empty() || w[0] != '-')
            break;
        if (is("--server") || w == "-s")
            g.server = value(i, w, w == "-s" ? "-s" : "--server");
        else if (is("--user"))
            g.user = value(i, w, "--user");
        else if (is("--api-key"))
            g.apiKey = value(i, w, "--api-key");
        else if (is("--show-completion"))
            g.showCompletion = value(i, w, "--show-completion");
        else if (w == "--json")
            g.json = true;
        else if (w == "--no-verify-ssl")
            g.noVerifySsl = true;
        else if (w == "--verify-ssl")
            g.verifySsl = true;
        else if (w == "--insecure")
            g.insecure = true;
        else if (w == "--help" || w == "-h")
            g.help = true;
        else
            throw UsageError("No such option: " + w);
    }
    return std::vector<std::string>(words.begin() + static_cast<long>(i), words.end());
}

Connection resolveConnection(const GlobalOptions& g)
{
    if (g.verifySsl && g.insecure)
        throw CommandFailed("--verify-ssl and --insecure are mutually exclusive.");
    std::optional<bool> noVerify = g.noVerifySsl;
    if (g.verifySsl)
        noVerify = false;
    else if (g.insecure)
        noVerify = true;
    Connection c;
    c.identity.username = g.user;
    c.identity.apiKey = g.apiKey;
    if (g.server.rfind("http://", 0) == 0 || g.server.rfind("https://", 0) == 0) {
        c.url = g.server; // a URL stands alone: no profile is read
    } else {
        const CliConfig config = CliConfig::load();
        c.profile = config.profile(g.server);
        if (!c.profile && !g.server.empty()) {
            std::string available;
            for (const auto& p : config.profiles())
                available += (available.empty() ? "" : ", ") + p.name;
            throw CommandFailed("Server '" + g.server + "' not found in config. Available servers: " +
                                (available.empty() ? "(none)" : available));
        }
        if (!c.profile)
            throw CommandFailed("No server specified. Use --server, set JJI_SERVER, or configure " + CliConfig::path());
        c.url = c.profile->url();
        if (c.identity.username.empty())
            c.identity.username = c.profile->text("username");
        if (c.identity.apiKey.empty())
            c.identity.apiKey = c.profile->text("api_key");
        if (!noVerify)
            noVerify = c.profile->boolean("no_verify_ssl").value_or(false);
    }
    while (!c.url.empty() && c.url.back() == '/')
        c.url.pop_back();
    c.identity.verifyTls = !noVerify.value_or(false);
    if (c.identity.apiKey.empty())
        if (auto stored = SessionStore::find(c.url)) {
            c.identity.session = stored->token;
            if (c.identity.username.empty())
                c.identity.username = stored->username;
        }
    return c;
}

} // namespace cli
} // namespace jji
