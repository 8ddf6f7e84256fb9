#ifndef JJI_STORAGE_TOKENUSAGESTORE_H
#define JJI_STORAGE_TOKENUSAGESTORE_H

#include "jji/storage/Database.h"

#include <string>
#include <vector>

namespace jji {
namespace storage {

/// One AI call's usage.
struct TokenUsageRow
{
    std::string jobId;
    std::string provider;
    std::string model;
    std::string callType = "analysis";
    long long inputTokens = 0;
    long long outputTokens = 0;
    long long cacheReadTokens = 0;
    long long cacheWriteTokens = 0;
    double costUsd = 0.0;
    long long durationMs = 0;
    long long promptChars = 0;
    long long responseChars = 0;
    long long id = 0;          ///< filled when read
    std::string createdAt;     ///< filled when read
    std::string costSource = "reported"; ///< reported, computed, or unknown (costUsd then means nothing)
};

/// Filters of the token-usage report ("" = any). Dates compare as stored text
/// ("YYYY-MM-DD HH:MM:SS"); the caller expands a date-only end to the end of its day.
struct TokenUsageFilter
{
    std::string startDate, endDate, provider, model, callType;
};

/// Sums over a set of calls.
struct TokenUsageTotals
{
    std::string groupKey;
    long long inputTokens = 0, outputTokens = 0, cacheReadTokens = 0, cacheWriteTokens = 0;
    double costUsd = 0.0;
    long long calls = 0;
    long long durationMs = 0;
};

/// The token-usage aggregate: one row per AI call.
class TokenUsageStore
{
public:
    explicit TokenUsageStore(Database& db) : _db(db) {}

    void add(const TokenUsageRow& row);

    /// Number of rows recorded for a job.
    int countForJob(const std::string& jobId);

    std::vector<TokenUsageRow> forJob(const std::string& jobId);

    TokenUsageTotals totals(const TokenUsageFilter& filter);

    /// Totals per group: provider, model, call_type, day, week (ISO), month or job.
    /// Throws std::invalid_argument for another grouping.
    std::vector<TokenUsageTotals> breakdown(const TokenUsageFilter& filter, const std::string& groupBy, int limit = 1000);

    /// The grouping names breakdown() accepts.
    static const std::vector<std::string>& groupings();

private:
    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
