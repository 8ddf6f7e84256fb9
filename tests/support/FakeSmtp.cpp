#include "jji/test/FakeSmtp.h"

#include "jji/test/JsonLines.h"

#include <Poco/JSON/Stringifier.h>

#include <chrono>
#include <sstream>
#include <thread>

namespace jji {
namespace test {

FakeSmtp::FakeSmtp(const Options& options)
{
    Poco::JSON::Object fixture;
    fixture.set("log", _dir.file("mail.jsonl"));
    fixture.set("port", options.port);
    fixture.set("starttls", options.starttls);
    fixture.set("user", options.user);
    fixture.set("password", options.password);
    std::ostringstream json;
    fixture.stringify(json);
    _server = std::make_unique<FakeServer>("fake-smtp", json.str());
}

std::vector<Poco::JSON::Object::Ptr> FakeSmtp::messages(std::size_t count, int seconds) const
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    std::vector<Poco::JSON::Object::Ptr> received;
    for (;;) {
        try {
            received = readJsonLines(_dir.file("mail.jsonl"));
        } catch (const std::exception&) {
            // a line half written: read again
        }
        if (received.size() >= count || std::chrono::steady_clock::now() >= deadline)
            return received;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

} // namespace test
} // namespace jji
