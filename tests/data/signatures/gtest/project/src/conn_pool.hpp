#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace blobstore {

struct Connection {
  int fd = -1;
  int serial = 0;
  ~Connection();
};

// A bounded pool of TCP connections to one endpoint.
class ConnectionPool {
 public:
  ConnectionPool(std::string host, std::uint16_t port, std::size_t maxSize);
  ~ConnectionPool();

  Connection* acquire();
  void release(Connection* c);
  // Runs fn with a pooled connection and gives it back afterwards.
  void withConnection(const std::function<void(Connection&)>& fn);

  std::size_t inUse() const;
  std::size_t opened() const;
  const std::string& id() const { return id_; }
  std::string endpoint() const { return host_ + ":" + std::to_string(port_); }
  std::string describeLeases() const;

 private:
  std::unique_ptr<Connection> connect();

  std::string id_;
  std::string host_;
  std::uint16_t port_;
  std::size_t maxSize_;
  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> idle_;
  std::vector<Connection*> leased_;
};

}  // namespace blobstore
