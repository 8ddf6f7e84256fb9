// GET /results/{id} served as stored (issue 25): the envelope written around the stored
// document, entity tags with 304 Not Modified, gzip when accepted, and documents of older
// versions redacted once at the upgrade so that serving them as stored leaks nothing.
#include "jji/analysis/model/JsonText.h"
#include "jji/storage/Database.h"
#include "jji/storage/Migrations.h"
#include "jji/test/ServerProcess.h"

#include <Poco/Data/Session.h>
#include <Poco/InflatingStream.h>
#include <Poco/JSON/Parser.h>
#include <Poco/StreamCopier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

using jji::test::HttpResponse;
using jji::test::ServerProcess;
using jji::test::TempDir;
using namespace Poco::Data::Keywords;

namespace {

std::string gunzip(const std::string& packed)
{
    std::istringstream in(packed);
    Poco::InflatingInputStream inflate(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    std::string out;
    Poco::StreamCopier::copyToString(inflate, out);
    return out;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class ResultServingTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ResultServingTest);
    CPPUNIT_TEST(entityTagsAnswer304UntilTheDocumentChanges);
    CPPUNIT_TEST(gzipWhenAccepted);
    CPPUNIT_TEST(olderDocumentsAreRedactedAtTheUpgrade);
    CPPUNIT_TEST(dashboardReadsDigestsKeptPerVersion);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<ServerProcess> _server;

    void start(std::map<std::string, std::string> extra = {})
    {
        std::map<std::string, std::string> env{{"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"},
                                               {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"}};
        for (const auto& [k, v] : extra)
            env[k] = v;
        _server.reset();
        _server = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
    }

    std::string analyzeXml()
    {
        std::string cases;
        for (int i = 0; i < 40; ++i)
            cases += "<testcase classname=\"tests.Shop\" name=\"test_" + std::to_string(i) +
                     "\"><failure message=\"AssertionError: cart\">trace line " + std::to_string(i) + "</failure></testcase>";
        const std::string xml = "<testsuite name=\"shop\" tests=\"40\" failures=\"40\">" + cases + "</testsuite>";
        HttpResponse r = _server->http().postJson("/analyze-failures", R"({"raw_xml":)" + jji::analysis::toJsonText(xml) + "}");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        return r.json()->getValue<std::string>("job_id");
    }

public:
    void tearDown() override { _server.reset(); }

    void entityTagsAnswer304UntilTheDocumentChanges()
    {
        start();
        const std::string id = analyzeXml();
        HttpResponse first = _server->http().get("/results/" + id);
        CPPUNIT_ASSERT_EQUAL(200, first.status);
        const std::string etag = first.header("ETag");
        CPPUNIT_ASSERT_MESSAGE(etag, etag.size() > 2 && etag.front() == '"' && etag.back() == '"');
        Poco::JSON::Object::Ptr envelope = first.json();
        CPPUNIT_ASSERT_EQUAL(id, envelope->getValue<std::string>("job_id"));
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), envelope->getValue<std::string>("status"));
        Poco::JSON::Object::Ptr result = envelope->getObject("result");
        CPPUNIT_ASSERT_EQUAL(40u, static_cast<unsigned>(result->getArray("failures")->size()));
        CPPUNIT_ASSERT(contains(result->getValue<std::string>("enriched_xml"), "<testsuite"));
        CPPUNIT_ASSERT(envelope->getObject("capabilities")->has("github_issues_enabled"));
        CPPUNIT_ASSERT(envelope->isNull("completed_at") == false);

        HttpResponse same = _server->http().get("/results/" + id, {{"If-None-Match", etag}});
        CPPUNIT_ASSERT_EQUAL(304, same.status);
        CPPUNIT_ASSERT(same.body.empty());
        CPPUNIT_ASSERT_EQUAL(etag, same.header("ETag"));
        CPPUNIT_ASSERT_EQUAL(304, _server->http().get("/results/" + id, {{"If-None-Match", "\"x\", W/" + etag}}).status);
        CPPUNIT_ASSERT_EQUAL(200, _server->http().get("/results/" + id, {{"If-None-Match", "\"other\""}}).status);

        // A comment leaves the document alone; an override changes it.
        HttpResponse c = _server->http().request("POST", "/results/" + id + "/comments",
                                                 R"({"test_name":"tests.Shop.test_1","comment":"seen"})",
                                                 {{"Content-Type", "application/json"}, {"Cookie", "jji_username=alice"}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(c.body, 201, c.status);
        CPPUNIT_ASSERT_EQUAL(304, _server->http().get("/results/" + id, {{"If-None-Match", etag}}).status);
        HttpResponse o = _server->http().request("PUT", "/results/" + id + "/override-classification",
                                                 R"({"test_name":"tests.Shop.test_1","classification":"INFRASTRUCTURE"})",
                                                 {{"Content-Type", "application/json"}, {"Cookie", "jji_username=alice"}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(o.body, 200, o.status);
        HttpResponse changed = _server->http().get("/results/" + id, {{"If-None-Match", etag}});
        CPPUNIT_ASSERT_EQUAL(200, changed.status);
        CPPUNIT_ASSERT(changed.header("ETag") != etag);
        CPPUNIT_ASSERT(contains(changed.body, "INFRASTRUCTURE"));

        CPPUNIT_ASSERT_EQUAL(404, _server->http().get("/results/no-such-job", {{"If-None-Match", etag}}).status);
    }

    void gzipWhenAccepted()
    {
        start();
        const std::string id = analyzeXml();
        HttpResponse plain = _server->http().get("/results/" + id);
        CPPUNIT_ASSERT(plain.header("Content-Encoding").empty());
        CPPUNIT_ASSERT(contains(plain.header("Vary"), "Accept-Encoding"));
        HttpResponse packed = _server->http().get("/results/" + id, {{"Accept-Encoding", "br, gzip;q=0.8"}});
        CPPUNIT_ASSERT_EQUAL(200, packed.status);
        CPPUNIT_ASSERT_EQUAL(std::string("gzip"), packed.header("Content-Encoding"));
        CPPUNIT_ASSERT_MESSAGE(std::to_string(packed.body.size()) + " vs " + std::to_string(plain.body.size()),
                               packed.body.size() * 4 < plain.body.size());
        CPPUNIT_ASSERT_EQUAL(plain.body, gunzip(packed.body));
        CPPUNIT_ASSERT(_server->http().get("/results/" + id, {{"Accept-Encoding", "gzip;q=0"}}).header("Content-Encoding").empty());
        CPPUNIT_ASSERT(_server->http().get("/results/" + id, {{"Accept-Encoding", "identity"}}).header("Content-Encoding").empty());
        // Small replies are not worth it.
        CPPUNIT_ASSERT(_server->http().get("/health", {{"Accept-Encoding", "gzip"}}).header("Content-Encoding").empty());
    }

    void dashboardReadsDigestsKeptPerVersion()
    {
        start();
        const std::string id = analyzeXml();
        auto digestState = [&] {
            jji::storage::Database db = jji::storage::Database::open(_server->dataDir() + "/data/jji.db");
            auto s = db.session();
            Poco::Int64 current = 0;
            std::string digest;
            s << "SELECT CASE WHEN digest_version = version THEN 1 ELSE 0 END, digest_json FROM results WHERE job_id = ?",
                into(current), into(digest), useRef(id), now;
            return std::make_pair(current == 1, digest);
        };
        CPPUNIT_ASSERT(!digestState().first);
        const std::string first = _server->http().get("/api/dashboard").body;
        CPPUNIT_ASSERT(digestState().first);
        CPPUNIT_ASSERT_MESSAGE(digestState().second, contains(digestState().second, "\"failure_count\":40"));
        CPPUNIT_ASSERT_EQUAL(first, _server->http().get("/api/dashboard").body); // from the digest: the same entry
        Poco::JSON::Object::Ptr entry = Poco::JSON::Parser().parse(first).extract<Poco::JSON::Array::Ptr>()->getObject(0);
        CPPUNIT_ASSERT_EQUAL(40, entry->getValue<int>("failure_count"));

        // A changed document makes the digest stale; the next dashboard shows the change.
        HttpResponse o = _server->http().request("PUT", "/results/" + id + "/override-classification",
                                                 R"({"test_name":"tests.Shop.test_1","classification":"INFRASTRUCTURE"})",
                                                 {{"Content-Type", "application/json"}, {"Cookie", "jji_username=alice"}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(o.body, 200, o.status);
        CPPUNIT_ASSERT(!digestState().first);
        entry = _server->http().get("/api/dashboard").jsonArray()->getObject(0);
        CPPUNIT_ASSERT_EQUAL(40, entry->getObject("classification_counts")->getValue<int>("INFRASTRUCTURE"));
        CPPUNIT_ASSERT(digestState().first);
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(_server->http().get("/api/dashboard/filtered").jsonArray()->size()));
    }

    void olderDocumentsAreRedactedAtTheUpgrade()
    {
        TempDir data;
        const std::string dbPath = data.file("jji.db");
        {
            jji::storage::Database db = jji::storage::Database::open(dbPath);
            jji::storage::Migrations::applyUpTo(db, 10);
            auto s = db.session();
            // As a version before secrets were split off wrote it.
            const std::string legacy =
                R"J({"job_id":"old-job","status":"completed","summary":"1 failure(s) analyzed (1 unique error types)","failures":[],)J"
                R"J("request_params":{"job_name":"shop","jenkins_user":"ci","jenkins_password":"hunter2-secret",)J"
                R"J("additional_repos":[{"name":"lib","url":"https://git.example.com/lib.git","token":"repo-token-secret"}]}})J";
            s << "INSERT INTO results (job_id, status, result_json, job_name, created_at) VALUES "
                 "('old-job', 'completed', ?, 'shop', '2026-11-01 10:00:00')",
                useRef(legacy), now;
        }
        start({{"DB_PATH", dbPath}});
        HttpResponse r = _server->http().get("/results/old-job");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(r.body, 200, r.status);
        CPPUNIT_ASSERT_MESSAGE(r.body, !contains(r.body, "hunter2-secret") && !contains(r.body, "repo-token-secret"));
        CPPUNIT_ASSERT_MESSAGE(r.body, !contains(r.body, "jenkins_user"));
        CPPUNIT_ASSERT_EQUAL(std::string("shop"),
                             r.json()->getObject("result")->getObject("request_params")->getValue<std::string>("job_name"));
        CPPUNIT_ASSERT_MESSAGE(_server->log(), contains(_server->log(), "removed request secrets from 1 result document"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ResultServingTest);
