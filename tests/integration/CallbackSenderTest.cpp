// Callback delivery against a real local HTTP receiver that can fail on purpose.
#include "jji/analysis/CallbackSender.h"

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

/// Receives callbacks; answers 500 to the first `failures` of them.
struct Receiver
{
    std::atomic<int> failures{0};
    std::atomic<int> calls{0};
    std::mutex mutex;
    std::string lastBody, lastAuthorization;
};

class ReceiverHandler : public Poco::Net::HTTPRequestHandler
{
public:
    explicit ReceiverHandler(Receiver& r) : _r(r) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        std::string body;
        Poco::StreamCopier::copyToString(request.stream(), body);
        int call = ++_r.calls;
        {
            std::lock_guard<std::mutex> lock(_r.mutex);
            _r.lastBody = body;
            _r.lastAuthorization = request.get("Authorization", "");
        }
        response.setStatus(call <= _r.failures ? Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR
                                               : Poco::Net::HTTPResponse::HTTP_OK);
        response.setContentLength(0);
        response.send();
    }

private:
    Receiver& _r;
};

class ReceiverFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit ReceiverFactory(Receiver& r) : _r(r) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new ReceiverHandler(_r);
    }

private:
    Receiver& _r;
};

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

    Receiver _receiver;
    std::unique_ptr<Poco::Net::HTTPServer> _server;
    Poco::AutoPtr<CapturingChannel> _log;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(_server->port()) + "/hook?token=query-secret"; }
    static CallbackSender::Policy fast(int attempts) { return {attempts, 20ms, 5}; }

public:
    void setUp() override
    {
        _receiver.failures = 0;
        _receiver.calls = 0;
        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
        _server = std::make_unique<Poco::Net::HTTPServer>(new ReceiverFactory(_receiver), socket, new Poco::Net::HTTPServerParams);
        _server->start();
        _log = new CapturingChannel;
        Poco::Logger::get("jji.callback").setChannel(_log);
        Poco::Logger::get("jji.callback").setLevel(Poco::Message::PRIO_INFORMATION);
    }

    void tearDown() override
    {
        _server->stopAll(true);
        _server.reset();
    }

    void deliversBodyAndHeaders()
    {
        CPPUNIT_ASSERT(CallbackSender::deliver(url(), {{"Authorization", "Bearer secret-token"}}, R"({"status":"completed"})", fast(3)));
        CPPUNIT_ASSERT_EQUAL(1, _receiver.calls.load());
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":"completed"})"), _receiver.lastBody);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer secret-token"), _receiver.lastAuthorization);
    }

    void retriesAfterAFailureWithoutLoggingSecrets()
    {
        _receiver.failures = 1;
        CPPUNIT_ASSERT(CallbackSender::deliver(url(), {{"Authorization", "Bearer secret-token"}}, "{}", fast(3)));
        CPPUNIT_ASSERT_EQUAL(2, _receiver.calls.load());
        std::string log = _log->text();
        CPPUNIT_ASSERT_MESSAGE(log, log.find("attempt 1/3 failed: HTTP 500") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("attempt 2/3: HTTP 200") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("Authorization") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("secret-token") == std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("query-secret") == std::string::npos);
    }

    void givesUpAfterTheLastAttempt()
    {
        _receiver.failures = 10;
        CPPUNIT_ASSERT(!CallbackSender::deliver(url(), {}, "{}", fast(3)));
        CPPUNIT_ASSERT_EQUAL(3, _receiver.calls.load());
    }

    void unreachableReceiverIsNotAnException()
    {
        CPPUNIT_ASSERT(!CallbackSender::deliver("http://127.0.0.1:1/hook", {}, "{}", fast(2)));
        CPPUNIT_ASSERT(!CallbackSender::deliver("not a url at all ::", {}, "{}", fast(1)));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CallbackSenderTest);
