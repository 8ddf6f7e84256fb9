#include "jji/bridge/http/Router.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::bridge::Exchange;
using jji::bridge::Router;

class RouterTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(RouterTest);
    CPPUNIT_TEST(literalPathMatches);
    CPPUNIT_TEST(segmentParameterIsCaptured);
    CPPUNIT_TEST(pathParameterTakesSlashes);
    CPPUNIT_TEST(pathParameterNeedsAtLeastOneSegment);
    CPPUNIT_TEST(unknownPathIsNotFound);
    CPPUNIT_TEST(wrongMethodListsAllowedMethods);
    CPPUNIT_TEST(literalBeatsParameter);
    CPPUNIT_TEST(literalOfOtherMethodLeavesParameterRoute);
    CPPUNIT_TEST(headIsServedByGet);
    CPPUNIT_TEST(pathParameterMayHaveALiteralTail);
    CPPUNIT_TEST_SUITE_END();

    static void noop(Exchange&) {}

    Router _router;

public:
    void setUp() override
    {
        _router = Router();
        _router.add("GET", "/health", noop);
        _router.add("GET", "/results/{job_id}", noop);
        _router.add("DELETE", "/results/{job_id}", noop);
        _router.add("POST", "/results/{job_id}/comments", noop);
        _router.add("DELETE", "/results/{job_id}/comments/{comment_id}", noop);
        _router.add("GET", "/history/test/{test_name:path}", noop);
        _router.add("GET", "/history/stats/{job_name:path}", noop);
        _router.add("GET", "/results/special", noop, "literal");
    }

    void literalPathMatches()
    {
        auto m = _router.match("GET", "/health");
        CPPUNIT_ASSERT(m.route);
        CPPUNIT_ASSERT_EQUAL(std::string("/health"), m.route->pathTemplate);
    }

    void segmentParameterIsCaptured()
    {
        auto m = _router.match("DELETE", "/results/abc-123/comments/7");
        CPPUNIT_ASSERT(m.route);
        CPPUNIT_ASSERT_EQUAL(std::string("abc-123"), m.params["job_id"]);
        CPPUNIT_ASSERT_EQUAL(std::string("7"), m.params["comment_id"]);
    }

    void pathParameterTakesSlashes()
    {
        auto m = _router.match("GET", "/history/test/tests/api/test_login.py::test_admin");
        CPPUNIT_ASSERT(m.route);
        CPPUNIT_ASSERT_EQUAL(std::string("tests/api/test_login.py::test_admin"), m.params["test_name"]);
        auto s = _router.match("GET", "/history/stats/folder/sub/job");
        CPPUNIT_ASSERT_EQUAL(std::string("folder/sub/job"), s.params["job_name"]);
    }

    void pathParameterNeedsAtLeastOneSegment()
    {
        CPPUNIT_ASSERT(!_router.match("GET", "/history/test/").route);
        CPPUNIT_ASSERT(!_router.match("GET", "/history/test").route);
    }

    void unknownPathIsNotFound()
    {
        auto m = _router.match("GET", "/nope");
        CPPUNIT_ASSERT(!m.route);
        CPPUNIT_ASSERT(m.allowedMethods.empty());
        CPPUNIT_ASSERT(!_router.match("GET", "/results/a/b/c").route);
        CPPUNIT_ASSERT(!_router.match("GET", "/results/").route);
    }

    void wrongMethodListsAllowedMethods()
    {
        auto m = _router.match("PUT", "/results/abc");
        CPPUNIT_ASSERT(!m.route);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), m.allowedMethods.size());
        CPPUNIT_ASSERT(m.allowedMethods.count("GET"));
        CPPUNIT_ASSERT(m.allowedMethods.count("DELETE"));
    }

    void literalBeatsParameter()
    {
        auto m = _router.match("GET", "/results/special");
        CPPUNIT_ASSERT(m.route);
        CPPUNIT_ASSERT_EQUAL(std::string("literal"), m.route->summary);
    }

    void literalOfOtherMethodLeavesParameterRoute()
    {
        // POST /results/special does not exist, so DELETE /results/{job_id} and GET both answer it
        // through their parameter; a POST to it is a 405 listing them.
        auto del = _router.match("DELETE", "/results/special");
        CPPUNIT_ASSERT(del.route);
        CPPUNIT_ASSERT_EQUAL(std::string("/results/{job_id}"), del.route->pathTemplate);
        CPPUNIT_ASSERT_EQUAL(std::string("special"), del.params.at("job_id"));
        auto post = _router.match("POST", "/results/special");
        CPPUNIT_ASSERT(!post.route);
        CPPUNIT_ASSERT(post.allowedMethods.count("GET") && post.allowedMethods.count("DELETE"));
    }

    void headIsServedByGet()
    {
        CPPUNIT_ASSERT(_router.match("HEAD", "/health").route);
    }

    void pathParameterMayHaveALiteralTail()
    {
        CPPUNIT_ASSERT_THROW(_router.add("GET", "/a/{x:path}/{y}", noop), std::logic_error);
        _router.add("GET", "/api/jobs/{job_name:path}/metadata", noop, "job metadata");
        _router.add("GET", "/api/jobs/metadata", noop, "all metadata");
        _router.add("GET", "/api/jobs/metadata/rules", noop, "rules");
        auto m = _router.match("GET", "/api/jobs/folder/sub/my-job/metadata");
        CPPUNIT_ASSERT(m.route);
        CPPUNIT_ASSERT_EQUAL(std::string("folder/sub/my-job"), m.params["job_name"]);
        CPPUNIT_ASSERT_EQUAL(std::string("all metadata"), _router.match("GET", "/api/jobs/metadata").route->summary);
        CPPUNIT_ASSERT_EQUAL(std::string("rules"), _router.match("GET", "/api/jobs/metadata/rules").route->summary);
        CPPUNIT_ASSERT(!_router.match("GET", "/api/jobs/x/other").route);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RouterTest);
