#ifndef JJI_ANALYSIS_AI_AICLIMONITOR_H
#define JJI_ANALYSIS_AI_AICLIMONITOR_H

#include "jji/analysis/runtime/ProcessRunner.h"

#include <string>
#include <string_view>

namespace jji {
namespace analysis {

/// Watches an AI CLI's output while it runs, for the API errors it would otherwise retry
/// until the timeout: claude's stream-json `api_retry` events (with `error_status`) and
/// gemini's "Attempt N failed with status S" lines. A refused key (401/403) or an unknown
/// model (404) ends the call at once; a 429 after kRateLimitTries tries; other statuses
/// (overload, 5xx) are left to the CLI's own retries, up to the timeout.
class AiCliMonitor
{
public:
    static constexpr int kRateLimitTries = 3;

    AiCliMonitor(std::string provider, std::string model) : _provider(std::move(provider)), _model(std::move(model)) {}

    /// Feeds a chunk of output; true when the call can no longer succeed.
    bool see(ProcessRunner::Stream stream, std::string_view chunk);

    /// Why see() ended the call ("" while it has not).
    const std::string& verdict() const { return _verdict; }

    /// The API status the CLI kept retrying on, and how often (for a timeout's message).
    int lastRetryStatus() const { return _lastStatus; }
    int retries() const { return _retries; }

private:
    bool line(ProcessRunner::Stream stream, const std::string& text);
    bool retried(int attempt, int status, const std::string& reason);

    std::string _provider, _model;
    std::string _partialOut, _partialErr;
    std::string _verdict;
    int _lastStatus = 0;
    int _retries = 0;
};

} // namespace analysis
} // namespace jji

#endif
