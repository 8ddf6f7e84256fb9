#include "jji/analysis/ai/AiCall.h"

#include "jji/analysis/ai/AiCliDiagnosis.h"
#include "jji/analysis/ai/AiCliMonitor.h"
#include "jji/analysis/ai/AiPrices.h"
#include "jji/analysis/ai/AiProvider.h"
#include "jji/analysis/runtime/ProcessRunner.h"
#include "jji/storage/Metrics.h"
#include "jji/storage/TokenUsageStore.h"

namespace jji {
namespace analysis {

namespace {

std::string tail(const std::string& text, std::size_t max)
{
    std::string t = text.size() > max ? "..." + text.substr(text.size() - max) : text;
    while (!t.empty() && (t.back() == '\n' || t.back() == ' '))
        t.pop_back();
    return t;
}

/// Why a call that ran failed: a known cause with its fix when the output shows one,
/// else what the CLI said.
std::string failureMessage(const AiRequest& ai, const ProcessResult& run, const AiProvider::Envelope& envelope,
                           const AiCliMonitor& monitor)
{
    if (run.stopped)
        return monitor.verdict();
    if (run.timedOut) {
        std::string message = "AI CLI '" + ai.provider + "' timed out after " +
                              std::to_string(std::chrono::duration_cast<std::chrono::seconds>(ai.timeout).count()) +
                              " s and was killed";
        if (monitor.retries() > 0)
            message += "; the API had answered " + std::to_string(monitor.lastRetryStatus()) + " to " +
                       std::to_string(monitor.retries()) + " retries";
        return message;
    }
    if (envelope.apiStatus != 0 || !envelope.apiReason.empty()) {
        const std::string known = AiCliDiagnosis::forApiStatus(ai.provider, ai.model, envelope.apiStatus, envelope.apiReason);
        if (!known.empty())
            return known;
    }
    for (const std::string* said : {&envelope.error, &run.err}) {
        const std::string known = AiCliDiagnosis::forCliMessage(ai.provider, *said);
        if (!known.empty())
            return known;
    }
    if (run.exitCode != 0) {
        std::string why = tail(envelope.error, 500);
        if (why.empty())
            why = tail(run.err, 500);
        if (why.empty())
            why = tail(run.out, 500);
        return "AI CLI '" + ai.provider + "' exited with code " + std::to_string(run.exitCode) + (why.empty() ? "" : ": " + why);
    }
    return "AI CLI '" + ai.provider + "' reported an error: " + tail(envelope.error, 500);
}

} // namespace

std::string callAi(const config::Settings& settings, AiCallLimiter& limiter, const AiRequest& ai,
                     const std::string& prompt, std::vector<TokenUsage>& usage, std::string& error)
{
    AiProvider::Command command = AiProvider::command(settings, ai.provider, ai.model, ai.workspace);
    AiCliMonitor monitor(ai.provider, ai.model);
    ProcessResult run;
    {
        AiCallLimiter::Slot slot(limiter);
        run = ProcessRunner::run(command.executable, command.args, prompt, ai.timeout, ai.workspace,
                                 std::chrono::seconds(5), {},
                                 [&](ProcessRunner::Stream stream, std::string_view chunk) { return monitor.see(stream, chunk); });
    }
    storage::Metrics& metrics = storage::Metrics::instance();
    if (!run.launched) {
        metrics.count("jji_ai_calls_total", {{"provider", ai.provider}, {"outcome", "launch_error"}});
        error = AiCliDiagnosis::notInstalled(ai.provider, command.executable, run.launchError);
        return "";
    }
    // Every call that ran is recorded, usage reported or not, with its sizes.
    AiProvider::Envelope envelope = AiProvider::readEnvelope(ai.provider, run.out);
    if (run.exitCode != 0 && envelope.error.empty())
        if (AiProvider::Envelope onStderr = AiProvider::readErrorEnvelope(ai.provider, run.err); !onStderr.error.empty()) {
            envelope.error = onStderr.error;
            envelope.apiStatus = onStderr.apiStatus;
            envelope.apiReason = onStderr.apiReason;
        }
    const bool failed = run.timedOut || run.stopped || run.exitCode != 0 || !envelope.error.empty();
    const std::string outcome = run.timedOut ? "timeout" : failed ? "error" : "ok";
    metrics.count("jji_ai_calls_total", {{"provider", ai.provider}, {"outcome", outcome}});
    metrics.observe("jji_ai_call_duration_seconds", {{"provider", ai.provider}}, static_cast<double>(run.durationMs) / 1000.0);
    metrics.count("jji_ai_tokens_total", {{"provider", ai.provider}, {"kind", "input"}}, static_cast<double>(envelope.usage.inputTokens));
    metrics.count("jji_ai_tokens_total", {{"provider", ai.provider}, {"kind", "output"}}, static_cast<double>(envelope.usage.outputTokens));
    if (envelope.usage.durationMs == 0)
        envelope.usage.durationMs = run.durationMs;
    envelope.usage.promptChars = static_cast<long long>(prompt.size());
    envelope.usage.responseChars = static_cast<long long>(run.out.size());
    if (envelope.usage.reported)
        AiPrices::shared(settings.aiPricesFile).complete(ai.provider, ai.model, envelope.usage);
    usage.push_back(envelope.usage);
    if (failed)
        error = failureMessage(ai, run, envelope, monitor);
    return failed ? "" : envelope.answer;
}

void recordTokenUsage(storage::Database& db, const std::string& jobId, const AiRequest& ai,
                      const std::vector<TokenUsage>& calls)
{
    storage::TokenUsageStore store(db);
    for (const auto& call : calls) {
        storage::TokenUsageRow row;
        row.jobId = jobId;
        row.provider = call.ai.provider.empty() ? ai.provider : call.ai.provider;
        row.model = call.ai.provider.empty() ? ai.model : call.ai.model;
        row.callType = call.callType;
        row.inputTokens = call.inputTokens;
        row.outputTokens = call.outputTokens;
        row.cacheReadTokens = call.cacheReadTokens;
        row.cacheWriteTokens = call.cacheWriteTokens;
        row.costUsd = call.costUsd;
        row.costSource = call.costSource.empty() ? "unknown" : call.costSource;
        row.durationMs = call.durationMs;
        row.promptChars = call.promptChars;
        row.responseChars = call.responseChars;
        store.add(row);
    }
}

} // namespace analysis
} // namespace jji
