// The bridge's request handling over real HTTP: an in-process Poco HTTPServer with the
// production RequestDispatcher and a small route table exercising the shared helpers.
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/RequestDispatcher.h"
#include "jji/storage/StorageError.h"
#include "jji/bridge/http/Router.h"
#include "jji/test/HttpClient.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>

#include <cppunit/extensions/HelperMacros.h>

#include <memory>

using namespace jji::bridge;
using jji::test::HttpClient;

class DispatcherTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(DispatcherTest);
    CPPUNIT_TEST(validBodyIsEchoed);
    CPPUNIT_TEST(storageFailuresHaveTheirOwnStatus);
    CPPUNIT_TEST(malformedJsonIs400);
    CPPUNIT_TEST(nonObjectBodyIs422);
    CPPUNIT_TEST(wrongTypeIs422WithFieldLoc);
    CPPUNIT_TEST(missingFieldIs422);
    CPPUNIT_TEST(oversizeBodyIs413);
    CPPUNIT_TEST(oversizeChunkedBodyIs413);
    CPPUNIT_TEST(deeplyNestedJsonIsRejectedNotCrashed);
    CPPUNIT_TEST(unknownRouteIs404Json);
    CPPUNIT_TEST(wrongMethodIs405JsonWithAllow);
    CPPUNIT_TEST(badQueryValueIs422);
    CPPUNIT_TEST(pathParamsReachTheHandler);
    CPPUNIT_TEST(handlerExceptionIs500WithoutDetails);
    CPPUNIT_TEST_SUITE_END();

    Router _router;
    std::unique_ptr<Poco::Net::HTTPServer> _server;
    std::unique_ptr<HttpClient> _http;

