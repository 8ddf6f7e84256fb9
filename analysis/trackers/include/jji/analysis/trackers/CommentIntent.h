#ifndef JJI_ANALYSIS_TRACKERS_COMMENTINTENT_H
#define JJI_ANALYSIS_TRACKERS_COMMENTINTENT_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

#include <string>

namespace jji {
namespace analysis {

/// Does a comment mean the failure has been looked at ("Filed JIRA-123", "fixed in abc123")
/// rather than asking or discussing? One short AI call (2 minutes at most, in a workspace of
/// its own, usage recorded under job "comment-intent"), so the web UI can offer to mark the
/// failure reviewed. Any failure of the AI or its answer is "no", as in the original.
class CommentIntent
{
public:
    struct Verdict
    {
        bool suggestsReviewed = false;
        std::string reason;
    };

    CommentIntent(const config::Settings& settings, storage::Database& db, AiCallLimiter& limiter)
        : _settings(settings), _db(db), _limiter(limiter)
    {
    }

    /// `provider`/`model` "" take the stored request of `jobId` (when given), then the
    /// server's. Throws AnalysisConfigError when no provider or model is configured anywhere.
    Verdict judge(const std::string& comment, const std::string& jobId, const std::string& provider,
                  const std::string& model);

    /// The prompt the AI gets for `comment`.
    static std::string prompt(const std::string& comment);

private:
    const config::Settings& _settings;
    storage::Database& _db;
    AiCallLimiter& _limiter;
};

} // namespace analysis
} // namespace jji

#endif
