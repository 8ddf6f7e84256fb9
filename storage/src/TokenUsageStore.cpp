#include "jji/storage/TokenUsageStore.h"

#include "jji/storage/Guarded.h"
#include "jji/storage/Timestamp.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

void TokenUsageStore::add(const TokenUsageRow& r)
{
    guarded("cannot store token usage", [&] {
        Poco::Data::Session s = _db.session();
        std::string jobId = r.jobId, provider = r.provider, model = r.model, callType = r.callType, at = nowTimestamp();
        Poco::Int64 in = r.inputTokens, out = r.outputTokens, cacheRead = r.cacheReadTokens, cacheWrite = r.cacheWriteTokens,
                    duration = r.durationMs;
        double cost = r.costUsd;
        s << _db.sql("INSERT INTO token_usage (job_id, provider, model, call_type, input_tokens, output_tokens, "
                     "cache_read_tokens, cache_write_tokens, cost_usd, duration_ms, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            use(jobId), use(provider), use(model), use(callType), use(in), use(out), use(cacheRead), use(cacheWrite),
            use(cost), use(duration), use(at), now;
    });
}

int TokenUsageStore::countForJob(const std::string& jobId)
{
    return guarded("cannot read token usage", [&] {
        Poco::Data::Session s = _db.session();
        std::string id = jobId;
        int n = 0;
        s << _db.sql("SELECT COUNT(*) FROM token_usage WHERE job_id = ?"), use(id), into(n), now;
        return n;
    });
}

} // namespace storage
} // namespace jji
