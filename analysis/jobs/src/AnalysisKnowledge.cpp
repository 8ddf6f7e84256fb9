#include "jji/analysis/jobs/AnalysisKnowledge.h"

namespace jji {
namespace analysis {

AnalysisKnowledge::AnalysisKnowledge(const config::Settings& settings, storage::Database& db, AiRequest& ai,
                                     const std::string& workspace)
    : _settings(settings), _db(db), _prompts(RepoPrompts::read(workspace)), _reuseConfirmed(ai.reuseConfirmed),
      _secrets(storage::SecretBox::fromSettings(settings)), _links(settings, db, _secrets)
{
    if (ai.rawPrompt.empty())
        ai.rawPrompt = _prompts.analysis; // a request's raw_prompt replaces the repository's
    ai.historyInstructions = _prompts.historyAnalysis;
}

KnownFailures AnalysisKnowledge::forBuild(const std::string& jobName, const std::string& console) const
{
    return KnownFailures(_settings, _db, &_links, {jobName, console, _reuseConfirmed});
}

} // namespace analysis
} // namespace jji
