#include "jji/bridge/server/KeepAliveConnections.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <memory>
#include <sys/socket.h>

namespace jji {
namespace bridge {

namespace {

using Slot = KeepAliveConnections::Slot;

long long steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// The slot of the connection this worker thread serves (a thread serves one at a time).
thread_local Slot* tServed = nullptr;

/// Marks its connection busy for the length of the request, idle afterwards.
class TrackedHandler : public Poco::Net::HTTPRequestHandler
{
public:
    TrackedHandler(Slot* slot, Poco::Net::HTTPRequestHandler* inner) : _slot(slot), _inner(inner)
    {
        if (_slot)
            _slot->idleSince.exchange(Slot::kBusy); // kClosing stays lost: the socket is shut down already
    }
    ~TrackedHandler() override
    {
        long long busy = Slot::kBusy;
        if (_slot)
            _slot->idleSince.compare_exchange_strong(busy, steadyNowNs());
    }

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        _inner->handleRequest(request, response);
    }

private:
    Slot* _slot;
    std::unique_ptr<Poco::Net::HTTPRequestHandler> _inner;
};

class TrackedHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit TrackedHandlerFactory(Poco::Net::HTTPRequestHandlerFactory::Ptr inner) : _inner(std::move(inner)) {}

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override
    {
        Poco::Net::HTTPRequestHandler* inner = _inner->createRequestHandler(request);
        return inner ? new TrackedHandler(tServed, inner) : nullptr;
    }

private:
    Poco::Net::HTTPRequestHandlerFactory::Ptr _inner;
};

/// Registered while its worker thread serves it.
class TrackedConnection : public Poco::Net::HTTPServerConnection
{
public:
    TrackedConnection(KeepAliveConnections& registry, const Poco::Net::StreamSocket& socket,
                      Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers)
        : HTTPServerConnection(socket, params, handlers), _registry(registry)
    {
    }

    void run() override
    {
        _slot.fd = static_cast<int>(socket().impl()->sockfd());
        _registry.opened(_slot);
        tServed = &_slot;
        try {
            HTTPServerConnection::run();
        } catch (...) {
            tServed = nullptr;
            _registry.closed(_slot);
            throw;
        }
        tServed = nullptr;
        _registry.closed(_slot); // before the socket closes, so the descriptor is never another's
    }

private:
    KeepAliveConnections& _registry;
    Slot _slot;
};

class TrackedConnectionFactory : public Poco::Net::TCPServerConnectionFactory
{
public:
    TrackedConnectionFactory(KeepAliveConnections& registry, Poco::Net::HTTPServerParams::Ptr params,
                             Poco::Net::HTTPRequestHandlerFactory::Ptr handlers)
        : _registry(registry), _params(std::move(params)), _handlers(new TrackedHandlerFactory(std::move(handlers)))
    {
    }

    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override
    {
        return new TrackedConnection(_registry, socket, _params, _handlers);
    }

private:
    KeepAliveConnections& _registry;
    Poco::Net::HTTPServerParams::Ptr _params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr _handlers;
};

} // namespace

Poco::Net::TCPServerConnectionFactory::Ptr KeepAliveConnections::connectionFactory(
    Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers)
{
    return new TrackedConnectionFactory(*this, std::move(params), std::move(handlers));
}

bool KeepAliveConnections::closeLongestIdle()
{
    std::lock_guard<std::mutex> lock(_mutex);
    for (;;) {
        auto longest = _connections.end();
        long long since = Slot::kBusy;
        for (auto it = _connections.begin(); it != _connections.end(); ++it) {
            const long long s = it->second->idleSince.load();
            if (s != Slot::kBusy && s != Slot::kClosing && s < since) {
                since = s;
                longest = it;
            }
        }
        if (longest == _connections.end())
            return false;
        // A request may start on it meanwhile: then it is no longer idle; look again.
        if (!longest->second->idleSince.compare_exchange_strong(since, Slot::kClosing))
            continue;
        // Under the lock: the connection unregisters (under it too) before its socket closes.
        ::shutdown(longest->first, SHUT_RDWR);
        _connections.erase(longest);
        return true;
    }
}

std::size_t KeepAliveConnections::idleCount() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::size_t n = 0;
    for (const auto& [fd, slot] : _connections) {
        const long long s = slot->idleSince.load();
        n += s != Slot::kBusy && s != Slot::kClosing ? 1 : 0;
    }
    return n;
}

void KeepAliveConnections::opened(Slot& slot)
{
    slot.idleSince = Slot::kBusy; // the gate dispatches a connection only with a whole request head in
    std::lock_guard<std::mutex> lock(_mutex);
    _connections[slot.fd] = &slot;
}

void KeepAliveConnections::closed(Slot& slot)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _connections.find(slot.fd);
    if (it != _connections.end() && it->second == &slot)
        _connections.erase(it);
}

} // namespace bridge
} // namespace jji
