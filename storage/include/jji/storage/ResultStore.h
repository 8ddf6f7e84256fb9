#ifndef JJI_STORAGE_RESULTSTORE_H
#define JJI_STORAGE_RESULTSTORE_H

#include "jji/storage/Database.h"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jji {
namespace storage {

/// One analysis job as stored: its status and the result document (JSON text).
struct ResultRow
{
    std::string jobId;
    std::string jenkinsUrl;
    std::string status;      ///< pending, waiting, running, completed, failed
    std::string resultJson;  ///< empty when nothing stored yet
    std::string jobName;
    long long buildNumber = 0;
    std::string aiProvider;
    std::string aiModel;
    std::string createdAt;
    std::optional<std::string> analysisStartedAt;
    std::optional<std::string> completedAt;
    long long version = 0; ///< bumped by every change of the document or status (ETags)
    // Written by insert() only (read back with requestSecrets()):
    std::string requestSecrets;           ///< sealed credentials of the request, "" when none
    std::optional<std::string> dedupeKey; ///< unique when set: duplicate notifications find the first job
    std::string claimedBy;                ///< the daemon running the job
    long long leaseExpiresUs = 0;
};

/// A job row with the review counters the dashboard shows.
struct DashboardRow
{
    ResultRow row; ///< resultJson only when the digest is not current
    int reviewedCount = 0;
    int commentCount = 0;
    std::string digestJson; ///< what the dashboard shows of the document, when current
    bool digestCurrent = false;
};

/// A results row with what serving it needs (the enriched XML when there is one), and the
/// reply the first reader made from it: a result served again from memory is not formatted
/// again (ServedResultCache counts the reply in its budget).
struct ServedResult
{
    ResultRow row;
    std::optional<std::string> enrichedXml;

    /// The text `make` makes of this row, made once and the same for every later reader.
    const std::string& reply(const std::function<std::string(const ServedResult&)>& make) const
    {
        std::call_once(_replyOnce, [&] { _reply = make(*this); });
        return _reply;
    }

private:
    mutable std::once_flag _replyOnce;
    mutable std::string _reply;
};

/// The results aggregate: analysis job rows and their result documents.
class ResultStore
{
public:
    explicit ResultStore(Database& db) : _db(db) {}

    /// Inserts a new job row; createdAt is filled in when empty. Throws StorageError
    /// when the job id already exists.
    void insert(ResultRow row);

    /// Inserts unless a job with the same dedupeKey exists; returns that job's id then.
    std::optional<std::string> insertOnce(ResultRow row);

    std::optional<ResultRow> find(const std::string& jobId);
    /// What GET /results/{id} serves, in one statement and without copies through a
    /// RecordSet: the row (without its secrets) and, when the document is stored, its
    /// enriched JUnit XML.
    using Served = ServedResult;
    /// The row as GET /results/{id} serves it; from memory on SQLite until the row is
    /// written again (ServedResultCache). Null when there is no such job.
    std::shared_ptr<const Served> forServing(const std::string& jobId);

    /// The sealed request credentials stored with the job ("" when none).
    std::string requestSecrets(const std::string& jobId);

    /// Takes over unfinished jobs (pending/waiting/running, oldest first, at most `limit`)
    /// whose lease has expired, or all of them with `ignoreLeases` (a SQLite file has one
    /// daemon, so whatever is unfinished at its start-up was interrupted). Each row is
    /// claimed with a compare-and-set on its lease (PostgreSQL also locks the candidates
    /// FOR UPDATE SKIP LOCKED), so two daemons never take the same job.
    std::vector<std::string> claimUnfinished(const std::string& node, long long leaseUntilUs, bool ignoreLeases, int limit);

    /// Extends the leases of the given unfinished jobs while `node` holds them.
    void renewLeases(const std::string& node, const std::vector<std::string>& jobIds, long long leaseUntilUs);

    /// Replaces status and result document (and the enriched XML when given); sets
    /// completed_at for completed/failed, analysis_started_at when moving to running for
    /// the first time. With `owner`, only while that daemon still holds the job (a
    /// daemon whose lease was taken over must not overwrite the new owner's work).
    /// Returns false when no row was updated.
    bool update(const std::string& jobId, const std::string& status, const std::string& resultJson,
                const std::string* enrichedXml = nullptr, const std::string* owner = nullptr);

    /// Replaces only the result document of a finished job (a patch such as a
    /// classification override; status and timestamps stay).
    bool replaceDocument(const std::string& jobId, const std::string& resultJson);
    /// Rewrites every document containing one of `needles` with `rewrite` (one row at a time);
    /// returns how many changed. For one-off upgrades of stored documents.
    std::size_t rewriteDocumentsContaining(const std::vector<std::string>& needles,
                                           const std::function<std::string(const std::string&)>& rewrite);
    /// The tests repository's issue prompt file as the job's analysis read it.
    void setIssuePrompt(const std::string& jobId, const std::string& prompt);
    std::string issuePrompt(const std::string& jobId);

    /// The enriched JUnit XML stored beside the result, if any (kept out of result_json
    /// so listing jobs never parses large reports).
    std::optional<std::string> enrichedXml(const std::string& jobId);

    /// Newest first.
    std::vector<ResultRow> listRecent(int limit);

    /// Jobs in pending, waiting or running state.
    std::vector<ResultRow> unfinished();

    /// Newest first, with reviewed/comment counts.
    std::vector<DashboardRow> dashboard(int limit);
    /// Keeps the dashboard digest of document `version` (ignored when the document changed since).
    void saveDigest(const std::string& jobId, long long version, const std::string& digestJson);

    /// Deletes the job and everything that hangs off it: comments, reviews, mentions and
    /// failure history through foreign keys, its test classifications explicitly, all in
    /// one transaction. Returns false when there was no such job.
    bool remove(const std::string& jobId);

    /// Completed analyses of a top-level job, newest first (`excludeJobId` left out).
    std::vector<std::string> completedJobIds(const std::string& jobName, const std::string& excludeJobId, int limit);
    long long countCompleted(const std::string& jobName, const std::string& excludeJobId);

    /// Number of jobs per status.
    std::vector<std::pair<std::string, long long>> countByStatus();

    /// Distinct (provider, model) pairs of completed analyses.
    std::vector<std::pair<std::string, std::string>> distinctAiConfigs();

private:
    /// Drops the job's served copy; after a write committed (or failed: it may have).
    void forgetServed(const std::string& jobId);
    struct ForgetServedAfter
    {
        ResultStore& store;
        const std::string& jobId;
        ~ForgetServedAfter() { store.forgetServed(jobId); }
    };

    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
