#include "jji/analysis/jobs/JobRecord.h"

#include "jji/analysis/ai/AiCall.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/signature/ErrorSignature.h"
#include "jji/storage/ClassificationStore.h"
#include "jji/storage/FailureHistoryStore.h"
#include "jji/storage/ResultStore.h"
#include "jji/storage/Timestamp.h"
#include "jji/storage/TokenUsageStore.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>

#include <stdexcept>

namespace jji {
namespace analysis {

JobRecord::JobRecord(storage::Database& db, Poco::JSON::Object::Ptr result)
    : _db(db), _jobId(result->getValue<std::string>("job_id")), _result(result)
{
}

JobRecord JobRecord::load(storage::Database& db, const std::string& jobId)
{
    auto row = storage::ResultStore(db).find(jobId);
    if (!row)
        throw JobNotFound("job " + jobId + " does not exist");
    Poco::JSON::Object::Ptr result;
    try {
        result = Poco::JSON::Parser().parse(row->resultJson).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        result = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    }
    result->set("job_id", jobId);
    return JobRecord(db, result);
}

void JobRecord::advance(const std::string& status, const std::string& phase, Persist persist)
{
    Poco::JSON::Array::Ptr log = _result->getArray("progress_log");
    if (!log) {
        log = new Poco::JSON::Array;
        _result->set("progress_log", log);
    }
    Poco::JSON::Object::Ptr entry = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    entry->set("phase", phase);
    entry->set("timestamp", storage::nowEpochSeconds());
    log->add(entry);
    _result->set("progress_phase", phase);
    _result->set("status", status);
    if (persist == Persist::Yes)
        save(status);
}

void JobRecord::save(const std::string& status, const std::string* enrichedXml)
{
    _result->set("status", status);
    const bool saved = storage::ResultStore(_db).update(_jobId, status, toJsonText(_result), enrichedXml,
                                                        _owner.empty() ? nullptr : &_owner);
    if (!saved && !_owner.empty())
        throw JobOwnershipLost("job " + _jobId + " is no longer held by this daemon");
    if (status == "completed") // labels the AI gave during the analysis become visible with it
        storage::ClassificationStore(_db).revealForJob(_jobId);
}

void JobRecord::fail(const std::string& error)
{
    _result->set("error", error);
    try {
        save("failed");
        return;
    } catch (const JobOwnershipLost&) {
        throw;
    } catch (const std::exception& e) {
        Poco::Logger::get("jji.analysis").error("cannot store the failed result of %s: %s", _jobId, std::string(e.what()));
    }
    _result->set("failures", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
    _result->remove("child_job_analyses");
    try {
        save("failed");
    } catch (const std::exception& e) {
        Poco::Logger::get("jji.analysis").error("cannot record failure of %s: %s", _jobId, std::string(e.what()));
    }
}

double JobRecord::secondsSincePhaseStarted(const std::string& phase) const
{
    Poco::JSON::Array::Ptr log = _result->getArray("progress_log");
    for (std::size_t i = 0; log && i < log->size(); ++i) {
        Poco::JSON::Object::Ptr entry = log->getObject(static_cast<unsigned>(i));
        if (entry && entry->optValue<std::string>("phase", "") == phase)
            return storage::nowEpochSeconds() - entry->optValue<double>("timestamp", storage::nowEpochSeconds());
    }
    return -1;
}

void JobRecord::replaceHistory(const std::string& jobName, long long buildNumber, const std::vector<BuildFailures>& builds)
{
    std::vector<storage::FailureHistoryRow> rows;
    for (const auto& build : builds)
        for (const auto& f : build.failures)
            rows.push_back({_jobId, jobName, buildNumber, f.testName, f.error, f.errorSignature, f.analysis.classification,
                            build.childJobName, build.childBuildNumber, f.signatureText, ErrorSignature::kVersion,
                            ErrorSignature::compute(f.error, "")});
    storage::FailureHistoryStore(_db).replaceForJob(_jobId, rows);
}

void JobRecord::addTokenUsage(const AiRequest& ai, const std::vector<TokenUsage>& calls)
{
    recordTokenUsage(_db, _jobId, ai, calls);
}

} // namespace analysis
} // namespace jji
