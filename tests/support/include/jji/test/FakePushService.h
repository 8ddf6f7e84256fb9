#ifndef JJI_TEST_FAKEPUSHSERVICE_H
#define JJI_TEST_FAKEPUSHSERVICE_H

#include "jji/test/TempDir.h"

#include <Poco/JSON/Object.h>

#include <memory>
#include <string>
#include <vector>

namespace jji {
namespace test {

/// Runs tests/fakes/fake-push-service: an HTTPS push service on localhost that verifies
/// VAPID and decrypts messages; stopped when destroyed.
class FakePushService
{
public:
    FakePushService();
    ~FakePushService();
    FakePushService(const FakePushService&) = delete;
    FakePushService& operator=(const FakePushService&) = delete;

    std::string endpoint(const std::string& path) const { return "https://localhost:" + std::to_string(_port) + path; }
    const std::string& caFile() const { return _ca; }
    const std::string& vapidPrivate() const { return _vapidPrivate; }
    const std::string& vapidPublic() const { return _vapidPublic; }
    const std::string& p256dh() const { return _p256dh; }
    const std::string& auth() const { return _auth; }

    /// The messages received so far ({path, ok, payload | error}), waiting up to
    /// `seconds` for at least `count` of them.
    std::vector<Poco::JSON::Object::Ptr> received(std::size_t count = 0, int seconds = 10) const;

private:
    struct Impl;
    TempDir _dir;
    int _port = 0;
    std::string _ca, _vapidPrivate, _vapidPublic, _p256dh, _auth;
    std::unique_ptr<Impl> _impl;
};

} // namespace test
} // namespace jji

#endif
