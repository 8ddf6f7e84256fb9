#ifndef JJI_ANALYSIS_JOBS_SERVICEHEALTH_H
#define JJI_ANALYSIS_JOBS_SERVICEHEALTH_H

#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace jji {
namespace analysis {

/// The dependency checks behind GET /api/health and jji_health_up, as the original service
/// makes them: the database takes a write lock, Jenkins answers its URL below 500, Report
/// Portal answers /api/v1/user below 400 (each through the project's clients, with their
/// SSL settings), and an AI provider and model are configured. The checks run at once, on
/// threads of their own, for at most the timeout; no message carries a credential.
class ServiceHealth
{
public:
    /// One dependency: "ok", "degraded", "error" or "not_configured", and why.
    struct Check
    {
        std::string status;
        std::string detail;   ///< "" when there is nothing to say
        std::string provider; ///< ai_provider only
        std::string model;    ///< ai_provider only
    };

    struct Report
    {
        std::string status = "unhealthy"; ///< healthy, degraded, or unhealthy (the database check failed)
        Check database;
        Check jenkins;
        Check aiProvider;
        Check reportportal;
    };

    static constexpr std::chrono::milliseconds kTimeout{6000};
    static constexpr int kProbeTimeoutSeconds = 5;

    ServiceHealth(const config::Settings& settings, storage::Database& db, std::chrono::milliseconds timeout = kTimeout);
    /// Waits for checks still running (each ends within its own timeouts).
    ~ServiceHealth();
    ServiceHealth(const ServiceHealth&) = delete;
    ServiceHealth& operator=(const ServiceHealth&) = delete;

    /// Runs the checks now. A check still running when the timeout ends reads "error",
    /// "health check timed out", and is not started again until it has ended. Callers who
    /// arrive while checks run share their report.
    Report check();

    /// The last report while it is younger than `maxAge`; after that the last one still,
    /// while new checks run in the background (only the very first call waits for them).
    Report recent(std::chrono::seconds maxAge);

    /// Seconds since this object (the daemon's services) was made.
    double uptimeSeconds() const;

    /// healthy, degraded or unhealthy: the database in error makes it unhealthy, any other
    /// error or degraded check degraded; not_configured lowers nothing.
    static std::string overall(const Report& report);

private:
    struct Probes;

    Report runChecks();
    Report runAndPublish();

    std::shared_ptr<const config::Settings> _settings;
    storage::Database& _db;
    const std::chrono::milliseconds _timeout;
    const std::chrono::steady_clock::time_point _started = std::chrono::steady_clock::now();
    std::shared_ptr<Probes> _probes; ///< shared with the check threads

    std::mutex _mutex;
    std::condition_variable _published;
    bool _running = false;            ///< checks under way (by a caller or the refresher)
    unsigned long long _rounds = 0;   ///< reports published
    bool _hasLast = false;
    Report _last;
    std::chrono::steady_clock::time_point _lastAt;
    std::thread _refresher;           ///< the background run of recent()
};

} // namespace analysis
} // namespace jji

#endif
