#ifndef JJI_TEST_CALLBACKRECEIVER_H
#define JJI_TEST_CALLBACKRECEIVER_H

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

namespace Poco {
namespace Net {
class HTTPServer;
}
} // namespace Poco

namespace jji {
namespace test {

/// A real HTTP server on a free loopback port that records the callbacks POSTed to it
/// and answers 500 to the first `failFirst` of them (to exercise retries).
class CallbackReceiver
{
public:
    explicit CallbackReceiver(int failFirst = 0);
    ~CallbackReceiver();
    CallbackReceiver(const CallbackReceiver&) = delete;
    CallbackReceiver& operator=(const CallbackReceiver&) = delete;

    int port() const;
    std::string url(const std::string& pathAndQuery = "/hook") const;

    void failFirst(int n) { _state->failures = n; }
    int calls() const { return _state->calls; }
    std::string lastBody() const;
    std::string lastPath() const; ///< method and URI of the last request ("GET /api/v1/user")
    std::string lastHeader(const std::string& name) const;

    struct State
    {
        std::atomic<int> failures{0};
        std::atomic<int> calls{0};
        mutable std::mutex mutex;
        std::string lastBody;
        std::string lastPath;
        std::string lastHeaders; ///< "Name: value\n" lines
    };

private:
    std::shared_ptr<State> _state;
    std::unique_ptr<Poco::Net::HTTPServer> _server;
};

} // namespace test
} // namespace jji

#endif
