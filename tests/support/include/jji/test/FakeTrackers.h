#ifndef JJI_TEST_FAKETRACKERS_H
#define JJI_TEST_FAKETRACKERS_H

#include "jji/test/FakeServer.h"

#include <Poco/JSON/Object.h>

#include <vector>

namespace jji {
namespace test {

/// tests/fakes/fake-trackers (GitHub, Jira Cloud/Server, Report Portal) with a JSON
/// fixture; every request it receives can be read back.
class FakeTrackers : public FakeServer
{
public:
    explicit FakeTrackers(const std::string& fixtureJson);
    ~FakeTrackers() override;

    /// The requests received so far: {tracker, method, path, query, auth, body}.
    std::vector<Poco::JSON::Object::Ptr> requests() const;
    /// Those of one tracker ("github", "jira", "reportportal") and method.
    std::vector<Poco::JSON::Object::Ptr> requests(const std::string& tracker, const std::string& method) const;

private:
    FakeTrackers(const std::string& fixtureJson, const std::string& log);

    std::string _log;
};

} // namespace test
} // namespace jji

#endif
