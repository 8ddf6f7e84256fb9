#include "jji/storage/TokenUsageStore.h"

#include "jji/storage/Guarded.h"
#include "jji/storage/Timestamp.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

#include <stdexcept>
#include <Poco/Exception.h>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

void TokenUsageStore::add(const TokenUsageRow& r)
{
    guarded("cannot store token usage", [&] {
        Poco::Data::Session s = _db.session();
        std::string jobId = r.jobId, provider = r.provider, model = r.model, callType = r.callType, at = nowTimestamp(),
                    costSource = r.costSource;
        Poco::Int64 in = r.inputTokens, out = r.outputTokens, cacheRead = r.cacheReadTokens, cacheWrite = r.cacheWriteTokens,
                    duration = r.durationMs, promptChars = r.promptChars, responseChars = r.responseChars;
        double cost = r.costUsd;
        s << _db.sql("INSERT INTO token_usage (job_id, provider, model, call_type, input_tokens, output_tokens, "
                     "cache_read_tokens, cache_write_tokens, cost_usd, cost_source, duration_ms, prompt_chars, response_chars, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            use(jobId), use(provider), use(model), use(callType), use(in), use(out), use(cacheRead), use(cacheWrite),
            use(cost), use(costSource), use(duration), use(promptChars), use(responseChars), use(at), now;
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

namespace {

const char* kSums = "COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cache_read_tokens), 0), "
                    "COALESCE(SUM(cache_write_tokens), 0), COALESCE(SUM(cost_usd), 0), COUNT(*), COALESCE(SUM(duration_ms), 0)";

/// WHERE clause and its values for a filter (values kept alive by the caller).
std::string whereOf(const TokenUsageFilter& f, std::vector<std::string>& values)
{
    std::string where;
    auto add = [&](const char* sql, const std::string& value) {
        if (value.empty())
            return;
        where += (where.empty() ? " WHERE " : " AND ") + std::string(sql);
        values.push_back(value);
    };
    add("created_at >= ?", f.startDate);
    add("created_at <= ?", f.endDate);
    add("provider = ?", f.provider);
    add("model = ?", f.model);
    add("call_type = ?", f.callType);
    return where;
}

TokenUsageTotals totalsAt(const Poco::Data::RecordSet& rs, std::size_t row, std::size_t first)
{
    TokenUsageTotals t;
    t.inputTokens = rs.value(first, row).convert<long long>();
    t.outputTokens = rs.value(first + 1, row).convert<long long>();
    t.cacheReadTokens = rs.value(first + 2, row).convert<long long>();
    t.cacheWriteTokens = rs.value(first + 3, row).convert<long long>();
    t.costUsd = rs.value(first + 4, row).convert<double>();
    t.calls = rs.value(first + 5, row).convert<long long>();
    t.durationMs = rs.value(first + 6, row).convert<long long>();
    return t;
}

} // namespace

const std::vector<std::string>& TokenUsageStore::groupings()
{
    static const std::vector<std::string> names{"provider", "model", "call_type", "day", "week", "month", "job"};
    return names;
}

std::vector<TokenUsageRow> TokenUsageStore::forJob(const std::string& jobId)
{
    return guarded("cannot read token usage", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT id, job_id, created_at, provider, model, call_type, input_tokens, output_tokens, "
                          "cache_read_tokens, cache_write_tokens, cost_usd, duration_ms, prompt_chars, response_chars, cost_source "
                          "FROM token_usage WHERE job_id = ? ORDER BY id"),
            useRef(jobId);
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<TokenUsageRow> rows;
        for (std::size_t i = 0; i < rs.rowCount(); ++i) {
            TokenUsageRow r;
            r.id = rs.value(0, i).convert<long long>();
            r.jobId = rs.value(1, i).convert<std::string>();
            r.createdAt = rs.value(2, i).convert<std::string>();
            r.provider = rs.value(3, i).convert<std::string>();
            r.model = rs.value(4, i).convert<std::string>();
            r.callType = rs.value(5, i).convert<std::string>();
            r.inputTokens = rs.value(6, i).convert<long long>();
            r.outputTokens = rs.value(7, i).convert<long long>();
            r.cacheReadTokens = rs.value(8, i).convert<long long>();
            r.cacheWriteTokens = rs.value(9, i).convert<long long>();
            r.costUsd = rs.value(10, i).convert<double>();
            r.durationMs = rs.value(11, i).convert<long long>();
            r.promptChars = rs.value(12, i).convert<long long>();
            r.responseChars = rs.value(13, i).convert<long long>();
            r.costSource = rs.value(14, i).convert<std::string>();
            rows.push_back(std::move(r));
        }
        return rows;
    });
}

TokenUsageTotals TokenUsageStore::totals(const TokenUsageFilter& filter)
{
    return guarded("cannot read token usage", [&] {
        Poco::Data::Session s = _db.session();
        std::vector<std::string> values;
        const std::string where = whereOf(filter, values);
        Poco::Data::Statement select(s);
        select << _db.sql(std::string("SELECT ") + kSums + " FROM token_usage" + where);
        for (const auto& v : values)
            select, useRef(v);
        select.execute();
        Poco::Data::RecordSet rs(select);
        return totalsAt(rs, 0, 0);
    });
}

std::vector<TokenUsageTotals> TokenUsageStore::breakdown(const TokenUsageFilter& filter, const std::string& groupBy, int limit)
{
    const bool postgres = _db.dialect() == Database::Dialect::PostgreSQL;
    std::string key;
    if (groupBy == "provider" || groupBy == "model" || groupBy == "call_type")
        key = groupBy;
    else if (groupBy == "job")
        key = "job_id";
    else if (groupBy == "day")
        key = "substr(created_at, 1, 10)";
    else if (groupBy == "month")
        key = "substr(created_at, 1, 7)";
    else if (groupBy == "week") // the week's Monday, e.g. 2026-11-23: the same key on both databases
        key = postgres ? "to_char(date_trunc('week', created_at::timestamp), 'YYYY-MM-DD')"
                       : "date(created_at, 'weekday 0', '-6 days')";
    else
        throw std::invalid_argument("group_by must be one of provider, model, call_type, day, week, month, job");
    const bool timeline = groupBy == "day" || groupBy == "week" || groupBy == "month"; // oldest first; others by cost
    return guarded("cannot read token usage", [&] {
        Poco::Data::Session s = _db.session();
        std::vector<std::string> values;
        const std::string where = whereOf(filter, values);
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT " + key + " AS group_key, " + kSums + " FROM token_usage" + where +
                          " GROUP BY group_key ORDER BY " + (timeline ? "group_key" : "6 DESC, group_key") + " LIMIT ?");
        for (const auto& v : values)
            select, useRef(v);
        select, bind(limit);
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<TokenUsageTotals> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i) {
            TokenUsageTotals t = totalsAt(rs, i, 1);
            t.groupKey = rs.value(0, i).isEmpty() ? "" : rs.value(0, i).convert<std::string>();
            out.push_back(std::move(t));
        }
        return out;
    });
}

} // namespace storage
} // namespace jji
