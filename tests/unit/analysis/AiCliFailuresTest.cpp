// How the daemon reads a failing AI CLI: the retry notices that end a call early, the
// messages that name cause and fix, and the costs it computes for CLIs that report none.
#include "jji/analysis/ai/AiCliDiagnosis.h"
#include "jji/analysis/ai/AiCliMonitor.h"
#include "jji/analysis/ai/AiPrices.h"
#include "jji/test/TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>

using jji::analysis::AiCliDiagnosis;
using jji::analysis::AiCliMonitor;
using jji::analysis::AiPrices;
using jji::analysis::ProcessRunner;
using jji::analysis::TokenUsage;

namespace {

std::string claudeRetry(int attempt, int status, const std::string& error)
{
    return R"({"type":"system","subtype":"api_retry","attempt":)" + std::to_string(attempt) +
           R"(,"max_retries":10,"retry_delay_ms":544,"error_status":)" + std::to_string(status) + R"(,"error":")" + error +
           "\"}\n";
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class AiCliFailuresTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AiCliFailuresTest);
    CPPUNIT_TEST(refusedKeyEndsTheCallAtTheFirstRetry);
    CPPUNIT_TEST(unknownModelEndsTheCall);
    CPPUNIT_TEST(rateLimitEndsAfterAFewTries);
    CPPUNIT_TEST(overloadIsLeftToTheCliRetries);
    CPPUNIT_TEST(geminiRetryLinesOnStderr);
    CPPUNIT_TEST(linesSplitAcrossChunks);
    CPPUNIT_TEST(messagesNameTheFix);
    CPPUNIT_TEST(pricesComputeTheCostTheCliDidNotReport);
    CPPUNIT_TEST(unknownModelHasNoCost);
    CPPUNIT_TEST(reportedCostIsKept);
    CPPUNIT_TEST(overrideFileReplacesAndAdds);
    CPPUNIT_TEST(brokenOverrideFileIsAnError);
    CPPUNIT_TEST_SUITE_END();

