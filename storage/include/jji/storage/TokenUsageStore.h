#ifndef JJI_STORAGE_TOKENUSAGESTORE_H
#define JJI_STORAGE_TOKENUSAGESTORE_H

#include "jji/storage/Database.h"

#include <string>

namespace jji {
namespace storage {

/// One AI call's reported usage.
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
};

/// The token-usage aggregate: one row per AI call that reported usage.
class TokenUsageStore
{
public:
    explicit TokenUsageStore(Database& db) : _db(db) {}

    void add(const TokenUsageRow& row);

    /// Number of rows recorded for a job (reports come with their own issue).
    int countForJob(const std::string& jobId);

private:
    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
