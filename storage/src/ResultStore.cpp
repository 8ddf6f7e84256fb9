#include "jji/storage/ResultStore.h"

#include "jji/storage/ServedResultCache.h"

#include "jji/storage/Guarded.h"
#include "RowValues.h"
#include "jji/storage/Timestamp.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>
#include <Poco/Nullable.h>
#include <Poco/Timestamp.h>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

namespace {

const char* kColumns = "job_id, jenkins_url, status, result_json, job_name, build_number, ai_provider, ai_model, "
                       "created_at, analysis_started_at, completed_at, version";

ResultRow rowFrom(const Poco::Data::RecordSet& rs, std::size_t row);

/// Every row of an executed SELECT of kColumns.
std::vector<ResultRow> rowsFrom(Poco::Data::Statement& select)
{
    select.execute();
    Poco::Data::RecordSet rs(select);
    std::vector<ResultRow> rows;
    for (std::size_t i = 0; i < rs.rowCount(); ++i)
        rows.push_back(rowFrom(rs, i));
    return rows;
}

ResultRow rowFrom(const Poco::Data::RecordSet& rs, std::size_t row)
{
    ResultRow r;
    r.jobId = text(rs.value(0, row));
    r.jenkinsUrl = text(rs.value(1, row));
    r.status = text(rs.value(2, row));
    r.resultJson = text(rs.value(3, row));
    r.jobName = text(rs.value(4, row));
    r.buildNumber = rs.value(5, row).isEmpty() ? 0 : rs.value(5, row).convert<long long>();
    r.aiProvider = text(rs.value(6, row));
    r.aiModel = text(rs.value(7, row));
    r.createdAt = text(rs.value(8, row));
    r.analysisStartedAt = optionalText(rs.value(9, row));
    r.completedAt = optionalText(rs.value(10, row));
    r.version = number(rs.value(11, row));
    return r;
}

} // namespace

void ResultStore::forgetServed(const std::string& jobId)
{
    if (ServedResultCache* cache = _db.servedResults())
        cache->invalidate(jobId);
}

void ResultStore::insert(ResultRow row)
{
    if (row.createdAt.empty())
        row.createdAt = nowTimestamp();
    guarded("cannot store job", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Nullable<std::string> started, completed, secrets, dedupe, claimedBy;
        Poco::Int64 createdUs = Poco::Timestamp().epochMicroseconds();
        Poco::Int64 buildNumber = row.buildNumber;
        Poco::Int64 lease = row.leaseExpiresUs;
        if (row.analysisStartedAt)
            started = *row.analysisStartedAt;
        if (row.completedAt)
            completed = *row.completedAt;
        if (!row.requestSecrets.empty())
            secrets = row.requestSecrets;
        if (row.dedupeKey)
            dedupe = *row.dedupeKey;
        if (!row.claimedBy.empty())
            claimedBy = row.claimedBy;
        s << _db.sql("INSERT INTO results (job_id, jenkins_url, status, result_json, job_name, build_number, ai_provider, "
                     "ai_model, created_at, created_us, analysis_started_at, completed_at, request_secrets, dedupe_key, "
                     "claimed_by, lease_expires_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            use(row.jobId), use(row.jenkinsUrl), use(row.status), use(row.resultJson), use(row.jobName),
            use(buildNumber), use(row.aiProvider), use(row.aiModel), use(row.createdAt), bind(createdUs), use(started), use(completed),
            use(secrets), use(dedupe), use(claimedBy), use(lease), now;
    });
    forgetServed(row.jobId);
}

std::optional<std::string> ResultStore::insertOnce(ResultRow row)
{
    auto existing = [&]() -> std::optional<std::string> {
        if (!row.dedupeKey)
            return std::nullopt;
        return guarded("cannot read job", [&]() -> std::optional<std::string> {
            Poco::Data::Session s = _db.session();
            Poco::Nullable<std::string> id;
            s << _db.sql("SELECT job_id FROM results WHERE dedupe_key = ?"), useRef(*row.dedupeKey), into(id), now;
            if (id.isNull())
                return std::nullopt;
            return id.value();
        });
    };
    if (auto id = existing())
        return id;
    try {
        insert(row);
        return std::nullopt;
    } catch (const StorageError&) {
        if (auto id = existing()) // lost the race to another request: the unique index said no
            return id;
        throw;
    }
}

std::string ResultStore::requestSecrets(const std::string& jobId)
{
    return guarded("cannot read job", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Nullable<std::string> secrets;
        s << _db.sql("SELECT request_secrets FROM results WHERE job_id = ?"), useRef(jobId), into(secrets), now;
        return secrets.isNull() ? std::string() : secrets.value();
    });
}

