#include "jji/test/FakePushService.h"

#include "jji/test/ServerProcess.h"

#include <Poco/JSON/Parser.h>

#include <boost/process.hpp>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace bp = boost::process;

namespace jji {
namespace test {

struct FakePushService::Impl
{
    bp::ipstream out;
    bp::child child;
};

FakePushService::FakePushService() : _impl(new Impl)
{
    _impl->child = bp::child(fakesDir() + "/fake-push-service", _dir.file("received.log"), bp::std_out > _impl->out,
                             bp::std_in < bp::null);
    std::string line;
    if (!std::getline(_impl->out, line))
        throw std::runtime_error("fake-push-service did not start");
    Poco::JSON::Object::Ptr ready = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
    _port = ready->getValue<int>("port");
    _ca = ready->getValue<std::string>("ca");
    _vapidPrivate = ready->getValue<std::string>("vapid_private");
    _vapidPublic = ready->getValue<std::string>("vapid_public");
    _p256dh = ready->getValue<std::string>("p256dh");
    _auth = ready->getValue<std::string>("auth");
}

FakePushService::~FakePushService()
{
    std::error_code ec;
    _impl->child.terminate(ec);
    _impl->child.wait(ec);
}

std::vector<Poco::JSON::Object::Ptr> FakePushService::received(std::size_t count, int seconds) const
{
    std::vector<Poco::JSON::Object::Ptr> messages;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    do {
        messages.clear();
        std::ifstream in(_dir.file("received.log"));
        std::string line;
        while (std::getline(in, line))
            messages.push_back(Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>());
        if (messages.size() >= count)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    return messages;
}

} // namespace test
} // namespace jji
