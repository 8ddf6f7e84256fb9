#ifndef JJI_ANALYSIS_TRACKERS_TESTSREPOENRICHMENT_H
#define JJI_ANALYSIS_TRACKERS_TESTSREPOENRICHMENT_H

#include "jji/analysis/ai/IssueRelevance.h"
#include "jji/analysis/trackers/GitHubClient.h"
#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Where an analysis searches its tests repository's GitHub issues, from its request
/// params over the server settings: the tests repository (request tests_repo_url, else
/// TESTS_REPO_URL) and the token (request github_token, else GITHUB_TOKEN).
struct TestsRepoSearchConfig
{
    /// nullopt: no tests repository, not a GitHub URL, or on a host the server is not
    /// configured for (github.com through GITHUB_API_URL, or TESTS_REPO_URL's host).
    std::optional<GitHubRepo> repo;
    /// The request's own token, else GITHUB_TOKEN, which goes to GITHUB_API_URL only (a
    /// repository elsewhere is searched without it); "" searches anonymously.
    std::string token;

    static TestsRepoSearchConfig from(const Poco::JSON::Object::Ptr& params, const config::Settings& settings);
};

/// The enriching_tests_repo step: for every CODE ISSUE answer in a result tree (failures,
/// child_job_analyses, failed_children) whose code_fix has tests_repo_search_keywords,
/// search the tests repository's issues (GitHub search "<sorted keywords> repo:o/r
/// is:issue", 10 most recently updated) and set code_fix.tests_repo_matches to
/// {number, key: "", title, url, status}. Fixes with the same keywords share one search.
/// With an AI (`relevance`), it judges the issues found against the first fix ("file:
/// change") and its failure (test, error, details): only the relevant ones are kept, best
/// first, and none when it fails. Without one, every issue found is kept. A GitHub error
/// leaves the matches empty (logged); this step never fails an analysis.
class TestsRepoEnrichment
{
public:
    explicit TestsRepoEnrichment(TestsRepoSearchConfig config, const IssueRelevance* relevance = nullptr)
        : _config(std::move(config)), _relevance(relevance)
    {
    }

    /// Whether the tree holds a code fix with keywords to search.
    static bool hasCandidates(const Poco::JSON::Object::Ptr& result);

    /// The text searched for a fix's keywords: sorted, joined by spaces, each cut down to
    /// letters, digits, spaces and "_.-" (the keywords come from an AI that read the
    /// failure's text: none may smuggle in a qualifier such as "repo:other/private").
    static std::string searchText(std::vector<std::string> keywords);

    /// Returns the number of searches made; the relevance filter's AI calls are appended to `usage`.
    std::size_t enrich(const Poco::JSON::Object::Ptr& result, std::vector<TokenUsage>& usage) const;

private:
    TestsRepoSearchConfig _config;
    const IssueRelevance* _relevance;
};

} // namespace analysis
} // namespace jji

#endif
