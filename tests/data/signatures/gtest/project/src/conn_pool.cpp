#include "conn_pool.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <sstream>
#include <stdexcept>

namespace blobstore {

Connection::~Connection() {
  if (fd >= 0) ::close(fd);
}

static std::string randomPoolId() {
  std::random_device rd;
  char buf[16];
  std::snprintf(buf, sizeof buf, "pool-%04x", static_cast<unsigned>(rd() & 0xffff));
  return buf;
}

ConnectionPool::ConnectionPool(std::string host, std::uint16_t port, std::size_t maxSize)
    : id_(randomPoolId()), host_(std::move(host)), port_(port), maxSize_(maxSize) {}

ConnectionPool::~ConnectionPool() = default;

std::unique_ptr<Connection> ConnectionPool::connect() {
  auto c = std::make_unique<Connection>();
  c->fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  ::inet_pton(AF_INET, host_.c_str(), &addr.sin_addr);
  if (::connect(c->fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    throw std::runtime_error("[" + id_ + "] connect to " + endpoint() + " failed: " +
                             std::strerror(errno));
  }
  c->serial = static_cast<int>(all_.size()) + 1;
  return c;
}

Connection* ConnectionPool::acquire() {
  std::lock_guard<std::mutex> lock(mu_);
  if (all_.size() >= maxSize_) {
    std::ostringstream msg;
    msg << "[" << id_ << "] pool exhausted: " << leased_.size() << " leased, "
        << all_.size() << "/" << maxSize_ << " connections open to " << endpoint();
    throw std::runtime_error(msg.str());
  }
  all_.push_back(connect());
  Connection* c = all_.back().get();
  leased_.push_back(c);
  return c;
}

void ConnectionPool::release(Connection* c) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::find(leased_.begin(), leased_.end(), c);
  if (it == leased_.end()) {
    throw std::logic_error("[" + id_ + "] release of a connection not leased from this pool");
  }
  leased_.erase(it);
  idle_.push_back(c);
}

void ConnectionPool::withConnection(const std::function<void(Connection&)>& fn) {
  Connection* c = acquire();
  fn(*c);
  release(c);
}

std::size_t ConnectionPool::inUse() const {
  std::lock_guard<std::mutex> lock(mu_);
  return leased_.size();
}

std::size_t ConnectionPool::opened() const {
  std::lock_guard<std::mutex> lock(mu_);
  return all_.size();
}

std::string ConnectionPool::describeLeases() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream out;
  out << "[" << id_ << "] " << leased_.size() << " lease(s) outstanding to " << endpoint();
  for (const Connection* c : leased_) {
    out << "\n  connection #" << c->serial << " at " << static_cast<const void*>(c)
        << " fd=" << c->fd;
  }
  return out.str();
}

}  // namespace blobstore
