#ifndef JJI_ANALYSIS_AI_AICALL_H
#define JJI_ANALYSIS_AI_AICALL_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// One AI CLI run under the daemon-wide call limit: returns the answer text, or "" with
/// `error` set. Every call that ran appends its usage (tokens, duration, sizes) to
/// `usage` and is counted in the AI metrics.
std::string callAi(const config::Settings& settings, AiCallLimiter& limiter, const AiRequest& ai,
                   const std::string& prompt, std::vector<TokenUsage>& usage, std::string& error);

/// Stores one token_usage row per call, attributed to the job.
void recordTokenUsage(storage::Database& db, const std::string& jobId, const AiRequest& ai,
                      const std::vector<TokenUsage>& calls);

} // namespace analysis
} // namespace jji

#endif
