#include "jji/analysis/trackers/GitHubClient.h"

#include "jji/analysis/model/JsonText.h"

#include <Poco/String.h>
#include <Poco/URI.h>

#include <regex>

namespace jji {
namespace analysis {

namespace {

TrackerIssue issueFrom(const Poco::JSON::Object::Ptr& o)
{
    TrackerIssue issue;
    issue.number = o ? o->optValue<long long>("number", 0) : 0;
    issue.title = textField(o, "title");
    issue.url = textField(o, "html_url");
    issue.status = textField(o, "state");
    issue.description = textField(o, "body");
    return issue;
}

} // namespace

bool GitHubRepo::onConfiguredHost(const config::Settings& settings) const
{
    if (apiUrl == settings.githubApiUrl)
        return true;
    const std::optional<GitHubRepo> configured = fromUrl(settings.testsRepoUrl, settings);
    return configured && configured->apiUrl == apiUrl;
}

std::optional<GitHubRepo> GitHubRepo::fromUrl(const std::string& rawUrl, const config::Settings& settings)
{
    std::string url = Poco::trim(rawUrl);
    if (url.size() > 2000)
        return std::nullopt;
    // scp-like git@host:owner/repo(.git)
    static const std::regex scp(R"(^[\w.-]+@([\w.-]+):([\w.-]+)/([\w.-]+?)(\.git)?/?$)");
    static const std::regex web(R"(^(https?)://(?:[^@/]*@)?([\w.-]+(?::\d+)?)/([\w.-]+)/([\w.-]+?)(\.git)?(?::[\w./-]+)?/?$)");
    std::smatch m;
    std::string host, scheme = "https";
    GitHubRepo repo;
    if (std::regex_match(url, m, scp)) {
        host = m[1];
        repo.owner = m[2];
        repo.name = m[3];
    } else if (std::regex_match(url, m, web)) {
        scheme = m[1];
        host = m[2];
        repo.owner = m[3];
        repo.name = m[4];
    } else {
        return std::nullopt;
    }
    if (repo.owner.empty() || repo.name.empty() || repo.name == "." || repo.name == ".." || repo.owner == "." ||
        repo.owner == "..")
        return std::nullopt;
    repo.apiUrl = Poco::toLower(host) == "github.com" ? settings.githubApiUrl : scheme + "://" + host + "/api/v3";
    return repo;
}

GitHubClient::GitHubClient(const std::string& apiUrl, const std::string& token) : _http("GitHub", apiUrl)
{
    _http.header("Accept", "application/vnd.github+json");
    _http.header("X-GitHub-Api-Version", "2022-11-28");
    if (!token.empty())
        _http.header("Authorization", "Bearer " + token, true);
    _http.secret(token);
}

TrackerIssue GitHubClient::createIssue(const GitHubRepo& repo, const std::string& title, const std::string& body,
                                       const std::vector<std::string>& labels) const
{
    Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
    payload->set("title", title);
    payload->set("body", body);
    if (!labels.empty()) {
        Poco::JSON::Array::Ptr names = new Poco::JSON::Array;
        for (const auto& label : labels)
            names->add(label);
        payload->set("labels", names);
    }
    TrackerReply reply = _http.send("POST", "/repos/" + repo.owner + "/" + repo.name + "/issues", payload);
    TrackerIssue issue = issueFrom(reply.object());
    if (issue.number == 0 || issue.url.empty())
        throw TrackerError(TrackerError::Kind::Upstream, "GitHub created the issue but did not say its number and URL");
    return issue;
}

std::vector<TrackerIssue> GitHubClient::searchIssues(const GitHubRepo& repo, const std::string& words, int max,
                                                    const std::string& sort) const
{
    const std::string q = words + " repo:" + repo.fullName() + " is:issue";
    std::string query = "/search/issues?q=" + TrackerHttp::encode(q) + "&per_page=" + std::to_string(max);
    if (!sort.empty())
        query += "&sort=" + TrackerHttp::encode(sort) + "&order=desc";
    TrackerReply reply = _http.get(query);
    std::vector<TrackerIssue> found;
    Poco::JSON::Object::Ptr o = reply.object();
    Poco::JSON::Array::Ptr items = o ? o->getArray("items") : nullptr;
    for (unsigned i = 0; items && i < items->size() && static_cast<int>(found.size()) < max; ++i)
        found.push_back(issueFrom(items->getObject(i)));
    return found;
}

std::string GitHubClient::login() const
{
    return textField(_http.get("/user").object(), "login");
}

TrackerIssue GitHubClient::issueState(const std::string& owner, const std::string& name, long long number, bool& isPull) const
{
    const std::string base = "/repos/" + owner + "/" + name;
    if (!isPull) {
        Poco::JSON::Object::Ptr issue = _http.get(base + "/issues/" + std::to_string(number)).object();
        if (!issue || !issue->has("pull_request"))
            return issueFrom(issue);
        isPull = true; // the issues API also answers for pull requests
    }
    Poco::JSON::Object::Ptr pull = _http.get(base + "/pulls/" + std::to_string(number)).object();
    TrackerIssue out = issueFrom(pull);
    if (pull && (pull->optValue<bool>("merged", false) || !textField(pull, "merged_at").empty()))
        out.status = "merged";
    return out;
}

} // namespace analysis
} // namespace jji
