#include "jji/bridge/access/AuthThrottle.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <cmath>

namespace jji {
namespace bridge {

namespace {

/// Buckets kept at most; past it the full (idle) ones go first, so made-up usernames
/// cannot grow memory without bound.
constexpr std::size_t kMaxBuckets = 10000;

} // namespace

void AuthThrottle::refill(Bucket& b, Clock::time_point now) const
{
    const double seconds = std::chrono::duration<double>(now - b.updated).count();
    b.tokens = std::min<double>(_perMinute, b.tokens + seconds * _perMinute / 60.0);
    b.updated = now;
}

int AuthThrottle::secondsUntilToken(const Bucket& b) const
{
    if (b.tokens >= 1.0)
        return 0;
    return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) * 60.0 / _perMinute)));
}

AuthThrottle::Bucket& AuthThrottle::bucket(const std::string& key, Clock::time_point now)
{
    auto found = _buckets.find(key);
    if (found != _buckets.end()) {
        refill(found->second, now);
        return found->second;
    }
    if (_buckets.size() >= kMaxBuckets) {
        for (auto it = _buckets.begin(); it != _buckets.end();) {
            refill(it->second, now);
            it = it->second.tokens >= _perMinute ? _buckets.erase(it) : std::next(it);
        }
        if (_buckets.size() >= kMaxBuckets)
            _buckets.erase(_buckets.begin());
    }
    Bucket fresh;
    fresh.tokens = _perMinute;
    fresh.updated = now;
    return _buckets.emplace(key, fresh).first->second;
}

int AuthThrottle::retryAfter(const std::string& address, const std::string& username, Clock::time_point now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    int wait = secondsUntilToken(bucket("addr:" + address, now));
    if (!username.empty())
        wait = std::max(wait, secondsUntilToken(bucket("user:" + username.substr(0, 100), now)));
    return wait;
}

void AuthThrottle::failed(const std::string& address, const std::string& username, const std::string& what,
                          Clock::time_point now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    Bucket& byAddress = bucket("addr:" + address, now);
    const bool burstStarts = byAddress.tokens >= _perMinute - 1e-9;
    if (burstStarts) {
        Poco::Logger& log = Poco::Logger::get("jji.auth");
        if (byAddress.suppressed > 0)
            log.warning("%?d more failed sign-ins or keys from %s in the previous burst", byAddress.suppressed, address);
        log.warning("failed %s from %s%s (further failures of this burst are counted, not logged)", what, address,
                    username.empty() ? std::string() : " for '" + username.substr(0, 50) + "'");
        byAddress.suppressed = 0;
    } else {
        ++byAddress.suppressed;
    }
    byAddress.tokens = std::max(0.0, byAddress.tokens - 1.0);
    if (!username.empty()) {
        Bucket& byUser = bucket("user:" + username.substr(0, 100), now);
        byUser.tokens = std::max(0.0, byUser.tokens - 1.0);
    }
}

} // namespace bridge
} // namespace jji
