#include "jji/analysis/jobs/AnalysisJobs.h"

#include "jji/analysis/ai/AiRequestResolver.h"
#include "jji/analysis/notify/CallbackSender.h"
#include "jji/analysis/jobs/JenkinsAnalysis.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/analysis/model/RequestParams.h"
#include "jji/analysis/model/ResultLinks.h"
#include "jji/storage/JobMetadataStore.h"
#include "jji/storage/ResultStore.h"
#include "jji/storage/StorageError.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/UUIDGenerator.h>

namespace jji {
namespace analysis {

namespace {

Poco::Logger& logger()
{
    return Poco::Logger::get("jji.jobs");
}

bool isFinished(const std::string& status)
{
    return status == "completed" || status == "failed";
}

} // namespace

AnalysisJobs::AnalysisJobs(const config::Settings& settings, storage::Database& db, AiCallLimiter& limiter, JobLease lease,
                           const MetadataRules& rules)
    : _settings(settings), _db(db), _limiter(limiter), _lease(std::move(lease)), _rules(rules),
      _secrets(storage::SecretBox::fromSettings(settings)), _queue(settings.maxConcurrentAnalyses)
{
}

AnalysisJobs::~AnalysisJobs()
{
    stop();
    if (_leaseKeeper.joinable())
        _leaseKeeper.join();
}

void AnalysisJobs::stop()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
    }
    _wake.notify_all();
    _queue.stop();
}

void AnalysisJobs::setActive(const std::string& jobId, bool active, const std::string& caller)
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (active)
        _active.emplace(jobId, caller); // a rescheduled job keeps its caller
    else
        _active.erase(jobId);
}

void AnalysisJobs::admit(const std::string& caller)
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::size_t total = _active.size(), ofCaller = 0;
    for (const auto& [jobId, who] : _active)
        ofCaller += who == caller ? 1 : 0;
    for (const auto& [who, places] : _admitted) {
        total += places;
        ofCaller += who == caller ? places : 0;
    }
    if (total >= static_cast<std::size_t>(_settings.maxQueuedJobs))
        throw JobQueueFull("The server holds " + std::to_string(total) + " analysis jobs, its limit (JJI_MAX_QUEUED_JOBS); try again later");
    if (!caller.empty() && ofCaller >= static_cast<std::size_t>(_settings.maxQueuedJobsPerClient))
        throw JobQueueFull("This client has " + std::to_string(ofCaller) +
                           " analysis jobs queued or running, its limit (JJI_MAX_QUEUED_JOBS_PER_CLIENT); try again later");
    ++_admitted[caller];
}

void AnalysisJobs::releaseAdmission(const std::string& caller)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _admitted.find(caller);
    if (it != _admitted.end() && --it->second == 0)
        _admitted.erase(it);
}

