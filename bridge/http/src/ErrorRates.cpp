#include "jji/bridge/http/ErrorRates.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace jji {
namespace bridge {

double ErrorRates::Snapshot::errorRate() const
{
    if (total == 0)
        return 0.0;
    return std::round(static_cast<double>(errors()) / static_cast<double>(total) * 10000.0) / 10000.0;
}

ErrorRates::ErrorRates() : _start(std::chrono::steady_clock::now())
{
}

bool ErrorRates::tracks(std::string_view path)
{
    return path != "/health" && path != "/api/health" && path != "/metrics" && path != "/favicon.ico";
}

long long ErrorRates::nowSecond() const
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - _start).count();
}

void ErrorRates::bump(std::atomic<std::uint64_t>& counter, std::uint64_t stamp)
{
    std::uint64_t current = counter.load(std::memory_order_relaxed);
    for (;;) {
        const std::uint64_t counted = current >> 32;
        if (counted > stamp)
            return; // this bucket moved on to a later second while the caller stalled
        const std::uint64_t next = counted == stamp ? current + 1 : (stamp << 32) | 1;
        if (counter.compare_exchange_weak(current, next, std::memory_order_relaxed))
            return;
    }
}

std::uint64_t ErrorRates::countAt(const std::atomic<std::uint64_t>& counter, std::uint64_t stamp)
{
    const std::uint64_t value = counter.load(std::memory_order_relaxed);
    return (value >> 32) == stamp ? (value & 0xffffffffu) : 0;
}

void ErrorRates::recordAt(int status, long long second)
{
    if (second < 0)
        return;
    const auto stamp = static_cast<std::uint64_t>(second) + 1;
    Bucket& bucket = _buckets[static_cast<std::size_t>(second % kLongWindow)];
    bump(bucket.total, stamp);
    if (status < 400)
        return;
    const bool server = status >= 500;
    bump(server ? bucket.server : bucket.client, stamp);
    std::atomic<bool>& seen = server ? _serverSeen : _clientSeen;
    if (!seen.load(std::memory_order_relaxed)) // written once: the cache line stays shared
        seen.store(true, std::memory_order_relaxed);
}

ErrorRates::Snapshot ErrorRates::snapshotAt(int windowSeconds, long long second) const
{
    Snapshot s;
    s.windowSeconds = windowSeconds;
    s.clientErrorsSeen = _clientSeen.load(std::memory_order_relaxed);
    s.serverErrorsSeen = _serverSeen.load(std::memory_order_relaxed);
    const long long span = std::min<long long>(std::max(windowSeconds, 1), kLongWindow);
    for (long long at = second; at > second - span && at >= 0; --at) {
        const Bucket& bucket = _buckets[static_cast<std::size_t>(at % kLongWindow)];
        const auto stamp = static_cast<std::uint64_t>(at) + 1;
        s.total += countAt(bucket.total, stamp);
        s.clientErrors += countAt(bucket.client, stamp);
        s.serverErrors += countAt(bucket.server, stamp);
    }
    return s;
}

std::optional<std::string> ErrorRates::highServerErrorRate() const
{
    return highServerErrorRate(snapshot(kShortWindow));
}

std::optional<std::string> ErrorRates::highServerErrorRate(const Snapshot& window)
{
    if (window.total < 10 || window.serverErrors * 2 <= window.total)
        return std::nullopt;
    const double rate = static_cast<double>(window.serverErrors) / static_cast<double>(window.total);
    char text[160];
    // Python's f"{rate:.0%}" (round half to even, as printf) and the float window "300.0s".
    std::snprintf(text, sizeof text, "\xE2\x9A\xA0\xEF\xB8\x8F JJI high 5xx error rate: %.0f%% (%llu/%llu requests in %d.0s window)",
                  rate * 100.0, static_cast<unsigned long long>(window.serverErrors),
                  static_cast<unsigned long long>(window.total), window.windowSeconds);
    return std::string(text);
}

} // namespace bridge
} // namespace jji
