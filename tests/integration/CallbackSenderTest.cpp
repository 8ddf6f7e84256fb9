// Callback delivery against a real local HTTP receiver that can fail on purpose.
#include "jji/analysis/notify/CallbackSender.h"
#include "jji/test/CallbackReceiver.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

using jji::analysis::CallbackSender;
using namespace std::chrono_literals;

namespace {

/// Captures log lines so the test can check no header value was logged.
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

} // namespace

class CallbackSenderTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CallbackSenderTest);
    CPPUNIT_TEST(deliversBodyAndHeaders);
    CPPUNIT_TEST(retriesAfterAFailureWithoutLoggingSecrets);
    CPPUNIT_TEST(givesUpAfterTheLastAttempt);
    CPPUNIT_TEST(unreachableReceiverIsNotAnException);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<jji::test::CallbackReceiver> _receiver;
    Poco::AutoPtr<CapturingChannel> _log;

    std::string url() const { return _receiver->url("/hook?token=query-secret"); }
    static CallbackSender::Policy fast(int attempts) { return {attempts, 20ms, 5}; }

public:
    void setUp() override
    {
        _receiver = std::make_unique<jji::test::CallbackReceiver>();
        _log = new CapturingChannel;
        Poco::Logger::get("jji.callback").setChannel(_log);
        Poco::Logger::get("jji.callback").setLevel(Poco::Message::PRIO_INFORMATION);
    }

    void tearDown() override
    {
        _receiver.reset();
    }

    void deliversBodyAndHeaders()
    {
        CPPUNIT_ASSERT(CallbackSender::deliver(url(), {{"Authorization", "Bearer secret-token"}}, R"({"status":"completed"})", fast(3)));
        CPPUNIT_ASSERT_EQUAL(1, _receiver->calls());
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":"completed"})"), _receiver->lastBody());
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer secret-token"), _receiver->lastHeader("Authorization"));
    }

    void retriesAfterAFailureWithoutLoggingSecrets()
    {
        _receiver->failFirst(1);
        CPPUNIT_ASSERT(CallbackSender::deliver(url(), {{"Authorization", "Bearer secret-token"}}, "{}", fast(3)));
        CPPUNIT_ASSERT_EQUAL(2, _receiver->calls());
        std::string log = _log->text();
        CPPUNIT_ASSERT_MESSAGE(log, log.find("attempt 1/3 failed: HTTP 500") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("attempt 2/3: HTTP 200") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("Authorization") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("secret-token") == std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("query-secret") == std::string::npos);
    }

    void givesUpAfterTheLastAttempt()
    {
        _receiver->failFirst(10);
        CPPUNIT_ASSERT(!CallbackSender::deliver(url(), {}, "{}", fast(3)));
        CPPUNIT_ASSERT_EQUAL(3, _receiver->calls());
    }

    void unreachableReceiverIsNotAnException()
    {
        CPPUNIT_ASSERT(!CallbackSender::deliver("http://127.0.0.1:1/hook", {}, "{}", fast(2)));
        CPPUNIT_ASSERT(!CallbackSender::deliver("not a url at all ::", {}, "{}", fast(1)));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CallbackSenderTest);
