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

void AuthThrottle::makeRoom(Clock::time_point now)
{
    if (_buckets.size() + 2 <= kMaxBuckets) // an operation adds at most two
        return;
    // Full buckets hold nothing worth keeping; past that, the longest untouched go.
    for (auto it = _buckets.begin(); it != _buckets.end();) {
        refill(it->second, now);
        it = it->second.tokens >= _perMinute ? _buckets.erase(it) : std::next(it);
    }
    while (_buckets.size() + 2 > kMaxBuckets) {
        auto oldest = std::min_element(_buckets.begin(), _buckets.end(), [](const auto& a, const auto& b) {
            return a.second.lastFailure < b.second.lastFailure;
        });
        _buckets.erase(oldest);
    }
}

AuthThrottle::Bucket& AuthThrottle::bucket(const std::string& key, Clock::time_point now)
{
    auto found = _buckets.find(key);
    if (found != _buckets.end()) {
        refill(found->second, now);
        return found->second;
    }
    Bucket fresh;
    fresh.tokens = _perMinute;
    fresh.updated = now;
    fresh.lastFailure = now;
    return _buckets.emplace(key, fresh).first->second; // std::map: references stay valid on insert
}

std::size_t AuthThrottle::trackedBuckets()
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _buckets.size();
}

int AuthThrottle::admit(const std::string& address, const std::string& username, Clock::time_point now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    makeRoom(now);
    Bucket& byAddress = bucket("addr:" + address, now);
    int wait = secondsUntilToken(byAddress);
    Bucket* byUser = username.empty() ? nullptr : &bucket("user:" + username.substr(0, 100), now);
    if (byUser)
        wait = std::max(wait, secondsUntilToken(*byUser));
    if (wait > 0)
        return wait;
    byAddress.tokens -= 1.0;
    if (byUser)
        byUser->tokens -= 1.0;
    return 0;
}

void AuthThrottle::succeeded(const std::string& address, const std::string& username, Clock::time_point now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    makeRoom(now);
    Bucket& byAddress = bucket("addr:" + address, now);
    byAddress.tokens = std::min<double>(_perMinute, byAddress.tokens + 1.0);
    if (!username.empty()) {
        Bucket& byUser = bucket("user:" + username.substr(0, 100), now);
        byUser.tokens = std::min<double>(_perMinute, byUser.tokens + 1.0);
    }
}

void AuthThrottle::failed(const std::string& address, const std::string& username, const std::string& what,
                          Clock::time_point now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    makeRoom(now);
    Bucket& byAddress = bucket("addr:" + address, now);
    // Admitted with a full bucket (one token since taken): the first failure after a quiet spell.
    const bool burstStarts = byAddress.tokens >= _perMinute - 1.0 - 1e-9;
    byAddress.lastFailure = now;
    Poco::Logger& log = Poco::Logger::get("jji.auth");
    if (burstStarts) {
        if (byAddress.suppressed > 0)
            log.warning("%s more failed sign-ins or keys from %s in the previous burst", std::to_string(byAddress.suppressed), address);
        log.warning("failed %s from %s%s (further failures of this burst are counted, not logged)", what, address,
                    username.empty() ? std::string() : " for '" + username.substr(0, 50) + "'");
        byAddress.suppressed = 0;
    } else if (++byAddress.suppressed % 100 == 0) {
        log.warning("%s more failed sign-ins or keys from %s so far in this burst", std::to_string(byAddress.suppressed), address);
    }
    if (!username.empty())
        bucket("user:" + username.substr(0, 100), now).lastFailure = now;
}

} // namespace bridge
} // namespace jji
