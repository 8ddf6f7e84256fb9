#ifndef JJI_ANALYSIS_TRACKERS_FEEDBACKISSUE_H
#define JJI_ANALYSIS_TRACKERS_FEEDBACKISSUE_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Feedback cannot be taken here: switched off, or (for a preview) no AI to draft it (503).
class FeedbackUnavailable : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// What the web UI sends about a problem or a wish: the user's words and what the page saw.
struct FeedbackReport
{
    struct FailedCall
    {
        long long status = 0;
        std::string endpoint;
        std::string error;
    };
    std::string description;
    std::vector<std::string> consoleErrors;
    std::vector<FailedCall> failedApiCalls;
    std::string pageUrl, activeFilters, reportId; ///< the page state
    std::string userAgent;
};

/// User feedback filed as a GitHub issue on JJI_FEEDBACK_REPO_URL with the server's
/// GITHUB_TOKEN (sent only to that repository's configured API host): the AI drafts a bug
/// report or feature request from the report (a template when it fails), the person edits
/// it, and create() files it. Every text is scrubbed of tokens, passwords and keys first.
class FeedbackIssue
{
public:
    struct Draft
    {
        std::string title;
        std::string body;
        std::vector<std::string> labels; ///< "bug" or "enhancement"
    };
    struct Filed
    {
        std::string url;
        long long number = 0;
        std::string title;
    };

    FeedbackIssue(const config::Settings& settings, storage::Database& db, AiCallLimiter& limiter)
        : _settings(settings), _db(db), _limiter(limiter)
    {
    }

    /// Throws FeedbackUnavailable when feedback is off or no server AI is configured.
    Draft preview(const FeedbackReport& report);
    /// Throws FeedbackUnavailable when feedback is off, TrackerError when GitHub refuses.
    Filed create(const std::string& title, const std::string& body, const std::vector<std::string>& labels);

    /// Secrets in free text replaced by markers (JWTs, Basic/Bearer credentials,
    /// token=/password= values, GitHub tokens, long hex strings).
    static std::string scrub(const std::string& text);
    /// The template draft used when the AI gives none.
    static Draft fallback(const FeedbackReport& report);

private:
    void requireEnabled() const;

    const config::Settings& _settings;
    storage::Database& _db;
    AiCallLimiter& _limiter;
};

} // namespace analysis
} // namespace jji

#endif
