#include "jji/analysis/trackers/CommentLinks.h"

#include "jji/analysis/trackers/GitHubClient.h"
#include "jji/analysis/trackers/JiraClient.h"
#include "jji/storage/CommentStore.h"

#include <Poco/Logger.h>

#include <chrono>
#include <optional>
#include <regex>
#include <set>

namespace jji {
namespace analysis {

namespace {

// Per request, so a comment flood cannot fan out without bound or burn the tokens' rate limits.
constexpr std::size_t kMaxLookups = 20;
constexpr std::size_t kScannedCommentChars = 64 * 1024;
constexpr std::chrono::seconds kTimeBudget{10};

} // namespace

std::vector<TrackerRef> TrackerRef::find(const std::string& comment, bool jiraKeys)
{
    static const std::regex pattern(
        R"(https?://github\.com/([\w.-]{1,100})/([\w.-]{1,100})/(pull|issues)/(\d{1,9}))" // 1-4: a GitHub URL
        R"(|(?:^|[^\w/.-])([\w.-]{1,100})/([\w.-]{1,100})#(\d{1,9})\b)"                 // 5-7: owner/repo#N
        R"(|\b([A-Z][A-Z0-9_]{1,9}-[1-9]\d{0,8})\b)");                                   // 8: a Jira key
    std::vector<TrackerRef> refs;
    std::set<std::string> seen;
    for (auto it = std::sregex_iterator(comment.begin(), comment.end(), pattern); it != std::sregex_iterator(); ++it) {
        const std::smatch& m = *it;
        TrackerRef ref;
        if (m[1].matched) {
            ref.type = m[3] == "pull" ? "github_pr" : "github_issue";
            ref.owner = m[1];
            ref.repo = m[2];
            ref.number = std::stoll(m[4]);
        } else if (m[5].matched) {
            ref.type = "github_issue";
            ref.owner = m[5];
            ref.repo = m[6];
            ref.number = std::stoll(m[7]);
        } else if (jiraKeys) {
            ref.type = "jira";
            ref.key = m[8];
        } else {
            continue;
        }
        if (ref.type != "jira")
            ref.key = ref.owner + "/" + ref.repo + "#" + std::to_string(ref.number);
        if (seen.insert(ref.key).second)
            refs.push_back(std::move(ref));
    }
    return refs;
}

/// One request's lookups: the clients made on first use, one lookup per reference, and
/// the budget (kMaxLookups, kTimeBudget).
struct CommentLinks::Lookups
{
    explicit Lookups(JiraConnection connection) : jiraConnection(std::move(connection)) {}

    JiraConnection jiraConnection;
    std::optional<GitHubClient> github;
    std::optional<JiraClient> jira;
    std::map<std::string, std::optional<RefStatus>> cache;
    std::chrono::steady_clock::time_point giveUpAt = std::chrono::steady_clock::now() + kTimeBudget;
};

std::optional<RefStatus> CommentLinks::lookup(const TrackerRef& ref, const std::string& owner, Lookups& l) const
{
    const std::string cacheKey = ref.type + " " + ref.key;
    auto cached = l.cache.find(cacheKey);
    if (cached != l.cache.end())
        return cached->second;
    std::optional<RefStatus> status;
    if (l.cache.size() < kMaxLookups && std::chrono::steady_clock::now() < l.giveUpAt) {
        try {
            if (ref.type == "jira") {
                if (!l.jira)
                    l.jira.emplace(l.jiraConnection);
                status = RefStatus{"jira", ref.key, l.jira->issue(ref.key).status};
            } else {
                if (!l.github) // public repositories answer without a token too
                    l.github.emplace(_settings.githubApiUrl, _credentials.githubToken({}, owner));
                bool isPull = ref.type == "github_pr";
                TrackerIssue issue = l.github->issueState(ref.owner, ref.repo, ref.number, isPull);
                status = RefStatus{isPull ? "github_pr" : "github_issue", ref.key, issue.status};
            }
        } catch (const TrackerError& e) {
            Poco::Logger::get("jji.trackers").information("comment reference %s not resolved: %s", ref.key,
                                                          std::string(e.what()));
        }
    }
    if (status && status->status.empty())
        status.reset();
    l.cache.emplace(cacheKey, status);
    return status;
}

std::map<long long, std::vector<RefStatus>> CommentLinks::resolve(const std::string& jobId, const std::string& owner) const
{
    Lookups lookups(_credentials.jira({}, owner));
    const bool jiraKnown = lookups.jiraConnection.usable();
    std::map<long long, std::vector<RefStatus>> out;
    for (const auto& comment : storage::CommentStore(_db).forJob(jobId))
        for (const auto& ref : TrackerRef::find(comment.comment.substr(0, kScannedCommentChars), jiraKnown))
            if (auto status = lookup(ref, owner, lookups))
                out[comment.id].push_back(*status);
    return out;
}

std::vector<RefStatus> CommentLinks::resolveTexts(const std::vector<std::string>& texts) const
{
    Lookups lookups(_credentials.jira({}, ""));
    const bool jiraKnown = lookups.jiraConnection.usable();
    std::vector<RefStatus> out;
    std::set<std::string> seen;
    for (const auto& text : texts)
        for (const auto& ref : TrackerRef::find(text.substr(0, kScannedCommentChars), jiraKnown))
            if (seen.insert(ref.type + " " + ref.key).second)
                if (auto status = lookup(ref, "", lookups))
                    out.push_back(*status);
    return out;
}

} // namespace analysis
} // namespace jji
