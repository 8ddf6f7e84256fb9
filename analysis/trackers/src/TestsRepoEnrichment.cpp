#include "jji/analysis/trackers/TestsRepoEnrichment.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/model/ModelJson.h"

#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>
#include <Poco/String.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace jji {
namespace analysis {

namespace {

constexpr int kMaxResults = 10;
constexpr std::size_t kMaxSearchText = 200; // GitHub refuses queries much longer than 256 characters

using FixVisitor = std::function<void(const Poco::JSON::Object::Ptr& failure, const Poco::JSON::Object::Ptr& fix)>;

/// The keywords of a code fix: trimmed, without empties or repeats, sorted.
std::vector<std::string> keywordsOf(const Poco::JSON::Object::Ptr& fix)
{
    std::set<std::string> words;
    Poco::JSON::Array::Ptr keywords = fix->getArray("tests_repo_search_keywords");
    for (unsigned i = 0; keywords && i < keywords->size() && i < 20; ++i) {
        const Poco::Dynamic::Var keyword = keywords->get(i);
        const std::string w = keyword.isString() ? Poco::trim(keyword.extract<std::string>()) : "";
        if (!w.empty())
            words.insert(w);
    }
    return {words.begin(), words.end()};
}

/// Calls `visit` with every code_fix of a CODE ISSUE answer that has keywords, once per object.
void forEachCodeFix(const Poco::JSON::Object::Ptr& node, std::set<const void*>& seen, const FixVisitor& visit)
{
    if (!node)
        return;
    if (Poco::JSON::Array::Ptr failures = node->getArray("failures"))
        for (unsigned i = 0; i < failures->size(); ++i) {
            Poco::JSON::Object::Ptr f = failures->getObject(i);
            Poco::JSON::Object::Ptr analysis = f ? f->getObject("analysis") : nullptr;
            if (!analysis || Poco::toUpper(textField(analysis, "classification")) != "CODE ISSUE")
                continue;
            Poco::JSON::Object::Ptr fix = analysis->getObject("code_fix");
            if (fix && !keywordsOf(fix).empty() && seen.insert(fix.get()).second)
                visit(f, fix);
        }
    for (const char* children : {"child_job_analyses", "failed_children"})
        if (Poco::JSON::Array::Ptr list = node->getArray(children))
            for (unsigned i = 0; i < list->size(); ++i)
                forEachCodeFix(list->getObject(i), seen, visit);
}

/// Fixes with the same keywords, and the first of them with its failure (what the AI is told).
struct FixGroup
{
    std::vector<std::string> keywords;
    Poco::JSON::Object::Ptr failure;
    std::vector<Poco::JSON::Object::Ptr> fixes;
};

} // namespace

TestsRepoSearchConfig TestsRepoSearchConfig::from(const Poco::JSON::Object::Ptr& params, const config::Settings& settings)
{
    TestsRepoSearchConfig c;
    // As the clone: a request's tests_repo_url (even "" for none) replaces TESTS_REPO_URL.
    const bool requested = params && params->has("tests_repo_url");
    const std::string url = requested ? textField(params, "tests_repo_url") : settings.testsRepoUrl;
    c.repo = url.empty() ? std::nullopt : GitHubRepo::fromUrl(url, settings);
    if (c.repo && !c.repo->onConfiguredHost(settings)) {
        Poco::Logger::get("jji.trackers").information(
            "tests repository %s is on a host without a configured GitHub API: its issues are not searched", c.repo->fullName());
        c.repo.reset();
    }
    const std::string own = params ? Poco::trim(textField(params, "github_token")) : "";
    if (!own.empty())
        c.token = own;
    else if (c.repo && c.repo->apiUrl == settings.githubApiUrl)
        c.token = settings.githubToken;
    return c;
}

bool TestsRepoEnrichment::hasCandidates(const Poco::JSON::Object::Ptr& result)
{
    bool any = false;
    std::set<const void*> seen;
    forEachCodeFix(result, seen, [&](const Poco::JSON::Object::Ptr&, const Poco::JSON::Object::Ptr&) { any = true; });
    return any;
}

std::string TestsRepoEnrichment::searchText(std::vector<std::string> keywords)
{
    std::sort(keywords.begin(), keywords.end());
    std::string text;
    for (const auto& keyword : keywords) {
        std::string plain;
        for (char c : keyword) {
            const auto u = static_cast<unsigned char>(c);
            plain += std::isalnum(u) || u >= 0x80 || c == '_' || c == '.' || c == '-' ? c : ' ';
        }
        std::istringstream words(plain);
        for (std::string word; words >> word;) {
            word.erase(0, std::min(word.find_first_not_of("-."), word.size())); // no "-word" (NOT) either
            if (word.empty() || text.size() + 1 + word.size() > kMaxSearchText)
                continue; // what does not fit is left out
            text += (text.empty() ? "" : " ") + word;
        }
    }
    return text;
}

std::size_t TestsRepoEnrichment::enrich(const Poco::JSON::Object::Ptr& result, std::vector<TokenUsage>& usage) const
{
    if (!_config.repo)
        return 0;
    Poco::Logger& log = Poco::Logger::get("jji.trackers");
    std::vector<FixGroup> groups;
    std::map<std::string, std::size_t> groupOf;
    std::size_t fixes = 0;
    std::set<const void*> seen;
    forEachCodeFix(result, seen, [&](const Poco::JSON::Object::Ptr& failure, const Poco::JSON::Object::Ptr& fix) {
        std::vector<std::string> keywords = keywordsOf(fix);
        const std::string key = Poco::cat(std::string("\n"), keywords.begin(), keywords.end());
        auto [at, added] = groupOf.emplace(key, groups.size());
        if (added)
            groups.push_back({std::move(keywords), failure, {}});
        groups[at->second].fixes.push_back(fix);
        ++fixes;
    });
    if (groups.empty())
        return 0;
    const GitHubRepo& repo = *_config.repo;
    log.information("Searching the GitHub issues of %s for %z keyword set(s) across %z CODE ISSUE fix(es)", repo.fullName(),
                    groups.size(), fixes);
    const GitHubClient github(repo.apiUrl, _config.token);
    std::size_t searches = 0, found = 0;
    for (const FixGroup& group : groups) {
        const std::string words = searchText(group.keywords);
        std::vector<TrackerIssue> issues;
        if (!words.empty()) {
            try {
                ++searches;
                issues = github.searchIssues(repo, words, kMaxResults, "updated");
            } catch (const std::exception& e) {
                log.warning("GitHub issue search of %s for [%s] failed: %s", repo.fullName(), words, std::string(e.what()));
            }
        }
        std::vector<const TrackerIssue*> kept;
        if (_relevance && !issues.empty()) {
            Poco::JSON::Object::Ptr fix = group.fixes.front();
            Poco::JSON::Object::Ptr analysis = group.failure->getObject("analysis");
            const std::string title = textField(fix, "file") + ": " + textField(fix, "change");
            const std::string description = "Test: " + textField(group.failure, "test_name") + "\nError: " +
                                            textField(group.failure, "error") + "\nAnalysis: " + textField(analysis, "details");
            std::vector<IssueCandidate> candidates;
            for (const auto& issue : issues)
                candidates.push_back({std::to_string(issue.number), issue.title, issue.description, issue.status});
            for (const auto& verdict : _relevance->relevant(title, description, candidates, usage))
                for (const auto& issue : issues)
                    if (std::to_string(issue.number) == verdict.key)
                        kept.push_back(&issue);
        } else {
            for (const auto& issue : issues)
                kept.push_back(&issue);
        }
        Poco::JSON::Array::Ptr matches = new Poco::JSON::Array;
        for (const TrackerIssue* issue : kept)
            matches->add(toJson(SimilarIssue{issue->number, "", issue->title, issue->url, issue->status}));
        for (Poco::JSON::Object::Ptr fix : group.fixes)
            fix->set("tests_repo_matches", matches);
        found += kept.size();
    }
    log.information("GitHub issue search of %s complete: %z relevant match(es)", repo.fullName(), found);
    return searches;
}

} // namespace analysis
} // namespace jji
