#ifndef JJI_ANALYSIS_JOBS_ANALYSISKNOWLEDGE_H
#define JJI_ANALYSIS_JOBS_ANALYSISKNOWLEDGE_H

#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/analysis/knowledge/KnownFailures.h"
#include "jji/analysis/trackers/CommentLinks.h"
#include "jji/analysis/workspace/RepoPrompts.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"
#include "jji/storage/SecretBox.h"

#include <string>

namespace jji {
namespace analysis {

/// What one analysis brings to the FailureAnalyzer besides its failures: the tests
/// repository's prompt files (applied to the AI request) and, per build, what the
/// database knows about its failures.
class AnalysisKnowledge
{
public:
    /// Reads the prompt files of the clone in `workspace`: JOB_INSIGHT_PROMPT.md becomes the
    /// request's extra instructions unless it has a raw_prompt; the history file replaces
    /// the built-in history instructions.
    AnalysisKnowledge(const config::Settings& settings, storage::Database& db, AiRequest& ai, const std::string& workspace);

    /// The knowledge for the failures of one build (`jobName` "" for a direct analysis).
    KnownFailures forBuild(const std::string& jobName, const std::string& console) const;

    /// JOB_INSIGHT_ISSUE_PROMPT.md of the tests repository ("" without one), kept with the result.
    const std::string& issuePrompt() const { return _prompts.issue; }

private:
    const config::Settings& _settings;
    storage::Database& _db;
    RepoPrompts _prompts;
    bool _reuseConfirmed;
    storage::SecretBox _secrets;
    CommentLinks _links;
};

} // namespace analysis
} // namespace jji

#endif
