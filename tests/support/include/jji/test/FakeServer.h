#ifndef JJI_TEST_FAKESERVER_H
#define JJI_TEST_FAKESERVER_H

#include "jji/test/TempDir.h"

#include <map>
#include <memory>
#include <string>

namespace jji {
namespace test {

/// Runs one of the tests/fakes servers (a script taking a JSON fixture file and printing
/// "listening on port N") on a free loopback port; stopped when destroyed.
class FakeServer
{
public:
    FakeServer(const std::string& script, const std::string& fixtureJson,
               const std::map<std::string, std::string>& env = {});
    virtual ~FakeServer();
    FakeServer(const FakeServer&) = delete;
    FakeServer& operator=(const FakeServer&) = delete;

    int port() const { return _port; }
    std::string url(const std::string& scheme = "http") const { return scheme + "://127.0.0.1:" + std::to_string(_port); }

protected:
    TempDir _dir;

private:
    struct Impl;
    int _port = 0;
    std::unique_ptr<Impl> _impl;
};

} // namespace test
} // namespace jji

#endif
