#include "jji/bridge/server/KeepAliveConnections.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>

#include <memory>
#include <sys/socket.h>

namespace jji {
namespace bridge {

namespace {

constexpr auto kBusy = std::chrono::steady_clock::time_point::max();

/// The request's connection as the registry knows it (the socket's descriptor).
int connectionOf(const Poco::Net::HTTPServerRequest& request)
{
    auto* impl = dynamic_cast<const Poco::Net::HTTPServerRequestImpl*>(&request);
    return impl ? static_cast<int>(const_cast<Poco::Net::HTTPServerRequestImpl*>(impl)->socket().impl()->sockfd()) : -1;
}

/// Marks its connection busy for the length of the request, idle afterwards.
class TrackedHandler : public Poco::Net::HTTPRequestHandler
{
public:
    TrackedHandler(KeepAliveConnections& registry, int fd, Poco::Net::HTTPRequestHandler* inner)
        : _registry(registry), _fd(fd), _inner(inner)
    {
        _registry.busy(_fd);
    }
    ~TrackedHandler() override { _registry.idle(_fd); }

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        _inner->handleRequest(request, response);
    }

private:
    KeepAliveConnections& _registry;
    int _fd;
    std::unique_ptr<Poco::Net::HTTPRequestHandler> _inner;
};

class TrackedHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    TrackedHandlerFactory(KeepAliveConnections& registry, Poco::Net::HTTPRequestHandlerFactory::Ptr inner)
        : _registry(registry), _inner(std::move(inner))
    {
    }

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override
    {
        Poco::Net::HTTPRequestHandler* inner = _inner->createRequestHandler(request);
        return inner ? new TrackedHandler(_registry, connectionOf(request), inner) : nullptr;
    }

private:
    KeepAliveConnections& _registry;
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
        const int fd = static_cast<int>(socket().impl()->sockfd());
        _registry.opened(fd);
        try {
            HTTPServerConnection::run();
        } catch (...) {
            _registry.closed(fd);
            throw;
        }
        _registry.closed(fd); // before the socket closes, so the descriptor is never another's
    }

private:
    KeepAliveConnections& _registry;
};

class TrackedConnectionFactory : public Poco::Net::TCPServerConnectionFactory
{
public:
    TrackedConnectionFactory(KeepAliveConnections& registry, Poco::Net::HTTPServerParams::Ptr params,
                             Poco::Net::HTTPRequestHandlerFactory::Ptr handlers)
        : _registry(registry), _params(std::move(params)),
          _handlers(new TrackedHandlerFactory(registry, std::move(handlers)))
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
    auto longest = _connections.end();
    for (auto it = _connections.begin(); it != _connections.end(); ++it)
        if (it->second != kBusy && (longest == _connections.end() || it->second < longest->second))
            longest = it;
    if (longest == _connections.end())
        return false;
    // Under the lock: the connection unregisters (under it too) before its socket closes.
    ::shutdown(longest->first, SHUT_RDWR);
    _connections.erase(longest);
    return true;
}

std::size_t KeepAliveConnections::idleCount() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::size_t n = 0;
    for (const auto& [fd, since] : _connections)
        n += since != kBusy ? 1 : 0;
    return n;
}

void KeepAliveConnections::opened(int fd)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _connections[fd] = kBusy; // the gate dispatches a connection only with a whole request head in
}

void KeepAliveConnections::busy(int fd)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _connections.find(fd);
    if (it != _connections.end())
        it->second = kBusy;
}

void KeepAliveConnections::idle(int fd)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _connections.find(fd);
    if (it != _connections.end())
        it->second = std::chrono::steady_clock::now();
}

void KeepAliveConnections::closed(int fd)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _connections.erase(fd);
}

} // namespace bridge
} // namespace jji
