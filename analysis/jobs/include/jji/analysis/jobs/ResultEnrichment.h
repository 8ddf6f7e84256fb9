#ifndef JJI_ANALYSIS_JOBS_RESULTENRICHMENT_H
#define JJI_ANALYSIS_JOBS_RESULTENRICHMENT_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/analysis/jobs/JobRecord.h"
#include "jji/analysis/trackers/JiraEnrichment.h"
#include "jji/analysis/trackers/TestsRepoEnrichment.h"
#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <vector>

namespace jji {
namespace analysis {

/// What an analysis adds to its failures once the AI answered, each step only when the
/// result has something for it: known Jira bugs for PRODUCT BUG reports (phase
/// enriching_jira) and related issues of the tests repository for CODE ISSUE fixes
/// (enriching_tests_repo). The analysis's AI filters both for relevance (call types
/// jira_filter and tests_repo_filter); without a provider and model, nothing is filtered.
class ResultEnrichment
{
public:
    ResultEnrichment(const config::Settings& settings, AiCallLimiter& limiter, const AiRequest& ai)
        : _settings(settings), _limiter(limiter), _ai(ai)
    {
    }

    /// Runs the steps on `result`, moving `record` through their phases; the AI calls are
    /// appended to `calls` and added to `total`.
    void run(JobRecord& record, const Poco::JSON::Object::Ptr& result, const JiraSearchConfig& jira,
             const TestsRepoSearchConfig& testsRepo, JobRecord::Persist persist, std::vector<TokenUsage>& calls,
             TokenUsage& total) const;

private:
    const config::Settings& _settings;
    AiCallLimiter& _limiter;
    const AiRequest& _ai;
};

} // namespace analysis
} // namespace jji

#endif
