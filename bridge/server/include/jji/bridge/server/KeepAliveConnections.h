#ifndef JJI_BRIDGE_SERVER_KEEPALIVECONNECTIONS_H
#define JJI_BRIDGE_SERVER_KEEPALIVECONNECTIONS_H

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <chrono>
#include <map>
#include <mutex>

namespace jji {
namespace bridge {

/// The connections a worker thread holds, and which of them sit idle between two
/// requests of a keep-alive connection: when every thread is taken, the gate closes
/// the longest-idle one first, so a waiting request gets its thread.
class KeepAliveConnections
{
public:
    /// A factory of HTTP connections that report to this registry, serving `handlers`.
    Poco::Net::TCPServerConnectionFactory::Ptr connectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                                                                 Poco::Net::HTTPRequestHandlerFactory::Ptr handlers);

    /// Shuts down the connection idle the longest; false when none is idle.
    bool closeLongestIdle();

    std::size_t idleCount() const;

    // Called by the connections themselves (on their worker thread).
    void opened(int fd);
    void busy(int fd);
    void idle(int fd);
    void closed(int fd);

private:
    mutable std::mutex _mutex;
    /// fd -> when it went idle (time_point::max() while a request runs).
    std::map<int, std::chrono::steady_clock::time_point> _connections;
};

} // namespace bridge
} // namespace jji

#endif
