#ifndef JJI_TEST_CAPTURINGCHANNEL_H
#define JJI_TEST_CAPTURINGCHANNEL_H

#include <Poco/Channel.h>
#include <Poco/Message.h>

#include <mutex>
#include <string>

namespace jji {
namespace test {

/// A Poco log channel that keeps every message text, one per line, so a test can check
/// what was logged (and that no secret was).
class CapturingChannel : public Poco::Channel
{
public:
    void log(const Poco::Message& message) override
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _text += message.getText() + "\n";
    }

    std::string text()
    {
        std::lock_guard<std::mutex> lock(_mutex);
        return _text;
    }

private:
    std::mutex _mutex;
    std::string _text;
};

} // namespace test
} // namespace jji

#endif
