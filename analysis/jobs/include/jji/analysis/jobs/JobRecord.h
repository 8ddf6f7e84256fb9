#ifndef JJI_ANALYSIS_JOBS_JOBRECORD_H
#define JJI_ANALYSIS_JOBS_JOBRECORD_H

#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/analysis/model/Model.h"
#include "jji/storage/Database.h"

#include <Poco/JSON/Object.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// The job's row is gone (deleted while it ran, or never existed).
class JobNotFound : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Another daemon took the job over (this one's lease ran out): stop working on it.
class JobOwnershipLost : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// The stored side of one analysis job while it runs: its result document with
/// status, progress_phase and progress_log, written through to the results table at
/// each step, plus the failure history and token usage the job leaves behind.
class JobRecord
{
public:
    /// Wraps an existing result document (it must carry job_id).
    JobRecord(storage::Database& db, Poco::JSON::Object::Ptr result);

    /// The stored document of a job; JobNotFound when there is no such job, StorageError
    /// when the database cannot be read.
    static JobRecord load(storage::Database& db, const std::string& jobId);

    /// Writes only while `node` holds the job; a save after a takeover throws JobOwnershipLost.
    void setOwner(const std::string& node) { _owner = node; }

    const std::string& jobId() const { return _jobId; }
    Poco::JSON::Object::Ptr result() const { return _result; }

    enum class Persist { Yes, No };

    /// Moves to `status` and `phase`: appends {phase, timestamp} to progress_log and
    /// saves (unless the caller stores the document itself right after).
    void advance(const std::string& status, const std::string& phase, Persist persist = Persist::Yes);

    /// Saves the document with this status (and the enriched XML beside it when given).
    void save(const std::string& status, const std::string* enrichedXml = nullptr);

    /// Marks the job failed with `error`; when the full document cannot be stored, a
    /// small one without failures is (whatever broke the first must not break this).
    void fail(const std::string& error);

    /// Seconds since the first progress entry of `phase`, or -1 when it never started.
    double secondsSincePhaseStarted(const std::string& phase) const;

    /// The failures of one build of the job, for its failure history.
    struct BuildFailures
    {
        std::string childJobName; ///< "" for the top-level build
        long long childBuildNumber = 0;
        std::vector<FailureAnalysis> failures;
    };

    /// Replaces the job's failure history with these failures (idempotent: a job run
    /// again after a crash does not count twice).
    void replaceHistory(const std::string& jobName, long long buildNumber, const std::vector<BuildFailures>& builds);
    void addTokenUsage(const AiRequest& ai, const std::vector<TokenUsage>& calls);

private:
    storage::Database& _db;
    std::string _jobId;
    Poco::JSON::Object::Ptr _result;
    std::string _owner;
};

} // namespace analysis
} // namespace jji

#endif