public:
    void refusedKeyEndsTheCallAtTheFirstRetry()
    {
        AiCliMonitor monitor("claude", "sonnet");
        CPPUNIT_ASSERT(!monitor.see(ProcessRunner::Stream::Out, R"({"type":"system","subtype":"init"})" "\n"));
        CPPUNIT_ASSERT(monitor.see(ProcessRunner::Stream::Out, claudeRetry(1, 401, "authentication_failed")));
        CPPUNIT_ASSERT_EQUAL(std::string("claude: the API refused the key (401): set ANTHROPIC_API_KEY or run `claude login` "
                                         "as the daemon's user"),
                             monitor.verdict());
    }

    void unknownModelEndsTheCall()
    {
        AiCliMonitor monitor("claude", "claude-nope-1");
        CPPUNIT_ASSERT(monitor.see(ProcessRunner::Stream::Out, claudeRetry(1, 404, "model_not_found")));
        CPPUNIT_ASSERT(contains(monitor.verdict(), "does not know the model 'claude-nope-1' (404)"));
    }

    void rateLimitEndsAfterAFewTries()
    {
        AiCliMonitor monitor("claude", "sonnet");
        for (int attempt = 1; attempt < AiCliMonitor::kRateLimitTries; ++attempt)
            CPPUNIT_ASSERT(!monitor.see(ProcessRunner::Stream::Out, claudeRetry(attempt, 429, "rate_limit")));
        CPPUNIT_ASSERT(monitor.see(ProcessRunner::Stream::Out, claudeRetry(AiCliMonitor::kRateLimitTries, 429, "rate_limit")));
        CPPUNIT_ASSERT(contains(monitor.verdict(), "429 (rate limit or quota exhausted) on 3 tries"));
    }

    void overloadIsLeftToTheCliRetries()
    {
        AiCliMonitor monitor("claude", "sonnet");
        for (int attempt = 1; attempt <= 10; ++attempt)
            CPPUNIT_ASSERT(!monitor.see(ProcessRunner::Stream::Out, claudeRetry(attempt, 529, "overloaded")));
        CPPUNIT_ASSERT_EQUAL(529, monitor.lastRetryStatus());
        CPPUNIT_ASSERT_EQUAL(10, monitor.retries());
        CPPUNIT_ASSERT(monitor.verdict().empty());
        // Retry notices on stderr or in answers are not claude's events.
        CPPUNIT_ASSERT(!monitor.see(ProcessRunner::Stream::Err, claudeRetry(1, 401, "authentication_failed")));
    }

    void geminiRetryLinesOnStderr()
    {
        AiCliMonitor monitor("gemini", "gemini-2.5-pro");
        CPPUNIT_ASSERT(!monitor.see(ProcessRunner::Stream::Err, "Attempt 1 failed with status 503. Retrying with backoff...\n"));
        CPPUNIT_ASSERT(!monitor.see(ProcessRunner::Stream::Out, "Attempt 1 failed with status 403.\n"));
        CPPUNIT_ASSERT(monitor.see(ProcessRunner::Stream::Err, "Attempt 2 failed with status 403. Retrying with backoff...\n"));
        CPPUNIT_ASSERT(contains(monitor.verdict(), "gemini: the API refused the key (403): set GEMINI_API_KEY"));
        AiCliMonitor huge("gemini", "m");
        CPPUNIT_ASSERT(!huge.see(ProcessRunner::Stream::Err, "Attempt 99999999999999999999 failed with status 4011\n"));
    }

    void linesSplitAcrossChunks()
    {
        AiCliMonitor monitor("claude", "sonnet");
        const std::string event = claudeRetry(1, 401, "authentication_failed");
        CPPUNIT_ASSERT(!monitor.see(ProcessRunner::Stream::Out, event.substr(0, 40)));
        CPPUNIT_ASSERT(monitor.see(ProcessRunner::Stream::Out, event.substr(40)));
    }

    void messagesNameTheFix()
    {
        CPPUNIT_ASSERT(contains(AiCliDiagnosis::forApiStatus("gemini", "m", 400, "API_KEY_INVALID"),
                                "gemini: the API refused the key (API_KEY_INVALID): set GEMINI_API_KEY"));
        CPPUNIT_ASSERT(AiCliDiagnosis::forApiStatus("claude", "m", 500, "").empty());
        CPPUNIT_ASSERT(contains(AiCliDiagnosis::forCliMessage("claude", "Not logged in · Please run /login"),
                                "claude: the CLI has no usable credentials (Not logged in"));
        CPPUNIT_ASSERT(contains(AiCliDiagnosis::forCliMessage(
                                    "gemini", "When using Gemini API, you must specify the GEMINI_API_KEY environment variable."),
                                "set GEMINI_API_KEY"));
        CPPUNIT_ASSERT(AiCliDiagnosis::forCliMessage("claude", "segmentation fault").empty());
        const std::string missing = AiCliDiagnosis::notInstalled("claude", "claude", "command not found: claude");
        CPPUNIT_ASSERT(contains(missing, "npm install -g @anthropic-ai/claude-code"));
        CPPUNIT_ASSERT(contains(missing, "JJI_AI_COMMAND_CLAUDE"));
    }

    void pricesComputeTheCostTheCliDidNotReport()
    {
        const AiPrices prices = AiPrices::load("");
        TokenUsage usage;
        usage.inputTokens = 1000; // gemini's prompt count includes the 200 cached tokens
        usage.outputTokens = 200;
        usage.cacheReadTokens = 200;
        prices.complete("gemini", "gemini-2.5-pro", usage);
        CPPUNIT_ASSERT_EQUAL(std::string("computed"), usage.costSource);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(800 * 1.25e-6 + 200 * 1e-5 + 200 * 3.1e-7, usage.costUsd, 1e-12);
        // Name variants: a provider prefix, a "[...]" suffix.
        CPPUNIT_ASSERT(prices.find("gemini", "gemini/gemini-2.5-flash"));
        CPPUNIT_ASSERT(prices.find("claude", "claude-sonnet-4-5[1m]"));
        CPPUNIT_ASSERT(prices.find("claude", "claude-haiku-4-5"));
    }

    void unknownModelHasNoCost()
    {
        TokenUsage usage;
        usage.inputTokens = 10;
        usage.costUsd = 1.0;
        AiPrices::load("").complete("gemini", "gemini-99-ultra", usage);
        CPPUNIT_ASSERT_EQUAL(std::string("unknown"), usage.costSource);
        CPPUNIT_ASSERT_EQUAL(0.0, usage.costUsd);
    }

    void reportedCostIsKept()
    {
        TokenUsage usage;
        usage.inputTokens = 1000;
        usage.costUsd = 0.5;
        usage.costSource = "reported";
        AiPrices::load("").complete("claude", "claude-sonnet-4-5", usage);
        CPPUNIT_ASSERT_EQUAL(std::string("reported"), usage.costSource);
        CPPUNIT_ASSERT_EQUAL(0.5, usage.costUsd);
    }

    void overrideFileReplacesAndAdds()
    {
        jji::test::TempDir dir;
        const std::string file = dir.path() + "/prices.json";
        std::ofstream(file) << R"({"sample_spec": {"mode": "chat"},
            "gemini-2.5-pro": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
            "my-local-model": {"input_cost_per_token": 0, "output_cost_per_token": 0}})";
        const AiPrices prices = AiPrices::load(file);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(1e-06, prices.find("gemini", "gemini-2.5-pro")->input, 1e-15);
        CPPUNIT_ASSERT(prices.find("custom", "my-local-model"));
        CPPUNIT_ASSERT(prices.find("gemini", "gemini-2.5-flash")); // the shipped entries stay
        CPPUNIT_ASSERT(!prices.find("custom", "sample_spec"));
    }

    void brokenOverrideFileIsAnError()
    {
        jji::test::TempDir dir;
        CPPUNIT_ASSERT_THROW(AiPrices::load(dir.path() + "/missing.json"), jji::analysis::AiPricesError);
        const std::string file = dir.path() + "/bad.json";
        std::ofstream(file) << "{not json";
        CPPUNIT_ASSERT_THROW(AiPrices::load(file), jji::analysis::AiPricesError);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AiCliFailuresTest);
