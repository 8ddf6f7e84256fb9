#ifndef JJI_BRIDGE_SERVER_CONNECTIONGATE_H
#define JJI_BRIDGE_SERVER_CONNECTIONGATE_H

#include "jji/bridge/server/KeepAliveConnections.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServerDispatcher.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <thread>

namespace jji {
namespace bridge {

/// Accepts connections and holds each, without a thread, until its whole request head
/// has arrived (seen with MSG_PEEK, so the HTTP server still reads it all); only then is
/// it handed to a worker thread. Idle and slow ("slowloris") connections so cost one
/// descriptor each, not a thread, and are closed when their head takes longer than the
/// header timeout. Beyond the global cap the oldest held connection is closed; a client
/// beyond its own cap loses its oldest held connections once they have waited a second
/// (so a burst of requests from one address is not cut). When every worker is taken,
/// GET /health and GET /metrics go to a lane of their own (so they answer even then) and
/// other requests make the longest-idle keep-alive connection close to free a worker.
class ConnectionGate
{
public:
    struct Limits
    {
        std::chrono::milliseconds headerTimeout{std::chrono::seconds(10)};
        std::size_t maxHeld = 4096;
        std::size_t maxHeldPerClient = 64;
        std::size_t maxHeadBytes = 64 * 1024;
    };

    /// `main` and `priority` serve the connections (their factories make the HTTP
    /// connections); `keepAlive` tracks main's connections for the saturation rule.
    ConnectionGate(Poco::Net::ServerSocket socket, Limits limits, Poco::Net::TCPServerDispatcher& main,
                   Poco::Net::TCPServerDispatcher& priority, KeepAliveConnections& keepAlive);
    ~ConnectionGate();
    ConnectionGate(const ConnectionGate&) = delete;
    ConnectionGate& operator=(const ConnectionGate&) = delete;

    void start();
    /// Stops accepting and closes the connections still held.
    void stop();

    std::size_t held() const { return _heldCount.load(); }

private:
    struct State;
    void run();

    Poco::Net::ServerSocket _socket;
    Limits _limits;
    Poco::Net::TCPServerDispatcher& _main;
    Poco::Net::TCPServerDispatcher& _priority;
    KeepAliveConnections& _keepAlive;
    std::atomic<bool> _stopping{false};
    std::atomic<std::size_t> _heldCount{0};
    int _wakeFd = -1;
    std::thread _thread;
};

} // namespace bridge
} // namespace jji

#endif
