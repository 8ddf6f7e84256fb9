#ifndef JJI_TEST_FAKEJENKINS_H
#define JJI_TEST_FAKEJENKINS_H

#include "jji/test/FakeServer.h"

namespace jji {
namespace test {

/// tests/fakes/fake-jenkins with a JSON fixture (see the script for its shape).
class FakeJenkins : public FakeServer
{
public:
    explicit FakeJenkins(const std::string& fixtureJson) : FakeServer("fake-jenkins", fixtureJson) {}
};

} // namespace test
} // namespace jji

#endif
