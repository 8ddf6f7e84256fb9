// Callback delivery against a real local HTTP receiver that can fail on purpose.
#include "jji/analysis/notify/CallbackSender.h"
#include "jji/test/CapturingChannel.h"
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
using jji::analysis::TargetPolicy;
using namespace std::chrono_literals;

using jji::test::CapturingChannel;

class CallbackSenderTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(CallbackSenderTest);
    CPPUNIT_TEST(deliversBodyAndHeaders);
    CPPUNIT_TEST(retriesAfterAFailureWithoutLoggingSecrets);
    CPPUNIT_TEST(givesUpAfterTheLastAttempt);
    CPPUNIT_TEST(unreachableReceiverIsNotAnException);
    CPPUNIT_TEST(internalTargetsAreRefusedUnlessAllowed);
    CPPUNIT_TEST(headerInjectionIsNeverSent);
    CPPUNIT_TEST(userinfoIsNeverLogged);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<jji::test::CallbackReceiver> _receiver;
    Poco::AutoPtr<CapturingChannel> _log;

    std::string url() const { return _receiver->url("/hook?token=query-secret"); }
    static CallbackSender::Policy fast(int attempts) { return {attempts, 20ms, 5}; }
    /// The receiver listens on loopback, which only an allow list opens.
    static TargetPolicy loopback() { return TargetPolicy({"127.0.0.1"}, "JJI_CALLBACK_ALLOW_HOSTS"); }

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
        CPPUNIT_ASSERT(CallbackSender::deliver(url(), {{"Authorization", "Bearer secret-token"}}, R"({"status":"completed"})", loopback(), fast(3)));
        CPPUNIT_ASSERT_EQUAL(1, _receiver->calls());
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":"completed"})"), _receiver->lastBody());
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer secret-token"), _receiver->lastHeader("Authorization"));
    }

    void retriesAfterAFailureWithoutLoggingSecrets()
    {
        _receiver->failFirst(1);
        CPPUNIT_ASSERT(CallbackSender::deliver(url(), {{"Authorization", "Bearer secret-token"}}, "{}", loopback(), fast(3)));
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
        CPPUNIT_ASSERT(!CallbackSender::deliver(url(), {}, "{}", loopback(), fast(3)));
        CPPUNIT_ASSERT_EQUAL(3, _receiver->calls());
    }

    void unreachableReceiverIsNotAnException()
    {
        CPPUNIT_ASSERT(!CallbackSender::deliver("http://127.0.0.1:1/hook", {}, "{}", loopback(), fast(2)));
        CPPUNIT_ASSERT(!CallbackSender::deliver("not a url at all ::", {}, "{}", loopback(), fast(1)));
    }

    void internalTargetsAreRefusedUnlessAllowed()
    {
        const TargetPolicy closed({}, "JJI_CALLBACK_ALLOW_HOSTS");
        CPPUNIT_ASSERT(!CallbackSender::deliver(url(), {}, "{}", closed, fast(2)));
        CPPUNIT_ASSERT_EQUAL(0, _receiver->calls()); // refused before connecting, on every try
        std::string log = _log->text();
        CPPUNIT_ASSERT_MESSAGE(log, log.find("attempt 2/2 failed: ") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("internal address (127.0.0.1); list it in JJI_CALLBACK_ALLOW_HOSTS") != std::string::npos);
        // A name is checked after resolution; metadata and private ranges are refused too.
        const std::string port = std::to_string(_receiver->port());
        CPPUNIT_ASSERT(!CallbackSender::deliver("http://localhost:" + port + "/hook", {}, "{}", closed, fast(1)));
        CPPUNIT_ASSERT_EQUAL(0, _receiver->calls());
        for (const char* host : {"169.254.169.254", "10.1.2.3", "192.168.0.1", "172.16.0.1", "100.64.0.1", "0.0.0.0",
                                 "224.0.0.1", "[::1]", "[fd00::1]", "[fe80::1]", "[::ffff:127.0.0.1]"}) {
            Poco::URI target(std::string("http://") + host + "/x");
            CPPUNIT_ASSERT_MESSAGE(host, !closed.refusal(target).empty());
        }
        CPPUNIT_ASSERT_EQUAL(std::string(""), closed.refusal(Poco::URI("http://93.184.216.34/x"))); // public: allowed
        // The allow list takes names, addresses and CIDR ranges.
        CPPUNIT_ASSERT(CallbackSender::deliver(url(), {}, "{}", TargetPolicy({"127.0.0.0/8"}, "X"), fast(1)));
        CPPUNIT_ASSERT(CallbackSender::deliver("http://localhost:" + port + "/hook", {}, "{}", TargetPolicy({"LOCALHOST"}, "X"), fast(1)));
        CPPUNIT_ASSERT_EQUAL(2, _receiver->calls());
    }

    void headerInjectionIsNeverSent()
    {
        CPPUNIT_ASSERT(!CallbackSender::deliver(url(), {{"X-Note", "a\r\nX-Smuggled: 1"}}, "{}", loopback(), fast(1)));
        CPPUNIT_ASSERT(!CallbackSender::deliver(url(), {{"X-Bad\r\nName", "v"}}, "{}", loopback(), fast(1)));
        CPPUNIT_ASSERT_EQUAL(0, _receiver->calls());
    }

    void userinfoIsNeverLogged()
    {
        const std::string withUser = "http://robot:pw-secret@127.0.0.1:" + std::to_string(_receiver->port()) + "/hook?sig=q-secret";
        CPPUNIT_ASSERT(CallbackSender::deliver(withUser, {}, "{}", loopback(), fast(1)));
        std::string log = _log->text();
        CPPUNIT_ASSERT_MESSAGE(log, log.find("callback to http://127.0.0.1:") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("pw-secret") == std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("robot") == std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(log, log.find("q-secret") == std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CallbackSenderTest);
