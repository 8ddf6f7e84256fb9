#ifndef JJI_ANALYSIS_JOBS_ANALYSISJOBS_H
#define JJI_ANALYSIS_JOBS_ANALYSISJOBS_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/jobs/JenkinsJobRequest.h"
#include "jji/analysis/jobs/JobLease.h"
#include "jji/analysis/runtime/JobQueue.h"
#include "jji/analysis/jobs/JobRecord.h"
#include "jji/analysis/review/MetadataRules.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"
#include "jji/storage/SecretBox.h"

#include <Poco/JSON/Object.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <thread>

namespace jji {
namespace analysis {

/// The Jenkins-backed analysis jobs of this daemon: stores each request as a job row
/// (credentials sealed, so it can be resumed), runs jobs on the bounded JobQueue
/// (polling a running build by re-scheduling, never by sleeping on a worker), POSTs
/// the result to the caller's callback when a job ends, and keeps no job orphaned:
/// at start-up and whenever a lease runs out it takes over unfinished jobs and runs
/// them again from the start of their pipeline.
/// The daemon holds as many jobs as it will (JJI_MAX_QUEUED_JOBS, per client too).
class JobQueueFull : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class AnalysisJobs
{
public:
    /// New jobs of a job name without stored metadata get what `rules` assign it.
    AnalysisJobs(const config::Settings& settings, storage::Database& db, AiCallLimiter& limiter, JobLease lease,
                 const MetadataRules& rules);
    ~AnalysisJobs(); ///< stops; running jobs finish, queued ones stay stored for the next start

    /// Takes no more work: queued and delayed jobs are dropped (they stay stored and
    /// claimed, so the next start or another daemon runs them) and sync waiters wake up.
    void stop();

    AnalysisJobs(const AnalysisJobs&) = delete;
    AnalysisJobs& operator=(const AnalysisJobs&) = delete;

    struct Submission
    {
        std::string jobId;
        bool duplicate = false; ///< a job with the same dedupe key existed; nothing new was queued
    };

    /// Stores a pending job for `params` (request params with job_name, build_number and
    /// secrets) and queues it. Throws AnalysisConfigError when the request cannot run, and
    /// JobQueueFull when the daemon already holds JJI_MAX_QUEUED_JOBS jobs, or `caller`
    /// (a client address) JJI_MAX_QUEUED_JOBS_PER_CLIENT.
    Submission submit(const Poco::JSON::Object::Ptr& params, const std::optional<std::string>& dedupeKey = std::nullopt,
                      const std::string& caller = "");

    /// Stores the job and runs it to its end on the calling thread (sync mode); returns
    /// its id. Returns early, the job unfinished, when the daemon stops meanwhile.
    /// Counts against the same bounds as submit().
    std::string runNow(const Poco::JSON::Object::Ptr& params, const std::string& caller = "");

    /// The request params a job was stored with, secrets included (for re-analysis);
    /// nullptr when the job has none. Throws JobNotFound, StorageError, or SecretBoxError
    /// when its secrets cannot be opened.
    Poco::JSON::Object::Ptr storedRequest(const std::string& jobId);

    /// Takes over interrupted jobs and starts the lease keeper. With SQLite every
    /// unfinished job is taken at once (the file has one daemon); with PostgreSQL only
    /// those whose lease ran out, now and on every lease renewal after.
    void start();

    std::size_t queued() const { return _queue.queued(); }
    std::size_t running() const { return _queue.running(); }
    const JobLease& lease() const { return _lease; }

private:
    Poco::JSON::Object::Ptr storedRequest(const JobRecord& record);
    std::string store(const Poco::JSON::Object::Ptr& params, const std::optional<std::string>& dedupeKey, bool& duplicate);
    /// Runs the job as far as it goes now; a delay when it must be polled again.
    std::optional<std::chrono::milliseconds> advance(const std::string& jobId, int& unreachableCount);
    void schedule(const std::string& jobId, std::chrono::milliseconds delay, std::shared_ptr<int> unreachableCount);
    void deliverCallback(const JobRecord& record, const JenkinsJobRequest& request) const;
    std::size_t takeOver(bool ignoreLeases);
    void keepLeases();
    void setActive(const std::string& jobId, bool active, const std::string& caller = "");
    /// Holds a place for one more job of `caller` (JobQueueFull when there is none);
    /// setActive() turns it into the job, release() gives it back.
    void admit(const std::string& caller);
    void releaseAdmission(const std::string& caller);

    const config::Settings& _settings;
    storage::Database& _db;
    AiCallLimiter& _limiter;
    JobLease _lease;
    const MetadataRules& _rules;
    storage::SecretBox _secrets;
    std::mutex _mutex;
    std::condition_variable _wake;
    bool _stopping = false;
    /// Jobs this daemon holds in memory (only their leases are renewed), with the client
    /// that asked for each ("" for jobs taken over at start-up).
    std::map<std::string, std::string> _active;
    std::map<std::string, std::size_t> _admitted; ///< places held by submissions being stored
    std::thread _leaseKeeper;
    JobQueue _queue; ///< last: destroyed (running jobs finished) before everything they use
};

} // namespace analysis
} // namespace jji

#endif
