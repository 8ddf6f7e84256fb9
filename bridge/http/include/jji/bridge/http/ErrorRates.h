#ifndef JJI_BRIDGE_HTTP_ERRORRATES_H
#define JJI_BRIDGE_HTTP_ERRORRATES_H

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jji {
namespace bridge {

/// The original service's rolling error rates: requests and their 4xx and 5xx answers over
/// the last 5 minutes and the last hour, behind jji_requests_total, jji_error_rate,
/// jji_errors_by_class, the error_rates of GET /api/health and the high-error-rate alert.
/// One bucket per second (the last hour of them); a request adds one to its second's
/// counters with a compare-and-swap, taking no lock and allocating nothing. Monitoring
/// paths (/health, /api/health, /metrics, /favicon.ico) are not counted.
class ErrorRates
{
public:
    static constexpr int kShortWindow = 300; ///< seconds: /metrics, the alert, error_rates.last_5m
    static constexpr int kLongWindow = 3600; ///< seconds: error_rates.last_1h

    /// The counts of one window.
    struct Snapshot
    {
        int windowSeconds = kShortWindow;
        std::uint64_t total = 0;
        std::uint64_t clientErrors = 0; ///< 4xx
        std::uint64_t serverErrors = 0; ///< 5xx
        bool clientErrorsSeen = false;  ///< a 4xx since start: the class is shown (even at 0)
        bool serverErrorsSeen = false;

        std::uint64_t errors() const { return clientErrors + serverErrors; }
        /// Errors over requests rounded to 4 places, 0 without requests.
        double errorRate() const;
    };

    ErrorRates();

    /// False for the monitoring paths, which are not counted.
    static bool tracks(std::string_view path);

    void record(int status) { recordAt(status, nowSecond()); }
    Snapshot snapshot(int windowSeconds) const { return snapshotAt(windowSeconds, nowSecond()); }

    /// The alert text when the last 5 minutes hold at least 10 requests and more than half
    /// of them were answered 5xx (the original's rule); nullopt otherwise.
    std::optional<std::string> highServerErrorRate() const;
    /// The rule on a snapshot: "⚠️ JJI high 5xx error rate: 60% (6/10 requests in 300.0s window)".
    static std::optional<std::string> highServerErrorRate(const Snapshot& window);

    /// Seconds on this tracker's clock (for tests that choose the second).
    long long nowSecond() const;
    void recordAt(int status, long long second);
    Snapshot snapshotAt(int windowSeconds, long long second) const;

private:
    /// Each counter packs the second it counts (+1, so 0 is "never") in its upper 32 bits
    /// and the count in the lower 32.
    struct Bucket
    {
        std::atomic<std::uint64_t> total{0};
        std::atomic<std::uint64_t> client{0};
        std::atomic<std::uint64_t> server{0};
    };

    static void bump(std::atomic<std::uint64_t>& counter, std::uint64_t stamp);
    static std::uint64_t countAt(const std::atomic<std::uint64_t>& counter, std::uint64_t stamp);

    const std::chrono::steady_clock::time_point _start;
    std::array<Bucket, kLongWindow> _buckets;
    std::atomic<bool> _clientSeen{false};
    std::atomic<bool> _serverSeen{false};
};

} // namespace bridge
} // namespace jji

#endif