std::vector<std::string> ResultStore::claimUnfinished(const std::string& node, long long leaseUntilUs, bool ignoreLeases, int limit)
{
    return guarded("cannot claim jobs", [&] {
        Poco::Data::Session s = _db.session();
        const Poco::Int64 nowUs = Poco::Timestamp().epochMicroseconds();
        const Poco::Int64 until = leaseUntilUs;
        const int ignore = ignoreLeases ? 1 : 0;
        // With ignoreLeases: every unfinished job not already ours (a daemon must not claim its
        // own jobs twice); otherwise those whose lease ran out, whoever held them.
        const char* takeable = "status IN ('pending', 'waiting', 'running') AND "
                               "((? = 1 AND (claimed_by IS NULL OR claimed_by <> ?)) OR lease_expires_us < ?)";
        // PostgreSQL: lock the candidates so another daemon skips them. SQLite: no
        // transaction (a deferred one could fail to upgrade); each update is its own CAS.
        const bool postgres = _db.dialect() == Database::Dialect::PostgreSQL;
        if (postgres)
            s.begin();
        std::vector<std::string> claimed;
        try {
            std::vector<std::string> candidates;
            s << _db.sql(std::string("SELECT job_id FROM results WHERE ") + takeable + " ORDER BY created_us LIMIT ?" +
                         (_db.dialect() == Database::Dialect::PostgreSQL ? " FOR UPDATE SKIP LOCKED" : "")),
                bind(ignore), useRef(node), bind(nowUs), bind(limit), into(candidates), now;
            for (const auto& id : candidates) {
                Poco::Data::Statement update(s);
                update << _db.sql(std::string("UPDATE results SET claimed_by = ?, lease_expires_us = ? WHERE job_id = ? AND ") + takeable),
                    useRef(node), bind(until), useRef(id), bind(ignore), useRef(node), bind(nowUs);
                if (update.execute() > 0)
                    claimed.push_back(id);
            }
            if (postgres)
                s.commit();
        } catch (...) {
            if (postgres)
                s.rollback();
            throw;
        }
        return claimed;
    });
}

void ResultStore::renewLeases(const std::string& node, const std::vector<std::string>& jobIds, long long leaseUntilUs)
{
    if (jobIds.empty())
        return;
    guarded("cannot renew job leases", [&] {
        Poco::Data::Session s = _db.session();
        const Poco::Int64 until = leaseUntilUs;
        for (const auto& id : jobIds)
            s << _db.sql("UPDATE results SET lease_expires_us = ? WHERE job_id = ? AND claimed_by = ? "
                         "AND status IN ('pending', 'waiting', 'running')"),
                bind(until), useRef(id), useRef(node), now;
    });
}

std::optional<ResultRow> ResultStore::find(const std::string& jobId)
{
    return guarded("cannot read job", [&]() -> std::optional<ResultRow> {
        Poco::Data::Session s = _db.session();
        std::string id = jobId;
        Poco::Data::Statement select(s);
        select << _db.sql(std::string("SELECT ") + kColumns + " FROM results WHERE job_id = ?"), use(id);
        select.execute();
        Poco::Data::RecordSet rs(select);
        if (rs.rowCount() == 0)
            return std::nullopt;
        return rowFrom(rs, 0);
    });
}

bool ResultStore::update(const std::string& jobId, const std::string& status, const std::string& resultJson,
                         const std::string* enrichedXml, const std::string* owner)
{
    const ForgetServedAfter forget{*this, jobId};
    return guarded("cannot update job", [&] {
        Poco::Data::Session s = _db.session();
        const std::string ts = nowTimestamp();
        const int finished = status == "completed" || status == "failed" ? 1 : 0;
        const int running = status == "running" ? 1 : 0;
        Poco::Data::Statement update(s);
        update << _db.sql(std::string("UPDATE results SET status = ?, result_json = ?, version = version + 1,") +
                          (enrichedXml ? " enriched_xml = ?," : "") +
                          " analysis_started_at = CASE WHEN ? = 1 AND analysis_started_at IS NULL THEN ? ELSE analysis_started_at END,"
                          " completed_at = CASE WHEN ? = 1 THEN ? ELSE completed_at END"
                          " WHERE job_id = ?" + (owner ? " AND claimed_by = ?" : "")),
            useRef(status), useRef(resultJson); // by reference: the text can be tens of MB
        if (enrichedXml)
            update, useRef(*enrichedXml);
        update, bind(running), useRef(ts), bind(finished), useRef(ts), useRef(jobId);
        if (owner)
            update, useRef(*owner);
        return update.execute() > 0;
    });
}

