#include "jji/analysis/workspace/RepoCloner.h"

#include "jji/analysis/runtime/ProcessRunner.h"
#include "jji/analysis/runtime/TargetPolicy.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/RegularExpression.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include <sstream>

namespace jji {
namespace analysis {

namespace {

constexpr std::chrono::seconds kCloneTimeout{300};

bool isCommit(const std::string& ref)
{
    static const Poco::RegularExpression hex("^[0-9a-fA-F]{7,40}$");
    return hex.match(ref);
}

/// "https://host/org/repo.git:main" -> url + ref (a ':' before the last '/' belongs to the URL).
std::pair<std::string, std::string> splitRef(const std::string& text)
{
    const auto colon = text.rfind(':');
    const auto slash = text.rfind('/');
    if (colon == std::string::npos || slash == std::string::npos || colon < slash)
        return {text, ""};
    return {text.substr(0, colon), text.substr(colon + 1)};
}

/// scheme://host:port of a URL, "" when it has none (scp-like or local paths).
std::string originOf(const std::string& url)
{
    try {
        Poco::URI uri(url);
        if (uri.getHost().empty())
            return "";
        return Poco::toLower(uri.getScheme()) + "://" + Poco::toLower(uri.getHost()) + ":" + std::to_string(uri.getPort());
    } catch (const Poco::Exception&) {
        return "";
    }
}

/// The URL without its userinfo and query, which may hold credentials: fit for logs and prompts.
std::string displayUrl(const std::string& url)
{
    try {
        Poco::URI uri(url);
        uri.setUserInfo("");
        uri.setRawQuery("");
        return uri.toString();
    } catch (const Poco::Exception&) {
        return "(invalid URL)";
    }
}

/// The server's tests-repo token, for a URL on TESTS_REPO_URL's origin only: a request
/// naming another host must not carry it there.
std::string serverTokenFor(const std::string& url, const config::Settings& settings)
{
    const std::string configured = originOf(splitRef(settings.testsRepoUrl).first);
    return !configured.empty() && originOf(url) == configured ? settings.testsRepoToken : "";
}

std::vector<std::pair<std::string, std::string>> gitEnvironment(const RepoSpec& repo, bool allowFileRepos)
{
    std::vector<std::pair<std::string, std::string>> env{{"GIT_TERMINAL_PROMPT", "0"}};
    if (repo.fromRequest) // also binds submodules
        env.emplace_back("GIT_ALLOW_PROTOCOL", allowFileRepos ? "http:https:file" : "http:https");
    const std::string origin = originOf(repo.url);
    const bool withToken = !repo.token.empty() && !origin.empty();
    std::vector<std::pair<std::string, std::string>> config;
    // A redirect could lead a requested clone inside, or a token's later requests elsewhere.
    if (repo.fromRequest || withToken)
        config.emplace_back("http.followRedirects", "false");
    if (withToken) {
        std::ostringstream basic;
        Poco::Base64Encoder encoder(basic);
        encoder.rdbuf()->setLineLength(0);
        encoder << "x-access-token:" << repo.token;
        encoder.close();
        // http.<url>.extraHeader: git itself sends the header only to URLs under this origin.
        const Poco::URI uri(repo.url);
        const std::string host = uri.getHost().find(':') == std::string::npos ? uri.getHost() : "[" + uri.getHost() + "]";
        const std::string port = uri.getSpecifiedPort() ? ":" + std::to_string(uri.getSpecifiedPort()) : "";
        config.emplace_back("http." + uri.getScheme() + "://" + host + port + "/.extraHeader",
                            "Authorization: Basic " + basic.str());
    }
    env.emplace_back("GIT_CONFIG_COUNT", std::to_string(config.size()));
    for (std::size_t i = 0; i < config.size(); ++i) {
        env.emplace_back("GIT_CONFIG_KEY_" + std::to_string(i), config[i].first);
        env.emplace_back("GIT_CONFIG_VALUE_" + std::to_string(i), config[i].second);
    }
    return env;
}

std::string firstLine(const std::string& text, const std::string& token)
{
    std::string line = text.substr(0, text.find('\n'));
    if (!token.empty())
        Poco::replaceInPlace(line, token, std::string("***"));
    return line.substr(0, 300);
}

} // namespace

std::vector<RepoSpec> RepoCloner::requested(const Poco::JSON::Object::Ptr& params, const config::Settings& settings)
{
    std::vector<RepoSpec> repos;
    if (params->has("tests_repo_url")) {
        const std::string url = params->optValue<std::string>("tests_repo_url", "");
        if (!url.empty())
            repos.push_back({"tests-repo", url, params->optValue<std::string>("tests_repo_ref", ""),
                             serverTokenFor(url, settings), true});
    } else if (!settings.testsRepoUrl.empty()) {
        auto [url, ref] = splitRef(settings.testsRepoUrl);
        repos.push_back({"tests-repo", url, ref, settings.testsRepoToken});
    }
    if (Poco::JSON::Array::Ptr extra = params->getArray("additional_repos")) {
        for (std::size_t i = 0; i < extra->size(); ++i) {
            Poco::JSON::Object::Ptr r = extra->getObject(static_cast<unsigned>(i));
            repos.push_back({r->optValue<std::string>("name", ""), r->optValue<std::string>("url", ""),
                             r->optValue<std::string>("ref", ""), r->optValue<std::string>("token", ""), true});
        }
    } else if (!params->has("additional_repos")) {
        Poco::StringTokenizer entries(settings.additionalRepos, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        for (std::string entry : entries) {
            RepoSpec repo;
            const auto colon = entry.find(':');
            repo.name = entry.substr(0, colon);
            std::string rest = colon == std::string::npos ? "" : entry.substr(colon + 1);
            const auto at = rest.rfind('@');
            if (at != std::string::npos && rest.find('/', at) == std::string::npos) { // an '@' after the path: a token
                repo.token = rest.substr(at + 1);
                rest = rest.substr(0, at);
            }
            std::tie(repo.url, repo.ref) = splitRef(rest);
            repos.push_back(repo);
        }
    }
    return repos;
}

std::string RepoCloner::clone(const RepoSpec& repo, const std::string& workspace, std::chrono::seconds timeout) const
{
    const std::string git = _settings.gitCommand.empty() ? "git" : _settings.gitCommand;
    const std::string dir = workspace + "/" + repo.name;
    if (repo.fromRequest) {
        // Checked again right before git connects: the name may resolve elsewhere by now.
        try {
            const Poco::URI uri(repo.url);
            const bool local = _settings.allowFileRepos && Poco::toLower(uri.getScheme()) == "file";
            if (const std::string refused = local ? "" : TargetPolicy::forFetches(_settings).refusal(uri); !refused.empty())
                return "refused: " + refused;
        } catch (const Poco::Exception&) {
            return "refused: the URL is invalid";
        }
    }
    const auto env = gitEnvironment(repo, _settings.allowFileRepos);
    auto run = [&](const std::vector<std::string>& args) {
        return ProcessRunner::run(git, args, "", timeout, workspace, std::chrono::seconds(5), env);
    };
    ProcessResult result;
    if (isCommit(repo.ref)) {
        // A commit cannot be cloned by name: fetch just that commit into an empty repository.
        for (const auto& args : std::vector<std::vector<std::string>>{
                 {"init", "--quiet", dir},
                 {"-C", dir, "remote", "add", "origin", repo.url},
                 {"-C", dir, "fetch", "--quiet", "--depth", "1", "origin", repo.ref},
                 {"-C", dir, "checkout", "--quiet", "FETCH_HEAD"}}) {
            result = run(args);
            if (!result.launched || result.timedOut || result.exitCode != 0)
                break;
        }
    } else {
        std::vector<std::string> args{"clone", "--quiet", "--depth", "1", "--single-branch"};
        if (!repo.ref.empty()) {
            args.push_back("--branch");
            args.push_back(repo.ref);
        }
        args.push_back("--");
        args.push_back(repo.url);
        args.push_back(dir);
        result = run(args);
    }
    if (!result.launched)
        return "cannot run git: " + result.launchError;
    if (result.timedOut)
        return "git timed out after " + std::to_string(timeout.count()) + " s";
    if (result.exitCode != 0)
        return "git failed: " + firstLine(result.err, repo.token);
    return "";
}

std::string RepoCloner::cloneAll(const std::vector<RepoSpec>& repos, const std::string& workspace) const
{
    if (repos.empty())
        return "";
    std::string context = "Source code is checked out in your working directory:\n";
    for (const auto& repo : repos) {
        const std::string error = clone(repo, workspace, kCloneTimeout);
        const std::string what = repo.name == "tests-repo" ? "the tests repository" : "repository";
        if (error.empty()) {
            context += "- ./" + repo.name + ": " + what + " " + displayUrl(repo.url) + (repo.ref.empty() ? "" : " at " + repo.ref) + "\n";
        } else {
            Poco::Logger::get("jji.workspace").warning("cannot clone %s (%s): %s", repo.name, displayUrl(repo.url), error);
            context += "- (" + repo.name + " from " + displayUrl(repo.url) + " could not be cloned: " + error + ")\n";
        }
    }
    return context + "Cite files from these directories in code_fix (paths relative to the repository).\n"
                     "Read a repository's history with read-only git run from your working directory: "
                     "git -C <directory> log | show | diff | blame | status | grep.\n";
}

} // namespace analysis
} // namespace jji
