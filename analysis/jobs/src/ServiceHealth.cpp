#include "jji/analysis/jobs/ServiceHealth.h"

#include "jji/analysis/jenkins/JenkinsClient.h"
#include "jji/analysis/trackers/ReportPortalClient.h"
#include "jji/config/Capabilities.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>
#include <array>
#include <functional>

namespace jji {
namespace analysis {

namespace {

enum Kind : std::size_t
{
    kDatabase,
    kJenkins,
    kReportPortal,
    kKinds
};

const ServiceHealth::Check kTimedOut{"error", "health check timed out", "", ""};

/// Every credential the settings hold, longest first (so a secret inside another is not half-masked).
std::vector<std::string> secretsOf(const config::Settings& s)
{
    std::vector<std::string> secrets;
    for (const std::string* value : {&s.jenkinsPassword, &s.reportportalApiToken, &s.jiraApiToken, &s.jiraPat,
                                     &s.githubToken, &s.adminKey, &s.encryptionKey, &s.webhookToken, &s.smtpPassword,
                                     &s.testsRepoToken, &s.vapidPrivateKey, &s.slackWebhookUrl})
        if (!value->empty())
            secrets.push_back(*value);
    for (const std::string* url : {&s.databaseUrl, &s.jenkinsUrl, &s.reportportalUrl}) {
        try {
            const std::string userInfo = Poco::URI(*url).getUserInfo();
            if (const auto colon = userInfo.find(':'); colon != std::string::npos && colon + 1 < userInfo.size())
                secrets.push_back(userInfo.substr(colon + 1));
        } catch (const Poco::Exception&) {
            // not a URL: nothing inside it to find
        }
    }
    std::sort(secrets.begin(), secrets.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return secrets;
}

std::string scrubbed(std::string text, const config::Settings& settings)
{
    for (const auto& secret : secretsOf(settings))
        Poco::replaceInPlace(text, secret, std::string("***"));
    return text;
}

ServiceHealth::Check checkDatabase(storage::Database& db)
{
    const std::string problem = db.writeProblem();
    return problem.empty() ? ServiceHealth::Check{"ok", "", "", ""} : ServiceHealth::Check{"error", problem, "", ""};
}

/// Below `okBelow` is ok, any other answer degraded ("HTTP 503").
ServiceHealth::Check fromStatus(int status, int okBelow)
{
    if (status < okBelow)
        return {"ok", "", "", ""};
    return {"degraded", "HTTP " + std::to_string(status), "", ""};
}

ServiceHealth::Check checkJenkins(const config::Settings& s)
{
    JenkinsClient client({s.jenkinsUrl, s.jenkinsUser, s.jenkinsPassword, s.jenkinsSslVerify, ServiceHealth::kProbeTimeoutSeconds});
    try {
        return fromStatus(client.probe(ServiceHealth::kProbeTimeoutSeconds), 500);
    } catch (const JenkinsError& e) {
        return {"error", e.what(), "", ""};
    }
}

ServiceHealth::Check checkReportPortal(const config::Settings& s)
{
    try {
        return fromStatus(ReportPortalClient(s, ServiceHealth::kProbeTimeoutSeconds).probe(), 400);
    } catch (const std::exception& e) {
        return {"error", e.what(), "", ""};
    }
}

ServiceHealth::Check checkAiProvider(const config::Settings& s)
{
    if (!s.aiProvider.empty() && !s.aiModel.empty())
        return {"ok", "", s.aiProvider, s.aiModel};
    std::string missing = s.aiProvider.empty() ? "AI_PROVIDER" : "";
    if (s.aiModel.empty())
        missing += (missing.empty() ? "" : ", ") + std::string("AI_MODEL");
    return {"not_configured", "Missing: " + missing, "", ""};
}

} // namespace

/// The check threads' shared state: one thread per kind at most, so a hung dependency
/// costs one thread, never one per request.
struct ServiceHealth::Probes
{
    std::mutex mutex;
    std::condition_variable changed;
    std::array<bool, kKinds> running{};
    std::array<unsigned long long, kKinds> finished{}; ///< runs ended, per kind
    std::array<Check, kKinds> results;
    int threads = 0;
};

ServiceHealth::ServiceHealth(const config::Settings& settings, storage::Database& db, std::chrono::milliseconds timeout)
    : _settings(std::make_shared<const config::Settings>(settings)), _db(db), _timeout(timeout),
      _probes(std::make_shared<Probes>())
{
}

ServiceHealth::~ServiceHealth()
{
    {
        std::unique_lock<std::mutex> lock(_mutex);
        _published.wait(lock, [this] { return !_running; });
    }
    if (_refresher.joinable())
        _refresher.join();
    std::unique_lock<std::mutex> lock(_probes->mutex);
    if (!_probes->changed.wait_for(lock, std::chrono::seconds(30), [this] { return _probes->threads == 0; }))
        Poco::Logger::get("jji.health").warning("a health check is still running at shutdown");
}

double ServiceHealth::uptimeSeconds() const
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - _started).count();
}

std::string ServiceHealth::overall(const Report& report)
{
    if (report.database.status == "error")
        return "unhealthy";
    for (const Check* c : {&report.jenkins, &report.aiProvider, &report.reportportal})
        if (c->status == "error" || c->status == "degraded")
            return "degraded";
    return "healthy";
}

ServiceHealth::Report ServiceHealth::runChecks()
{
    const config::Settings& s = *_settings;
    std::array<std::function<Check()>, kKinds> work;
    storage::Database* db = &_db;
    const std::shared_ptr<const config::Settings> settings = _settings;
    work[kDatabase] = [db] { return checkDatabase(*db); };
    if (!s.jenkinsUrl.empty())
        work[kJenkins] = [settings] { return checkJenkins(*settings); };
    if (config::Capabilities::from(s).reportportal)
        work[kReportPortal] = [settings] { return checkReportPortal(*settings); };

    std::array<Check, kKinds> results;
    results.fill(Check{"not_configured", "", "", ""});
    std::array<unsigned long long, kKinds> awaited{}; // 0: nothing awaited for this kind
    const auto deadline = std::chrono::steady_clock::now() + _timeout;
    std::unique_lock<std::mutex> lock(_probes->mutex);
    for (std::size_t k = 0; k < kKinds; ++k) {
        if (!work[k])
            continue;
        if (_probes->running[k]) { // an earlier check of this kind is hung: it still counts as one
            results[k] = kTimedOut;
            continue;
        }
        _probes->running[k] = true;
        ++_probes->threads;
        awaited[k] = _probes->finished[k] + 1;
        std::thread([probes = _probes, k, task = std::move(work[k]), settings] {
            Check c;
            try {
                c = task();
            } catch (const std::exception& e) {
                c = {"error", e.what(), "", ""};
            }
            c.detail = scrubbed(c.detail, *settings);
            std::lock_guard<std::mutex> guard(probes->mutex);
            probes->results[k] = std::move(c);
            probes->running[k] = false;
            ++probes->finished[k];
            --probes->threads;
            probes->changed.notify_all();
        }).detach(); // the destructor waits for threads to end
    }
    auto allIn = [&] {
        for (std::size_t k = 0; k < kKinds; ++k)
            if (awaited[k] && _probes->finished[k] < awaited[k])
                return false;
        return true;
    };
    _probes->changed.wait_until(lock, deadline, allIn);
    for (std::size_t k = 0; k < kKinds; ++k)
        if (awaited[k])
            results[k] = _probes->finished[k] >= awaited[k] ? _probes->results[k] : kTimedOut;
    lock.unlock();

    Report report;
    report.database = results[kDatabase];
    report.jenkins = results[kJenkins];
    report.reportportal = results[kReportPortal];
    report.aiProvider = checkAiProvider(s);
    report.status = overall(report);
    return report;
}

ServiceHealth::Report ServiceHealth::runAndPublish()
{
    Report report = runChecks();
    std::lock_guard<std::mutex> lock(_mutex);
    _last = report;
    _lastAt = std::chrono::steady_clock::now();
    _hasLast = true;
    _running = false;
    ++_rounds;
    _published.notify_all();
    return report;
}

ServiceHealth::Report ServiceHealth::check()
{
    std::unique_lock<std::mutex> lock(_mutex);
    if (_running) {
        const unsigned long long round = _rounds;
        _published.wait(lock, [&] { return _rounds != round; });
        return _last;
    }
    _running = true;
    lock.unlock();
    return runAndPublish();
}

ServiceHealth::Report ServiceHealth::recent(std::chrono::seconds maxAge)
{
    std::unique_lock<std::mutex> lock(_mutex);
    if (!_hasLast) {
        lock.unlock();
        return check();
    }
    if (std::chrono::steady_clock::now() - _lastAt < maxAge || _running)
        return _last;
    _running = true;
    if (_refresher.joinable())
        _refresher.join(); // its report is published: only its return was left
    _refresher = std::thread([this] { runAndPublish(); });
    return _last;
}

} // namespace analysis
} // namespace jji