bool ResultStore::replaceDocument(const std::string& jobId, const std::string& resultJson)
{
    const ForgetServedAfter forget{*this, jobId};
    return guarded("cannot update job", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement update(s);
        update << _db.sql("UPDATE results SET result_json = ?, version = version + 1 WHERE job_id = ?"), useRef(resultJson),
            useRef(jobId);
        return update.execute() > 0;
    });
}

std::shared_ptr<const ResultStore::Served> ResultStore::forServing(const std::string& jobId)
{
    ServedResultCache* cache = _db.servedResults();
    if (cache)
        if (auto kept = cache->find(jobId))
            return kept;
    const std::uint64_t readAt = cache ? cache->generation() : 0;
    auto served = guarded("cannot read job", [&]() -> std::shared_ptr<Served> {
        Poco::Data::Session s = _db.session();
        auto out = std::make_shared<Served>();
        ResultRow& r = out->row;
        Poco::Nullable<std::string> document, started, completed, xml;
        Poco::Int64 buildNumber = 0, version = 0;
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT job_id, jenkins_url, status, result_json, job_name, build_number, ai_provider, ai_model, "
                          "created_at, analysis_started_at, completed_at, version, enriched_xml FROM results WHERE job_id = ?"),
            into(r.jobId), into(r.jenkinsUrl), into(r.status), into(document), into(r.jobName), into(buildNumber),
            into(r.aiProvider), into(r.aiModel), into(r.createdAt), into(started), into(completed), into(version), into(xml),
            useRef(jobId);
        if (select.execute() == 0)
            return nullptr;
        if (!document.isNull())
            r.resultJson = std::move(document.value());
        r.buildNumber = buildNumber;
        r.version = version;
        if (!started.isNull())
            r.analysisStartedAt = started.value();
        if (!completed.isNull())
            r.completedAt = completed.value();
        if (!xml.isNull() && !r.resultJson.empty())
            out->enrichedXml = std::move(xml.value());
        return out;
    });
    if (cache && served) // twice the stored text: the reply made from it is kept too
        cache->put(jobId, served, 2 * (served->row.resultJson.size() + (served->enrichedXml ? served->enrichedXml->size() : 0)) + 1024,
                   readAt);
    return served;
}

std::size_t ResultStore::rewriteDocumentsContaining(const std::vector<std::string>& needles,
                                                    const std::function<std::string(const std::string&)>& rewrite)
{
    if (needles.empty())
        return 0;
    std::vector<std::string> ids = guarded("cannot read jobs", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        std::string where;
        for (std::size_t i = 0; i < needles.size(); ++i)
            where += std::string(i ? " OR " : "") + "result_json LIKE ?";
        std::vector<std::string> patterns;
        for (const auto& n : needles)
            patterns.push_back("%" + n + "%");
        select << _db.sql("SELECT job_id FROM results WHERE " + where);
        for (const auto& p : patterns)
            select, useRef(p);
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<std::string> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            out.push_back(text(rs.value(0, i)));
        return out;
    });
    std::size_t changed = 0;
    for (const auto& id : ids) {
        auto row = find(id);
        if (!row || row->resultJson.empty())
            continue;
        const std::string rewritten = rewrite(row->resultJson);
        if (rewritten != row->resultJson && replaceDocument(id, rewritten))
            ++changed;
    }
    return changed;
}

void ResultStore::saveDigest(const std::string& jobId, long long version, const std::string& digestJson)
{
    guarded("cannot update job", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Int64 v = version;
        s << _db.sql("UPDATE results SET digest_json = ?, digest_version = ? WHERE job_id = ? AND version = ?"),
            useRef(digestJson), use(v), useRef(jobId), use(v), now;
    });
}

void ResultStore::setIssuePrompt(const std::string& jobId, const std::string& prompt)
{
    guarded("cannot update job", [&] {
        Poco::Data::Session s = _db.session();
        s << _db.sql("UPDATE results SET issue_prompt = ? WHERE job_id = ?"), useRef(prompt), useRef(jobId), now;
    });
}

std::string ResultStore::issuePrompt(const std::string& jobId)
{
    return guarded("cannot read job", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        std::vector<std::string> prompt;
        select << _db.sql("SELECT issue_prompt FROM results WHERE job_id = ?"), useRef(jobId), into(prompt), now;
        return prompt.empty() ? std::string() : prompt.front();
    });
}

