#ifndef JJI_BRIDGE_ACCESS_AUTHTHROTTLE_H
#define JJI_BRIDGE_ACCESS_AUTHTHROTTLE_H

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace jji {
namespace bridge {

/// Makes guessing keys slow: failed sign-ins and wrong bearer keys drain a token bucket
/// per client address and one per username (JJI_AUTH_FAILURES_PER_MINUTE each, refilled
/// evenly over a minute). While either bucket is empty, attempts from that address or for
/// that user are refused before any key is checked (429 with Retry-After). The log gets the
/// first failure of a burst and, when the next burst starts, how many followed the last one.
class AuthThrottle
{
public:
    using Clock = std::chrono::steady_clock;

    explicit AuthThrottle(int failuresPerMinute) : _perMinute(failuresPerMinute > 0 ? failuresPerMinute : 1) {}

    /// Whole seconds until an attempt from `address` for `username` ("" for none) is heard
    /// again; 0 when it may go ahead.
    int retryAfter(const std::string& address, const std::string& username, Clock::time_point now = Clock::now());

    /// Records a failed attempt (`what`: "admin login", "bearer key").
    void failed(const std::string& address, const std::string& username, const std::string& what,
                Clock::time_point now = Clock::now());

private:
    struct Bucket
    {
        double tokens = 0;
        Clock::time_point updated;
        long long suppressed = 0; ///< failures not logged since the burst's first
    };

    Bucket& bucket(const std::string& key, Clock::time_point now);
    void refill(Bucket& b, Clock::time_point now) const;
    int secondsUntilToken(const Bucket& b) const;

    const int _perMinute;
    std::mutex _mutex;
    std::map<std::string, Bucket> _buckets;
};

} // namespace bridge
} // namespace jji

#endif
