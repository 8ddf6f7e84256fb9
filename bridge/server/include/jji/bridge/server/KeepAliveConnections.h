#ifndef JJI_BRIDGE_SERVER_KEEPALIVECONNECTIONS_H
#define JJI_BRIDGE_SERVER_KEEPALIVECONNECTIONS_H

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <atomic>
#include <limits>
#include <map>
#include <mutex>

namespace jji {
namespace bridge {

/// The connections a worker thread holds, and which of them sit idle between two
/// requests of a keep-alive connection: when every thread is taken, the gate closes
/// the longest-idle one first, so a waiting request gets its thread. A connection
/// registers once; each request then flips its own atomic slot, without a lock.
class KeepAliveConnections
{
public:
    /// A factory of HTTP connections that report to this registry, serving `handlers`.
    Poco::Net::TCPServerConnectionFactory::Ptr connectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                                                                 Poco::Net::HTTPRequestHandlerFactory::Ptr handlers);

    /// Shuts down the connection idle the longest; false when none is idle.
    bool closeLongestIdle();

    std::size_t idleCount() const;

    /// A connection's state: when it went idle (steady clock, ns), kBusy while a request
    /// runs, kClosing once chosen to be closed.
    struct Slot
    {
        static constexpr long long kBusy = std::numeric_limits<long long>::max();
        static constexpr long long kClosing = std::numeric_limits<long long>::min();
        int fd = -1;
        std::atomic<long long> idleSince{kBusy};
    };

    // Called by the connections themselves (on their worker thread).
    void opened(Slot& slot);
    void closed(Slot& slot);

private:
    mutable std::mutex _mutex;
    std::map<int, Slot*> _connections; ///< by descriptor; the slots live in the connections
};

} // namespace bridge
} // namespace jji

#endif
