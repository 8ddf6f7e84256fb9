#ifndef JJI_ANALYSIS_TRACKERS_AIQUESTION_H
#define JJI_ANALYSIS_TRACKERS_AIQUESTION_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

#include <string>

namespace jji {
namespace analysis {

/// One AI question outside an analysis (comment intent, feedback drafts): no peers and no
/// extra prompt, run in a scratch workspace of its own that is removed afterwards, its usage
/// recorded under `usageJobId` as `callType`. Returns the answer, or "" with `error` set.
std::string askAiOnce(const config::Settings& settings, storage::Database& db, AiCallLimiter& limiter, AiRequest ai,
                      const std::string& prompt, const std::string& usageJobId, const std::string& callType,
                      std::string& error);

} // namespace analysis
} // namespace jji

#endif
