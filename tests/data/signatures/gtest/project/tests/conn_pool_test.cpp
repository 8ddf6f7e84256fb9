#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <cerrno>
#include <stdexcept>
#include <system_error>

#include "conn_pool.hpp"

using blobstore::Connection;
using blobstore::ConnectionPool;

// A listening socket on an ephemeral loopback port stands in for the server.
class ConnectionPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    listenFd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(listenFd_, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    ASSERT_EQ(::bind(listenFd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(listenFd_, 16), 0);
    socklen_t len = sizeof addr;
    ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }

  void TearDown() override {
    if (pool_) {
      EXPECT_EQ(pool_->inUse(), 0u) << "connection leak: " << pool_->describeLeases();
    }
    pool_.reset();
    if (listenFd_ >= 0) ::close(listenFd_);
  }

  ConnectionPool& makePool(std::size_t maxSize) {
    pool_ = std::make_unique<ConnectionPool>("127.0.0.1", port_, maxSize);
    return *pool_;
  }

  int listenFd_ = -1;
  std::uint16_t port_ = 0;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(ConnectionPoolTest, AcquireOpensConnection) {
  auto& pool = makePool(2);
  Connection* c = pool.acquire();
  EXPECT_GE(c->fd, 0);
  pool.release(c);
}

TEST_F(ConnectionPoolTest, ReusesReleasedConnection) {
  auto& pool = makePool(1);
  Connection* first = pool.acquire();
  pool.release(first);
  Connection* second = pool.acquire();
  EXPECT_EQ(first, second);
  pool.release(second);
}

TEST_F(ConnectionPoolTest, ServesManySequentialRequests) {
  auto& pool = makePool(2);
  for (int i = 0; i < 5; ++i) {
    pool.withConnection([](Connection& c) { ASSERT_GE(c.fd, 0); });
  }
  EXPECT_LE(pool.opened(), 2u);
}

TEST_F(ConnectionPoolTest, ChurnKeepsOpenCountBounded) {
  auto& pool = makePool(3);
  for (int round = 0; round < 4; ++round) {
    Connection* c = pool.acquire();
    pool.release(c);
  }
  EXPECT_EQ(pool.opened(), 1u);
}

TEST_F(ConnectionPoolTest, PropagatesHandlerException) {
  auto& pool = makePool(2);
  EXPECT_THROW(pool.withConnection([](Connection&) { throw std::runtime_error("handler failed"); }),
               std::runtime_error);
}

TEST_F(ConnectionPoolTest, HandlerAssertionDoesNotPinConnection) {
  auto& pool = makePool(2);
  try {
    pool.withConnection([](Connection& c) {
      if (c.fd >= 0) throw std::invalid_argument("malformed reply");
    });
  } catch (const std::invalid_argument&) {
  }
  SUCCEED();
}

TEST_F(ConnectionPoolTest, HandlerTimeoutSurfacesToCaller) {
  auto& pool = makePool(1);
  EXPECT_THROW(pool.withConnection([](Connection&) {
                 throw std::system_error(ETIMEDOUT, std::generic_category(), "read reply");
               }),
               std::system_error);
}

TEST_F(ConnectionPoolTest, ExhaustedPoolRejectsAcquire) {
  auto& pool = makePool(1);
  Connection* c = pool.acquire();
  EXPECT_THROW(pool.acquire(), std::runtime_error);
  pool.release(c);
}