public:
    void setUp() override
    {
        _router = Router();
        _router.add("POST", "/echo", [](Exchange& ex) {
            auto body = ex.jsonObject();
            ValidationErrors errors;
            FieldReader reader(body, {"body"}, errors);
            std::string name = reader.requiredString("job_name");
            long long build = reader.requiredInt("build_number");
            errors.raiseIfAny();
            Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
            out->set("job_name", name);
            out->set("build_number", build);
            ex.sendJson(200, out);
        });
        _router.add("GET", "/items", [](Exchange& ex) {
            long long limit = ex.queryInt("limit", 50, {std::nullopt, 0, 100});
            Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
            out->set("limit", limit);
            ex.sendJson(200, out);
        });
        _router.add("GET", "/things/{id}/{rest:path}", [](Exchange& ex) {
            Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
            out->set("id", ex.pathParam("id"));
            out->set("rest", ex.pathParam("rest"));
            ex.sendJson(200, out);
        });
        _router.add("GET", "/boom", [](Exchange&) { throw std::runtime_error("secret internals"); });
        _router.add("GET", "/db-busy", [](Exchange&) { throw jji::storage::DatabaseBusy("every connection in use"); });
        _router.add("GET", "/disk-full", [](Exchange&) { throw jji::storage::StorageFull("database or disk is full"); });
        _router.add("GET", "/job-gone", [](Exchange&) { throw jji::storage::MissingParent("FOREIGN KEY constraint failed"); });

        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
        _server = std::make_unique<Poco::Net::HTTPServer>(new RequestDispatcher(_router, 1024 * 1024), socket,
                                                          new Poco::Net::HTTPServerParams);
        _server->start();
        _http = std::make_unique<HttpClient>("127.0.0.1", _server->port());
    }

    void tearDown() override
    {
        _server->stopAll(true);
        _server.reset();
    }

    void validBodyIsEchoed()
    {
        auto r = _http->postJson("/echo", R"({"job_name":"a","build_number":"12"})");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT_EQUAL(12, r.json()->getValue<int>("build_number"));
    }

    void storageFailuresHaveTheirOwnStatus()
    {
        auto busy = _http->get("/db-busy");
        CPPUNIT_ASSERT_EQUAL(503, busy.status);
        CPPUNIT_ASSERT_EQUAL(std::string("2"), busy.header("Retry-After"));
        auto full = _http->get("/disk-full");
        CPPUNIT_ASSERT_EQUAL(507, full.status);
        CPPUNIT_ASSERT(full.body.find("nothing was saved") != std::string::npos);
        auto gone = _http->get("/job-gone");
        CPPUNIT_ASSERT_EQUAL(404, gone.status);
        CPPUNIT_ASSERT(gone.body.find("FOREIGN KEY") == std::string::npos); // no driver text leaks
    }

    void malformedJsonIs400()
    {
        auto r = _http->postJson("/echo", R"({"job_name": )");
        CPPUNIT_ASSERT_EQUAL(400, r.status);
        CPPUNIT_ASSERT(r.json()->getValue<std::string>("detail").find("Invalid JSON") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("application/json"), r.header("Content-Type"));
    }

    void nonObjectBodyIs422()
    {
        auto r = _http->postJson("/echo", "[1,2]");
        CPPUNIT_ASSERT_EQUAL(422, r.status);
        auto item = r.json()->getArray("detail")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("model_attributes_type"), item->getValue<std::string>("type"));
    }

    void wrongTypeIs422WithFieldLoc()
    {
        auto r = _http->postJson("/echo", R"({"job_name":"a","build_number":"not-a-number"})");
        CPPUNIT_ASSERT_EQUAL(422, r.status);
        auto item = r.json()->getArray("detail")->getObject(0);
        CPPUNIT_ASSERT_EQUAL(std::string("int_parsing"), item->getValue<std::string>("type"));
        auto loc = item->getArray("loc");
        CPPUNIT_ASSERT_EQUAL(std::string("body"), loc->getElement<std::string>(0));
        CPPUNIT_ASSERT_EQUAL(std::string("build_number"), loc->getElement<std::string>(1));
        CPPUNIT_ASSERT_EQUAL(std::string("not-a-number"), item->getValue<std::string>("input"));
        CPPUNIT_ASSERT(item->has("msg"));
    }

    void missingFieldIs422()
    {
        auto r = _http->postJson("/echo", R"({})");
        CPPUNIT_ASSERT_EQUAL(422, r.status);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.json()->getArray("detail")->size());
    }

    void oversizeBodyIs413()
    {
        std::string big = "{\"job_name\":\"" + std::string(2 * 1024 * 1024, 'x') + "\",\"build_number\":1}";
        auto r = _http->postJson("/echo", big);
        CPPUNIT_ASSERT_EQUAL(413, r.status);
        CPPUNIT_ASSERT(r.json()->getValue<std::string>("detail").find("too large") != std::string::npos);
    }

    void oversizeChunkedBodyIs413()
    {
        // No Content-Length: the limit must hold while streaming too.
        Poco::Net::HTTPClientSession session("127.0.0.1", _server->port());
        Poco::Net::HTTPRequest request("POST", "/echo", Poco::Net::HTTPMessage::HTTP_1_1);
        request.setChunkedTransferEncoding(true);
        request.setContentType("application/json");
        std::ostream& out = session.sendRequest(request);
        std::string chunk(64 * 1024, 'x');
        for (int i = 0; i < 40 && out; ++i)
            out << chunk;
        Poco::Net::HTTPResponse response;
        try {
            session.receiveResponse(response);
            CPPUNIT_ASSERT_EQUAL(413, static_cast<int>(response.getStatus()));
        } catch (const Poco::Exception&) {
            // The server may close before the client finishes sending; that is a refusal too.
        }
    }

    void deeplyNestedJsonIsRejectedNotCrashed()
    {
        std::string bomb = std::string(100000, '[') + std::string(100000, ']');
        auto r = _http->postJson("/echo", bomb);
        CPPUNIT_ASSERT_EQUAL(400, r.status);
        CPPUNIT_ASSERT_EQUAL(200, _http->postJson("/echo", R"({"job_name":"a","build_number":1})").status);
    }

    void unknownRouteIs404Json()
    {
        auto r = _http->get("/does/not/exist");
        CPPUNIT_ASSERT_EQUAL(404, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Not Found"), r.json()->getValue<std::string>("detail"));
    }

    void wrongMethodIs405JsonWithAllow()
    {
        auto r = _http->request("DELETE", "/echo");
        CPPUNIT_ASSERT_EQUAL(405, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Method Not Allowed"), r.json()->getValue<std::string>("detail"));
        CPPUNIT_ASSERT_EQUAL(std::string("POST"), r.header("Allow"));
    }

    void badQueryValueIs422()
    {
        CPPUNIT_ASSERT_EQUAL(200, _http->get("/items?limit=100").status);
        auto r = _http->get("/items?limit=101");
        CPPUNIT_ASSERT_EQUAL(422, r.status);
        auto loc = r.json()->getArray("detail")->getObject(0)->getArray("loc");
        CPPUNIT_ASSERT_EQUAL(std::string("query"), loc->getElement<std::string>(0));
        CPPUNIT_ASSERT_EQUAL(std::string("limit"), loc->getElement<std::string>(1));
        CPPUNIT_ASSERT_EQUAL(422, _http->get("/items?limit=abc").status);
    }

    void pathParamsReachTheHandler()
    {
        auto r = _http->get("/things/42/a/b%20c/d");
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("42"), r.json()->getValue<std::string>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("a/b c/d"), r.json()->getValue<std::string>("rest"));
    }

    void handlerExceptionIs500WithoutDetails()
    {
        auto r = _http->get("/boom");
        CPPUNIT_ASSERT_EQUAL(500, r.status);
        CPPUNIT_ASSERT(r.body.find("secret internals") == std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DispatcherTest);