std::string AnalysisJobs::store(const Poco::JSON::Object::Ptr& params, const std::optional<std::string>& dedupeKey,
                                bool& duplicate)
{
    const JenkinsJobRequest request = JenkinsJobRequest::fromParams(params, _settings); // throws before anything is stored
    SplitRequestParams split = splitRequestParams(params);
    const std::string jobId = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    const std::string jenkinsUrl = JenkinsClient(request.jenkins).buildUrl(request.jobName, request.buildNumber);

    Poco::JSON::Object::Ptr result = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    result->set("job_id", jobId);
    result->set("job_name", request.jobName);
    result->set("build_number", request.buildNumber);
    result->set("jenkins_url", jenkinsUrl);
    result->set("status", "pending");
    result->set("summary", "");
    result->set("ai_provider", request.ai.provider);
    result->set("ai_model", request.ai.model);
    result->set("failures", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
    result->set("child_job_analyses", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
    if (!split.visible->has("enable_jira"))
        split.visible->set("enable_jira", request.jira.enabled); // as the run decided it
    addEffectiveRequestParams(split.visible, _settings, true);
    result->set("request_params", split.visible);
    result->set("progress_log", Poco::JSON::Array::Ptr(new Poco::JSON::Array));

    storage::ResultRow row;
    row.jobId = jobId;
    row.jenkinsUrl = jenkinsUrl;
    row.status = "pending";
    row.resultJson = toJsonText(result);
    row.jobName = request.jobName;
    row.buildNumber = request.buildNumber;
    row.aiProvider = request.ai.provider;
    row.aiModel = request.ai.model;
    if (split.secrets->size() > 0)
        row.requestSecrets = _secrets.seal(toJsonText(split.secrets));
    row.dedupeKey = dedupeKey;
    row.claimedBy = _lease.node;
    row.leaseExpiresUs = _lease.untilUs();
    if (auto existing = storage::ResultStore(_db).insertOnce(row)) {
        duplicate = true;
        return *existing;
    }
    duplicate = false;
    if (auto metadata = _rules.match(request.jobName))
        storage::JobMetadataStore(_db).putIfAbsent(*metadata); // never overwrites what people set
    logger().information("job %s queued for %s #%s", jobId, request.jobName, std::to_string(request.buildNumber));
    return jobId;
}

AnalysisJobs::Submission AnalysisJobs::submit(const Poco::JSON::Object::Ptr& params, const std::optional<std::string>& dedupeKey,
                                              const std::string& caller)
{
    admit(caller);
    Submission submission;
    try {
        submission.jobId = store(params, dedupeKey, submission.duplicate);
        if (!submission.duplicate) {
            setActive(submission.jobId, true, caller);
            schedule(submission.jobId, std::chrono::milliseconds(0), std::make_shared<int>(0));
        }
    } catch (...) {
        releaseAdmission(caller);
        throw;
    }
    releaseAdmission(caller);
    return submission;
}

std::string AnalysisJobs::runNow(const Poco::JSON::Object::Ptr& params, const std::string& caller)
{
    admit(caller);
    bool duplicate = false;
    std::string jobId;
    try {
        jobId = store(params, std::nullopt, duplicate);
    } catch (...) {
        releaseAdmission(caller);
        throw;
    }
    setActive(jobId, true, caller);
    releaseAdmission(caller);
    int unreachable = 0;
    while (auto delay = advance(jobId, unreachable)) {
        std::unique_lock<std::mutex> lock(_mutex);
        if (_wake.wait_for(lock, *delay, [this] { return _stopping; }))
            return jobId; // stopping: the stored, still claimed job resumes at the next start
    }
    return jobId;
}

void AnalysisJobs::schedule(const std::string& jobId, std::chrono::milliseconds delay, std::shared_ptr<int> unreachableCount)
{
    setActive(jobId, true);
    auto job = [this, jobId, unreachableCount] {
        if (auto next = advance(jobId, *unreachableCount))
            schedule(jobId, *next, unreachableCount);
    };
    if (delay.count() <= 0)
        _queue.submit(job);
    else
        _queue.submitAfter(delay, job);
}

Poco::JSON::Object::Ptr AnalysisJobs::storedRequest(const std::string& jobId)
{
    return storedRequest(JobRecord::load(_db, jobId));
}

Poco::JSON::Object::Ptr AnalysisJobs::storedRequest(const JobRecord& record)
{
    Poco::JSON::Object::Ptr visible = record.result()->getObject("request_params");
    if (!visible)
        return nullptr;
    Poco::JSON::Object::Ptr secrets;
    const std::string sealed = storage::ResultStore(_db).requestSecrets(record.jobId());
    if (!sealed.empty())
        secrets = Poco::JSON::Parser().parse(_secrets.open(sealed)).extract<Poco::JSON::Object::Ptr>();
    return joinRequestParams(visible, secrets);
}

std::optional<std::chrono::milliseconds> AnalysisJobs::advance(const std::string& jobId, int& unreachableCount)
{
    // A database that is briefly unavailable must not drop a job: try again later.
    const auto retryLater = std::chrono::seconds(30);
    std::optional<JobRecord> record;
    Poco::JSON::Object::Ptr params;
    try {
        record.emplace(JobRecord::load(_db, jobId));
        record->setOwner(_lease.node);
        if (isFinished(record->result()->optValue<std::string>("status", ""))) {
            setActive(jobId, false);
            return std::nullopt;
        }
        params = storedRequest(*record);
    } catch (const JobNotFound&) {
        setActive(jobId, false); // deleted meanwhile
        return std::nullopt;
    } catch (const storage::StorageError& e) {
        logger().error("job %s: database unavailable, retrying in 30 s: %s", jobId, std::string(e.what()));
        return retryLater;
    } catch (const std::exception& e) {
        if (!record) {
            logger().error("job %s: cannot load, retrying in 30 s: %s", jobId, std::string(e.what()));
            return retryLater;
        }
        params = nullptr; // unreadable secrets: the job cannot run again
        logger().error("job %s: stored request unreadable: %s", jobId, std::string(e.what()));
    }

    std::optional<JenkinsJobRequest> request;
    try {
        if (!params)
            throw std::runtime_error("the job's stored request cannot be read");
        request = JenkinsJobRequest::fromParams(params, _settings);
        auto delay = JenkinsAnalysis(_settings, _db, _limiter).run(*record, *request, unreachableCount);
        if (delay)
            return delay;
    } catch (const JobOwnershipLost& e) {
        logger().warning("%s; leaving it to its new owner", std::string(e.what()));
        setActive(jobId, false);
        return std::nullopt;
    } catch (const storage::StorageError& e) {
        logger().error("job %s: database error, running it again in 30 s: %s", jobId, std::string(e.what()));
        return retryLater;
    } catch (const std::exception& e) {
        logger().error("job %s failed: %s", jobId, std::string(e.what()));
        try {
            record->fail(std::string("analysis failed: ") + e.what());
        } catch (const std::exception& again) {
            logger().error("job %s: cannot record the failure, retrying in 30 s: %s", jobId, std::string(again.what()));
            return retryLater;
        }
    }
    setActive(jobId, false);
    logger().information("job %s %s", jobId, record->result()->optValue<std::string>("status", ""));
    if (request)
        deliverCallback(*record, *request);
    return std::nullopt;
}

void AnalysisJobs::deliverCallback(const JobRecord& record, const JenkinsJobRequest& request) const
{
    if (request.callbackUrl.empty())
        return;
    Poco::JSON::Object::Ptr body = copyJson(record.result());
    body->remove("request_params");
    addResultLinks(body, _settings, record.jobId());
    if (!CallbackSender::deliver(request.callbackUrl, request.callbackHeaders, toJsonText(body),
                                 TargetPolicy::forCallbacks(_settings), CallbackSender::Policy{}))
        logger().warning("job %s: callback not delivered", record.jobId());
}

void AnalysisJobs::start()
{
    const bool sqlite = _db.dialect() == storage::Database::Dialect::SQLite;
    const std::size_t taken = takeOver(sqlite);
    if (taken > 0)
        logger().warning("resuming %z interrupted job(s) from the start of their pipeline", taken);
    _leaseKeeper = std::thread([this] { keepLeases(); });
}

std::size_t AnalysisJobs::takeOver(bool ignoreLeases)
{
    storage::ResultStore results(_db);
    std::size_t count = 0;
    for (;;) {
        // Claimed rows become ours and stop matching, so each pass sees new ones.
        std::vector<std::string> claimed = results.claimUnfinished(_lease.node, _lease.untilUs(), ignoreLeases, 50);
        for (const auto& jobId : claimed) {
            try {
                JobRecord record = JobRecord::load(_db, jobId);
                record.setOwner(_lease.node);
                Poco::JSON::Object::Ptr params = record.result()->getObject("request_params");
                if (!params || !params->has("job_name")) {
                    // A direct analysis: its input was never stored, so it cannot be run again.
                    record.fail("analysis interrupted: jji-server stopped while this job was " +
                                record.result()->optValue<std::string>("status", "running") +
                                " (direct analyses cannot be resumed; submit the failures again)");
                    continue;
                }
                schedule(jobId, std::chrono::milliseconds(0), std::make_shared<int>(0));
                ++count;
            } catch (const std::exception& e) {
                // Left claimed but unrenewed: the lease runs out and the next sweep retries it.
                logger().error("cannot take over job %s: %s", jobId, std::string(e.what()));
            }
        }
        if (claimed.size() < 50)
            return count;
    }
}

void AnalysisJobs::keepLeases()
{
    const auto every = std::max(std::chrono::seconds(1), _lease.duration / 3);
    std::unique_lock<std::mutex> lock(_mutex);
    while (!_wake.wait_for(lock, every, [this] { return _stopping; })) {
        std::vector<std::string> active;
        for (const auto& [jobId, caller] : _active)
            active.push_back(jobId);
        lock.unlock();
        try {
            storage::ResultStore(_db).renewLeases(_lease.node, active, _lease.untilUs());
            // Jobs whose holder died (another daemon on a shared database, or a job this
            // one dropped on a database error) are taken over once their lease runs out.
            const std::size_t taken = takeOver(false);
            if (taken > 0)
                logger().warning("took over %z job(s) whose daemon stopped renewing them", taken);
        } catch (const std::exception& e) {
            logger().error("cannot renew job leases: %s", std::string(e.what()));
        }
        lock.lock();
    }
}

} // namespace analysis
} // namespace jji
