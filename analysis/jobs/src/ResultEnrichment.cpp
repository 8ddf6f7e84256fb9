#include "jji/analysis/jobs/ResultEnrichment.h"

#include <optional>

namespace jji {
namespace analysis {

void ResultEnrichment::run(JobRecord& record, const Poco::JSON::Object::Ptr& result, const JiraSearchConfig& jira,
                           const TestsRepoSearchConfig& testsRepo, JobRecord::Persist persist,
                           std::vector<TokenUsage>& calls, TokenUsage& total) const
{
    const bool aiConfigured = !_ai.provider.empty() && !_ai.model.empty();
    std::vector<TokenUsage> usage;
    if (jira.enabled && JiraEnrichment::hasCandidates(result)) {
        record.advance("running", "enriching_jira", persist);
        std::optional<IssueRelevance> relevance;
        if (aiConfigured)
            relevance.emplace(_settings, _limiter, _ai, "jira_filter");
        JiraEnrichment(jira, relevance ? &*relevance : nullptr).enrich(result, usage);
    }
    if (testsRepo.repo && TestsRepoEnrichment::hasCandidates(result)) {
        record.advance("running", "enriching_tests_repo", persist);
        std::optional<IssueRelevance> relevance;
        if (aiConfigured)
            relevance.emplace(_settings, _limiter, _ai, "tests_repo_filter");
        TestsRepoEnrichment(testsRepo, relevance ? &*relevance : nullptr).enrich(result, usage);
    }
    for (const auto& call : usage)
        total += call;
    calls.insert(calls.end(), usage.begin(), usage.end());
}

} // namespace analysis
} // namespace jji
