#include "jji/bridge/server/ConnectionGate.h"

#include "jji/storage/Metrics.h"

#include <Poco/Logger.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StreamSocketImpl.h>

#include <algorithm>
#include <arpa/inet.h>
#include <cstring>
#include <list>
#include <map>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace jji {
namespace bridge {

namespace {

using Clock = std::chrono::steady_clock;

/// How long a held connection may wait for its head before the per-client cap counts it as idle.
constexpr std::chrono::milliseconds kCapGrace{1000};

struct Held
{
    int fd;
    std::string client;
    Clock::time_point accepted;
};

std::string clientOf(const sockaddr_storage& address)
{
    char text[INET6_ADDRSTRLEN] = {0};
    if (address.ss_family == AF_INET)
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof text);
    else if (address.ss_family == AF_INET6)
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text, sizeof text);
    return text;
}

/// Whether the peeked head asks for one of the paths served in the priority lane.
bool isPriority(const char* head, std::size_t n)
{
    for (const char* prefix : {"GET /health ", "GET /health?", "GET /metrics ", "GET /metrics?"}) {
        const std::size_t length = std::strlen(prefix);
        if (n >= length && std::memcmp(head, prefix, length) == 0)
            return true;
    }
    return false;
}

void cut(const char* reason)
{
    storage::Metrics::instance().count("jji_connections_closed_total", {{"reason", reason}});
}

/// A last word to a client whose request will not be read (best effort: never blocks).
void sayAndClose(int fd, const char* statusLine)
{
    std::string reply = std::string("HTTP/1.1 ") + statusLine + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
    [[maybe_unused]] ssize_t ignored = ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::close(fd);
}

} // namespace

struct ConnectionGate::State
{
    std::list<Held> order; ///< accept order: the oldest (first to time out) at the front
    std::map<int, std::list<Held>::iterator> byFd;
    std::map<std::string, std::size_t> perClient;
};

