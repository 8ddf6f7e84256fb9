// Web Push for mentions end to end: the real daemon sends RFC 8291/8292 messages to a
// fake HTTPS push service that verifies the VAPID JWT and decrypts the payload.
#include "jji/test/FakePushService.h"
#include "jji/test/ServerProcess.h"

#include <Poco/JSON/Parser.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <thread>

using jji::test::FakePushService;
using jji::test::HttpResponse;
using jji::test::ServerProcess;
using Poco::JSON::Object;

class WebPushTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(WebPushTest);
    CPPUNIT_TEST(endpointsAre404WithoutVapid);
    CPPUNIT_TEST(unusableKeysAre503);
    CPPUNIT_TEST(mentionIsPushedEncryptedAndSigned);
    CPPUNIT_TEST(subscriptionsAreValidatedCappedAndPruned);
    CPPUNIT_TEST(internalEndpointsAreRefused);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<FakePushService> _push;
    std::unique_ptr<ServerProcess> _server;

    void start(std::map<std::string, std::string> extra)
    {
        std::map<std::string, std::string> env{{"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"},
                                               {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"},
                                               {"PUBLIC_BASE_URL", "https://jji.example.com"}};
        for (const auto& [k, v] : extra)
            env[k] = v;
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
    }

    std::map<std::string, std::string> vapid() const
    {
        return {{"VAPID_PUBLIC_KEY", _push->vapidPublic()}, {"VAPID_PRIVATE_KEY", _push->vapidPrivate()},
                {"VAPID_CLAIM_EMAIL", "ops@example.com"}, {"JJI_PUSH_CA_FILE", _push->caFile()},
                {"JJI_CALLBACK_ALLOW_HOSTS", "127.0.0.1"}}; // the push service fake listens on loopback
    }

    static std::map<std::string, std::string> as(const std::string& user) { return {{"Cookie", "jji_username=" + user}}; }

    HttpResponse subscribe(const std::string& endpoint, const std::string& user = "bob") const
    {
        return _server->http().postJson("/api/notifications/subscribe",
                                        R"({"endpoint":")" + endpoint + R"(","p256dh_key":")" + _push->p256dh() +
                                            R"(","auth_key":")" + _push->auth() + "\"}",
                                        as(user));
    }

    HttpResponse unsubscribe(const std::string& endpoint, const std::string& user = "bob") const
    {
        return _server->http().postJson("/api/notifications/unsubscribe", R"({"endpoint":")" + endpoint + "\"}", as(user));
    }

    std::string mentionBob(const std::string& text = "@bob please look") const
    {
        HttpResponse job = _server->http().postJson("/analyze-failures",
                                                    R"({"failures":[{"test_name":"t.a","error_message":"AssertionError: x"}]})");
        const std::string id = job.json()->getValue<std::string>("job_id");
        HttpResponse c = _server->http().postJson("/results/" + id + "/comments",
                                                  R"({"test_name":"t.a","comment":")" + text + "\"}", as("alice"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(c.body, 201, c.status);
        return id;
    }

public:
    void setUp() override { _push = std::make_unique<FakePushService>(); }
    void tearDown() override
    {
        _server.reset();
        _push.reset();
    }

    void endpointsAre404WithoutVapid()
    {
        start({});
        CPPUNIT_ASSERT_EQUAL(404, _server->http().get("/api/notifications/vapid-public-key").status);
        CPPUNIT_ASSERT_EQUAL(404, subscribe(_push->endpoint("/sub/1")).status);
        CPPUNIT_ASSERT_EQUAL(404, unsubscribe(_push->endpoint("/sub/1")).status);
        mentionBob(); // a mention without push configured is just a mention
        CPPUNIT_ASSERT(_push->received(0, 0).empty());
    }

    void unusableKeysAre503()
    {
        auto env = vapid();
        env["VAPID_PUBLIC_KEY"] = _push->p256dh(); // a valid point, but not this private key's
        start(env);
        CPPUNIT_ASSERT_EQUAL(503, _server->http().get("/api/notifications/vapid-public-key").status);
    }

    void mentionIsPushedEncryptedAndSigned()
    {
        start(vapid());
        HttpResponse key = _server->http().get("/api/notifications/vapid-public-key");
        CPPUNIT_ASSERT_EQUAL(200, key.status);
        CPPUNIT_ASSERT_EQUAL(_push->vapidPublic(), key.json()->getValue<std::string>("vapid_public_key"));
        HttpResponse sub = subscribe(_push->endpoint("/sub/bob-laptop"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(sub.body, 200, sub.status);
        CPPUNIT_ASSERT_EQUAL(std::string("subscribed"), sub.json()->getValue<std::string>("status"));

        const std::string jobId = mentionBob("@bob the checkout bug is back");
        auto messages = _push->received(1);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), messages.size());
        Object::Ptr m = messages.front();
        CPPUNIT_ASSERT_MESSAGE(m->optValue<std::string>("error", ""), m->getValue<bool>("ok"));
        CPPUNIT_ASSERT_EQUAL(std::string("/sub/bob-laptop"), m->getValue<std::string>("path"));
        Object::Ptr payload = Poco::JSON::Parser().parse(m->getValue<std::string>("payload")).extract<Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(std::string("alice mentioned you"), payload->getValue<std::string>("title"));
        CPPUNIT_ASSERT_EQUAL("https://jji.example.com/results/" + jobId + ".html", payload->getValue<std::string>("url"));
        CPPUNIT_ASSERT(payload->getValue<std::string>("body").find("checkout bug") != std::string::npos);

        // Nobody subscribed is mentioned: nothing more is sent.
        mentionBob("@carol fyi");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), _push->received(2, 2).size());
    }

    /// A subscription endpoint is a URL the daemon POSTs to: internal hosts are refused
    /// unless JJI_CALLBACK_ALLOW_HOSTS lists them, as for callbacks.
    void internalEndpointsAreRefused()
    {
        auto env = vapid();
        env["JJI_CALLBACK_ALLOW_HOSTS"] = "";
        start(env);
        for (const std::string& endpoint : {_push->endpoint("/sub/device"), std::string("https://169.254.169.254/push"),
                                           std::string("https://[fd00::1]/push")}) {
            HttpResponse r = subscribe(endpoint);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(endpoint + ": " + r.body, 422, r.status);
            CPPUNIT_ASSERT_MESSAGE(r.body, r.body.find("list it in JJI_CALLBACK_ALLOW_HOSTS") != std::string::npos);
        }
    }

    void subscriptionsAreValidatedCappedAndPruned()
    {
        start(vapid());
        CPPUNIT_ASSERT_EQUAL(401, _server->http().postJson("/api/notifications/subscribe", R"({"endpoint":"https://x/y"})").status);
        CPPUNIT_ASSERT_EQUAL(422, subscribe("http://localhost/insecure").status);
        CPPUNIT_ASSERT_EQUAL(422, subscribe("https://localhost/" + std::string(2100, 'a')).status);
        CPPUNIT_ASSERT_EQUAL(422, _server->http().postJson("/api/notifications/subscribe", R"({"endpoint":"https://x/y"})", as("bob")).status);

        for (int i = 0; i < 12; ++i) // at most 10 per user: the two oldest go
            CPPUNIT_ASSERT_EQUAL(200, subscribe(_push->endpoint("/sub/device-" + std::to_string(i))).status);
        CPPUNIT_ASSERT_EQUAL(404, unsubscribe(_push->endpoint("/sub/device-0")).status);
        CPPUNIT_ASSERT_EQUAL(404, unsubscribe(_push->endpoint("/sub/device-1")).status);
        CPPUNIT_ASSERT_EQUAL(404, unsubscribe(_push->endpoint("/sub/device-2"), "carol").status); // not carol's
        HttpResponse removed = unsubscribe(_push->endpoint("/sub/device-2"));
        CPPUNIT_ASSERT_EQUAL(200, removed.status);
        CPPUNIT_ASSERT_EQUAL(std::string("unsubscribed"), removed.json()->getValue<std::string>("status"));
        for (int i = 3; i < 12; ++i)
            CPPUNIT_ASSERT_EQUAL(200, unsubscribe(_push->endpoint("/sub/device-" + std::to_string(i))).status);

        // A subscription the push service says is gone (410) is deleted after the attempt.
        subscribe(_push->endpoint("/gone/old-phone"));
        subscribe(_push->endpoint("/sub/new-phone"));
        mentionBob();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), _push->received(1).size());
        for (int i = 0; i < 100 && _server->log().find("removed a gone subscription of bob") == std::string::npos; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CPPUNIT_ASSERT_EQUAL(404, unsubscribe(_push->endpoint("/gone/old-phone")).status);
        CPPUNIT_ASSERT_EQUAL(200, unsubscribe(_push->endpoint("/sub/new-phone")).status);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(WebPushTest);