std::optional<std::string> ResultStore::enrichedXml(const std::string& jobId)
{
    return guarded("cannot read job", [&]() -> std::optional<std::string> {
        Poco::Data::Session s = _db.session();
        Poco::Nullable<std::string> xml;
        s << _db.sql("SELECT enriched_xml FROM results WHERE job_id = ?"), useRef(jobId), into(xml), now;
        if (xml.isNull())
            return std::nullopt;
        return xml.value();
    });
}

std::vector<ResultRow> ResultStore::listRecent(int limit)
{
    return guarded("cannot list jobs", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql(std::string("SELECT ") + kColumns + " FROM results ORDER BY created_us DESC LIMIT ?"),
            bind(limit);
        return rowsFrom(select);
    });
}

std::vector<ResultRow> ResultStore::unfinished()
{
    return guarded("cannot list unfinished jobs", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << std::string("SELECT ") + kColumns +
                      " FROM results WHERE status IN ('pending', 'waiting', 'running') ORDER BY created_us";
        return rowsFrom(select);
    });
}

std::vector<DashboardRow> ResultStore::dashboard(int limit)
{
    return guarded("cannot list jobs", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        // Documents only where the digest is stale: a dashboard reads small digests, not documents.
        select << _db.sql("SELECT job_id, jenkins_url, status, CASE WHEN digest_version = version THEN NULL ELSE result_json END,"
                          " job_name, build_number, ai_provider, ai_model, created_at, analysis_started_at, completed_at, version"
                          ", (SELECT COUNT(*) FROM failure_reviews r WHERE r.job_id = results.job_id AND r.reviewed = 1)"
                          ", (SELECT COUNT(*) FROM comments c WHERE c.job_id = results.job_id)"
                          ", digest_json, CASE WHEN digest_version = version THEN 1 ELSE 0 END"
                          " FROM results ORDER BY created_us DESC LIMIT ?"),
            bind(limit);
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<DashboardRow> rows;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            rows.push_back({rowFrom(rs, i), rs.value(12, i).convert<int>(), rs.value(13, i).convert<int>(),
                            text(rs.value(14, i)), number(rs.value(15, i)) == 1});
        return rows;
    });
}

bool ResultStore::remove(const std::string& jobId)
{
    const ForgetServedAfter forget{*this, jobId};
    Poco::Data::Session s = _db.session();
    return guarded("cannot delete job", [&] {
        return inTransaction(s, [&] {
            // The job's row first: it is what a concurrent write to the job locks and checks
            // (comments by foreign key, classifications in ClassificationStore::add), so such a
            // write either lands before and is deleted below, or finds the job gone.
            Poco::Data::Statement del(s);
            del << _db.sql("DELETE FROM results WHERE job_id = ?"), useRef(jobId);
            const bool deleted = del.execute() > 0;
            s << _db.sql("DELETE FROM test_classifications WHERE job_id = ?"), useRef(jobId), now;
            return deleted;
        });
    });
}

std::vector<std::string> ResultStore::completedJobIds(const std::string& jobName, const std::string& excludeJobId, int limit)
{
    return guarded("cannot list jobs", [&] {
        Poco::Data::Session s = _db.session();
        std::vector<std::string> ids;
        s << _db.sql("SELECT job_id FROM results WHERE job_name = ? AND status = 'completed' AND job_id <> ? "
                     "ORDER BY created_us DESC LIMIT ?"),
            useRef(jobName), useRef(excludeJobId), bind(limit), into(ids), now;
        return ids;
    });
}

long long ResultStore::countCompleted(const std::string& jobName, const std::string& excludeJobId)
{
    return guarded("cannot count jobs", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Int64 n = 0;
        s << _db.sql("SELECT COUNT(*) FROM results WHERE job_name = ? AND status = 'completed' AND job_id <> ?"),
            useRef(jobName), useRef(excludeJobId), into(n), now;
        return static_cast<long long>(n);
    });
}

std::vector<std::pair<std::string, long long>> ResultStore::countByStatus()
{
    return guarded("cannot count jobs", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << "SELECT status, COUNT(*) FROM results GROUP BY status ORDER BY status";
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<std::pair<std::string, long long>> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            out.emplace_back(text(rs.value(0, i)), rs.value(1, i).convert<long long>());
        return out;
    });
}

std::vector<std::pair<std::string, std::string>> ResultStore::distinctAiConfigs()
{
    return guarded("cannot list AI configurations", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << "SELECT DISTINCT ai_provider, ai_model FROM results WHERE status = 'completed' AND ai_provider <> '' "
                  "ORDER BY ai_provider, ai_model";
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<std::pair<std::string, std::string>> out;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            out.emplace_back(text(rs.value(0, i)), text(rs.value(1, i)));
        return out;
    });
}

} // namespace storage
} // namespace jji
