#ifndef JJI_TEST_FAKEJENKINS_H
#define JJI_TEST_FAKEJENKINS_H

#include "jji/test/TempDir.h"

#include <memory>
#include <string>

namespace jji {
namespace test {

/// Runs tests/fakes/fake-jenkins on a free loopback port with a JSON fixture (see the
/// script for its shape); stopped when destroyed.
class FakeJenkins
{
public:
    explicit FakeJenkins(const std::string& fixtureJson);
    ~FakeJenkins();
    FakeJenkins(const FakeJenkins&) = delete;
    FakeJenkins& operator=(const FakeJenkins&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(_port); }

private:
    struct Impl;
    TempDir _dir;
    int _port = 0;
    std::unique_ptr<Impl> _impl;
};

} // namespace test
} // namespace jji

#endif