ConnectionGate::ConnectionGate(Poco::Net::ServerSocket socket, Limits limits, Poco::Net::TCPServerDispatcher& main,
                               Poco::Net::TCPServerDispatcher& priority, KeepAliveConnections& keepAlive)
    : _socket(std::move(socket)), _limits(limits), _main(main), _priority(priority), _keepAlive(keepAlive)
{
    _wakeFd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

ConnectionGate::~ConnectionGate()
{
    stop();
    if (_wakeFd >= 0)
        ::close(_wakeFd);
}

void ConnectionGate::start()
{
    _socket.setBlocking(false);
    _thread = std::thread([this] { run(); });
}

void ConnectionGate::stop()
{
    if (!_thread.joinable())
        return;
    _stopping = true;
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t ignored = ::write(_wakeFd, &one, sizeof one);
    _thread.join();
}

void ConnectionGate::run()
{
    Poco::Logger& log = Poco::Logger::get("jji.http");
    const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
    const int listenFd = static_cast<int>(_socket.impl()->sockfd());
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = listenFd;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, listenFd, &event);
    event.data.fd = _wakeFd;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, _wakeFd, &event);

    State state;
    std::vector<char> head(_limits.maxHeadBytes);
    auto release = [&](int fd) {
        auto it = state.byFd.find(fd);
        if (it == state.byFd.end())
            return;
        ::epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nullptr);
        if (--state.perClient[it->second->client] == 0)
            state.perClient.erase(it->second->client);
        state.order.erase(it->second);
        state.byFd.erase(it);
        _heldCount = state.byFd.size();
    };
    auto drop = [&](int fd, const char* reason, const char* statusLine) {
        release(fd);
        cut(reason);
        if (statusLine)
            sayAndClose(fd, statusLine);
        else
            ::close(fd);
    };
    // Hands a connection whose head is complete to a worker lane (Poco owns it from here).
    auto dispatch = [&](int fd, bool priority) {
        release(fd);
        Poco::Net::StreamSocket socket(new Poco::Net::StreamSocketImpl(fd));
        socket.setBlocking(true);
        // A reply is written as a head and then the body in buffer-sized pieces: with Nagle's
        // algorithm the last small piece waited for the client's delayed ACK, 40 ms per reply.
        socket.setNoDelay(true);
        const bool saturated = _main.currentConnections() >= _main.maxThreads();
        if (priority && saturated) {
            // The lane of its own only when the workers are all taken: it closes after each
            // answer, which a monitor polling a free daemon should not pay for.
            _priority.enqueue(socket);
            return;
        }
        if (saturated)
            _keepAlive.closeLongestIdle(); // a waiting request before an idle connection
        _main.enqueue(socket);
    };
    auto accept = [&] {
        for (;;) {
            sockaddr_storage address{};
            socklen_t length = sizeof address;
            const int fd = ::accept4(listenFd, reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EMFILE || errno == ENFILE) {
                    // Out of descriptors: the oldest held connection makes room.
                    if (!state.order.empty()) {
                        drop(state.order.front().fd, "descriptors", nullptr);
                        continue;
                    }
                    log.warning("out of file descriptors: a connection waits in the kernel's backlog");
                }
                return;
            }
            const std::string client = clientOf(address);
            Held held{fd, client, Clock::now()};
            state.order.push_back(held);
            state.byFd[fd] = std::prev(state.order.end());
            ++state.perClient[client];
            _heldCount = state.byFd.size();
            epoll_event e{};
            e.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
            e.data.fd = fd;
            ::epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &e);
            if (state.byFd.size() > _limits.maxHeld)
                drop(state.order.front().fd, "global_cap", nullptr);
        }
    };
    // Looks at what a held connection has sent so far.
    auto examine = [&](int fd) {
        const ssize_t n = ::recv(fd, head.data(), head.size(), MSG_PEEK);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            drop(fd, "peer_closed", nullptr);
            return;
        }
        if (n < 0)
            return;
        const std::size_t got = static_cast<std::size_t>(n);
        static const char kEnd[] = "\r\n\r\n";
        const bool complete = std::search(head.begin(), head.begin() + n, kEnd, kEnd + 4) != head.begin() + n;
        if (complete)
            dispatch(fd, isPriority(head.data(), got));
        else if (got >= head.size())
            drop(fd, "head_too_large", "431 Request Header Fields Too Large");
    };

    std::vector<epoll_event> events(256);
    while (!_stopping) {
        int waitMs = 250;
        if (!state.order.empty()) {
            const auto due = state.order.front().accepted + _limits.headerTimeout - Clock::now();
            waitMs = static_cast<int>(std::clamp<long long>(
                std::chrono::duration_cast<std::chrono::milliseconds>(due).count() + 1, 0, 250));
        }
        const int n = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), waitMs);
        for (int i = 0; i < n; ++i) {
            const int fd = events[static_cast<std::size_t>(i)].data.fd;
            if (fd == listenFd)
                accept();
            else if (fd != _wakeFd && state.byFd.count(fd))
                examine(fd);
        }
        const auto now = Clock::now();
        while (!state.order.empty() && state.order.front().accepted + _limits.headerTimeout <= now)
            drop(state.order.front().fd, "header_timeout", "408 Request Timeout");
        // A client over its cap loses its oldest held connections, once they are old enough to
        // be idle: a burst of connections that send their request at once is not cut.
        for (auto it = state.order.begin(); it != state.order.end() && it->accepted + kCapGrace <= now;) {
            const int fd = it->fd;
            ++it;
            auto held = state.byFd.find(fd);
            if (state.perClient[held->second->client] > _limits.maxHeldPerClient)
                drop(fd, "client_cap", nullptr);
        }
    }
    while (!state.order.empty())
        drop(state.order.front().fd, "shutdown", nullptr);
    ::close(epoll);
}

} // namespace bridge
} // namespace jji
