#ifndef JJI_BRIDGE_ACCESS_AUTHTHROTTLE_H
#define JJI_BRIDGE_ACCESS_AUTHTHROTTLE_H

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace jji {
namespace bridge {

/// Makes guessing keys slow: every sign-in or bearer-key attempt takes a token from a bucket
/// per client address and one per username (JJI_AUTH_FAILURES_PER_MINUTE each, refilled
/// evenly over a minute); a success gives it back, so only failures use the budget up. While
/// either bucket is empty, attempts are refused before any key is checked (429 with
/// Retry-After); taking the token when the attempt starts means concurrent guesses cannot
/// all slip through on the last one. The log gets the first failure of a burst, then a count
/// every 100 failures and when the next burst starts.
class AuthThrottle
{
public:
    using Clock = std::chrono::steady_clock;

    explicit AuthThrottle(int failuresPerMinute) : _perMinute(failuresPerMinute > 0 ? failuresPerMinute : 1) {}

    /// Starts an attempt from `address` for `username` ("" for none): 0 when it may go ahead
    /// (a token is taken), else the whole seconds until it would be heard.
    int admit(const std::string& address, const std::string& username, Clock::time_point now = Clock::now());

    /// The admitted attempt succeeded: its tokens go back.
    void succeeded(const std::string& address, const std::string& username, Clock::time_point now = Clock::now());

    /// The admitted attempt failed (`what`: "admin login", "bearer key"): logged as above.
    void failed(const std::string& address, const std::string& username, const std::string& what,
                Clock::time_point now = Clock::now());

    /// How many addresses and usernames are tracked (bounded).
    std::size_t trackedBuckets();

private:
    struct Bucket
    {
        double tokens = 0;
        Clock::time_point updated;
        long long suppressed = 0; ///< failures not logged since the burst's first
        Clock::time_point lastFailure;
    };

    /// Evicts so that an operation can add its (at most two) buckets; never during one, so
    /// the references an operation holds stay valid.
    void makeRoom(Clock::time_point now);
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
