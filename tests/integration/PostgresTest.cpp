// The same storage and server behaviour on PostgreSQL (DATABASE_URL) as on SQLite,
// against a throwaway cluster that ctest starts (tests/support/postgres-cluster.sh).
#include "jji/storage/ClassificationStore.h"
#include "jji/storage/CommentStore.h"
#include "jji/storage/FailureHistoryStore.h"
#include "jji/storage/JobMetadataStore.h"
#include "jji/storage/MentionStore.h"
#include "jji/storage/UserStore.h"
#include "jji/storage/Migrations.h"
#include "jji/storage/ResultStore.h"
#include "jji/storage/RuleStore.h"
#include "jji/storage/SignatureHistory.h"
#include "jji/storage/TokenUsageStore.h"
#include "jji/test/FakeJenkins.h"
#include "jji/test/ServerProcess.h"
#include "jji/test/SignatureUpgradeScenario.h"

#include <Poco/File.h>

#include <Poco/Data/Session.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <future>
#include <sstream>
#include <thread>

using namespace Poco::Data::Keywords;
using jji::storage::Database;
using jji::test::ServerProcess;

class PostgresTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(PostgresTest);
    CPPUNIT_TEST(migrationsApplyOnceAndRefuseNewer);
    CPPUNIT_TEST(storesWorkWithPlaceholdersTranslated);
    CPPUNIT_TEST(deleteCascades);
    CPPUNIT_TEST(twoDaemonsShareOneDatabase);
    CPPUNIT_TEST(jobsOfADeadDaemonAreTakenOver);
    CPPUNIT_TEST(reviewAndHistoryStoresWork);
    CPPUNIT_TEST(signatureUpgradeFromSchema8);
    CPPUNIT_TEST(knownFailureStoresWork);
    CPPUNIT_TEST(userStoresWork);
    CPPUNIT_TEST(badUrlIsAClearStartupError);
    CPPUNIT_TEST(healthIs503WhenTheDatabaseGoesAway);
    CPPUNIT_TEST_SUITE_END();

    static int cluster(const std::string& action, const std::string& dir, int port)
    {
        std::string command = jji::test::fakesDir() + "/../support/postgres-cluster.sh " + action + " " + dir + " " +
                              std::to_string(port);
        return std::system(command.c_str());
    }

    std::string _url;

public:
    void setUp() override
    {
        const char* url = std::getenv("JJI_TEST_POSTGRES_URL");
        CPPUNIT_ASSERT_MESSAGE("JJI_TEST_POSTGRES_URL is not set (ctest sets it)", url && *url);
        _url = url;
        Database db = Database::open(_url);
        auto s = db.session();
        s << "DROP SCHEMA public CASCADE", now;
        s << "CREATE SCHEMA public", now;
    }

    void migrationsApplyOnceAndRefuseNewer()
    {
        Database db = Database::open(_url);
        CPPUNIT_ASSERT_EQUAL(Database::Dialect::PostgreSQL, db.dialect());
        jji::storage::Migrations::apply(db);
        jji::storage::Migrations::apply(db);
        CPPUNIT_ASSERT_EQUAL(jji::storage::Migrations::latestVersion(), jji::storage::Migrations::currentVersion(db));
        auto s = db.session();
        s << "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'future', 'now')", now;
        CPPUNIT_ASSERT_THROW(jji::storage::Migrations::apply(db), jji::storage::StorageError);
    }

    void storesWorkWithPlaceholdersTranslated()
    {
        Database db = Database::open(_url);
        jji::storage::Migrations::apply(db);
        jji::storage::ResultStore results(db);
        jji::storage::ResultRow row;
        row.jobId = "pg-job";
        row.status = "running";
        row.resultJson = "{\"q\":\"what's up?\"}"; // a '?' inside data must stay data
        row.aiProvider = "claude";
        row.aiModel = "m";
        results.insert(row);
        CPPUNIT_ASSERT(results.update("pg-job", "running", "{}"));
        CPPUNIT_ASSERT(!results.find("pg-job")->completedAt);
        CPPUNIT_ASSERT(results.update("pg-job", "completed", "{\"done\":\"yes?\"}"));
        auto found = results.find("pg-job");
        CPPUNIT_ASSERT(found && found->completedAt && found->analysisStartedAt);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"done\":\"yes?\"}"), found->resultJson);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), results.listRecent(10).size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), results.dashboard(10).size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), results.distinctAiConfigs().size());
        jji::storage::FailureHistoryStore history(db);
        history.addAll({{"pg-job", "job", 3, "t1", "err", "sig", "CODE ISSUE", "", 0, "", 2, ""},
                        {"pg-job", "job", 3, "t2", "err", "sig", "CODE ISSUE", "child", 7, "", 2, ""}});
        auto rows = history.forJob("pg-job");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), rows.size());
        CPPUNIT_ASSERT_EQUAL(7LL, rows[1].childBuildNumber);
        jji::storage::TokenUsageStore usage(db);
        usage.add({"pg-job", "claude", "m", "analysis", 1, 2, 3, 4, 0.5, 10, 100, 200, 0, "", "computed"});
        CPPUNIT_ASSERT_EQUAL(1, usage.countForJob("pg-job"));
    }

    void deleteCascades()
    {
        Database db = Database::open(_url);
        jji::storage::Migrations::apply(db);
        jji::storage::ResultStore results(db);
        jji::storage::ResultRow row;
        row.jobId = "gone";
        row.status = "completed";
        results.insert(row);
        jji::storage::FailureHistoryStore(db).addAll({{"gone", "", 0, "t", "e", "s", "", "", 0, "", 2, ""}});
        CPPUNIT_ASSERT(results.remove("gone"));
        CPPUNIT_ASSERT(jji::storage::FailureHistoryStore(db).forJob("gone").empty());
    }

    void twoDaemonsShareOneDatabase()
    {
        ServerProcess::Options options{{{"DATABASE_URL", _url}, {"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"},
                                        {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"}},
                                       {}};
        // Started together: the migration lock must let exactly one of them create the schema.
        auto second = std::async(std::launch::async, [&] { return std::make_unique<ServerProcess>(options); });
        ServerProcess first(options);
        auto other = second.get();
        auto posted = first.http().postJson("/analyze-failures", R"({"failures":[{"test_name":"t","error_message":"Boom"}]})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(posted.body, 200, posted.status);
        std::string id = posted.json()->getValue<std::string>("job_id");
        auto read = other->http().get("/results/" + id);
        CPPUNIT_ASSERT_EQUAL(200, read.status);
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), read.json()->getValue<std::string>("status"));
        CPPUNIT_ASSERT_EQUAL(200, other->http().get("/health").status);
    }

    void jobsOfADeadDaemonAreTakenOver()
    {
        // Daemon A dies (SIGKILL) in the middle of a job; daemon B, alive all along and
        // sharing the database, takes the job over once A's lease runs out and finishes it.
        jji::test::TempDir scratch;
        jji::test::FakeJenkins jenkins(
            R"({"user":"u","token":"t","builds":{"app/3":{"build":{"number":3,"building":false,"result":"FAILURE"},)"
            R"("testReport":{"suites":[{"cases":[{"className":"t.A","name":"test_x","status":"FAILED","errorDetails":"Boom"}]}]}}}})");
        const std::string hangFile = scratch.file("hang");
        jji::test::writeFile(hangFile, "");
        std::map<std::string, std::string> env{{"DATABASE_URL", _url}, {"AI_PROVIDER", "claude"}, {"AI_MODEL", "m"},
                                               {"JJI_AI_COMMAND_CLAUDE", jji::test::fakesDir() + "/fake-ai-cli"},
                                               {"JENKINS_URL", jenkins.url()}, {"JENKINS_USER", "u"}, {"JENKINS_PASSWORD", "t"},
                                               {"JJI_JOB_LEASE_SECONDS", "3"}, {"FAKE_AI_HANG_FILE", hangFile},
                                               {"FAKE_AI_PID_FILE", scratch.file("pids")},
                                               {"JJI_ENCRYPTION_KEY", "shared key of the cluster"}};
        auto a = std::make_unique<ServerProcess>(ServerProcess::Options{env, {}});
        ServerProcess b(ServerProcess::Options{env, {}});
        auto queued = a->http().postJson("/analyze", R"({"job_name":"app","build_number":3})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(queued.body, 202, queued.status);
        const std::string id = queued.json()->getValue<std::string>("job_id");
        for (int i = 0; i < 500 && !Poco::File(scratch.file("pids")).exists(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        std::this_thread::sleep_for(std::chrono::seconds(4)); // A renews its lease: B must not take the job
        CPPUNIT_ASSERT(b.log().find("took over") == std::string::npos);
        ::kill(a->pid(), SIGKILL);
        std::istringstream pids(jji::test::readFile(scratch.file("pids")));
        int cli = 0;
        pids >> cli;
        ::kill(-cli, SIGKILL);
        Poco::File(hangFile).remove();
        a.reset();

        std::string status;
        for (int i = 0; i < 400 && status != "completed" && status != "failed"; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            status = b.http().get("/results/" + id).json()->getValue<std::string>("status");
        }
        CPPUNIT_ASSERT_EQUAL(std::string("completed"), status);
        CPPUNIT_ASSERT(b.log().find("took over 1 job(s)") != std::string::npos);
    }

    /// The rules and the signature queries behind known failures (issue 19), on PostgreSQL's SQL.
    void knownFailureStoresWork()
    {
        Database db = Database::open(_url);
        jji::storage::Migrations::apply(db);
        jji::storage::RuleStore rules(db);
        jji::storage::RuleRow rule;
        rule.name = "pg-rule";
        rule.pattern = "No space";
        rule.classification = "INFRASTRUCTURE";
        const long long id = rules.insert(rule);
        CPPUNIT_ASSERT(id > 0);
        CPPUNIT_ASSERT_EQUAL(std::string("pg-rule"), rules.find(id)->name);
        CPPUNIT_ASSERT(rules.findByName("pg-rule"));
        rule.id = id;
        rule.enabled = false;
        CPPUNIT_ASSERT(rules.update(rule));
        rules.recordHits(id, 3);
        CPPUNIT_ASSERT_EQUAL(3LL, rules.find(id)->hitCount);
        CPPUNIT_ASSERT(!rules.find(id)->enabled);
        jji::storage::RuleRow seeded = rule;
        seeded.name = "pg-default";
        const std::size_t before = rules.all().size();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), rules.seed({seeded}));
        CPPUNIT_ASSERT(rules.remove(rules.findByName("pg-default")->id));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), rules.seed({seeded})); // deleted stays deleted
        CPPUNIT_ASSERT_EQUAL(before, rules.all().size());
        CPPUNIT_ASSERT(rules.remove(id));
        // Daemons starting together seed together: each default is added once, neither fails.
        std::vector<jji::storage::RuleRow> both;
        for (const char* name : {"pg-race-a", "pg-race-b", "pg-race-c"}) {
            jji::storage::RuleRow r = seeded;
            r.name = name;
            both.push_back(r);
        }
        auto first = std::async(std::launch::async, [&] { return jji::storage::RuleStore(db).seed(both); });
        auto second = std::async(std::launch::async, [&] { return jji::storage::RuleStore(db).seed(both); });
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), first.get() + second.get());

        jji::storage::ResultStore results(db);
        for (const char* job : {"pg-known-1", "pg-known-2"}) {
            jji::storage::ResultRow row;
            row.jobId = job;
            row.status = "completed";
            row.jobName = "pg/known";
            results.insert(row);
            jji::storage::FailureHistoryStore(db).replaceForJob(
                job, {{job, "pg/known", 1, "t.k", "boom", "ksig", "PRODUCT BUG", "", 0, "", 2, ""}});
        }
        results.setIssuePrompt("pg-known-1", "name the version");
        CPPUNIT_ASSERT_EQUAL(std::string("name the version"), results.issuePrompt("pg-known-1"));
        jji::storage::CommentStore(db).setReviewed("pg-known-1", {"t.k", "", 0, true, "alice", ""});
        jji::storage::ClassificationRow label;
        label.testName = "t.k";
        label.classification = "FLAKY";
        label.createdBy = "bob";
        label.jobId = "pg-known-2";
        jji::storage::ClassificationStore(db).add(label);
        jji::storage::SignatureHistory queries(db);
        auto confirmation = queries.latestConfirmation("ksig", "2000-01-01 00:00:00");
        CPPUNIT_ASSERT(confirmation);
        CPPUNIT_ASSERT_EQUAL(std::string("pg-known-1"), confirmation->jobId);
        CPPUNIT_ASSERT_EQUAL(std::string("alice"), confirmation->by);
        CPPUNIT_ASSERT(!queries.latestConfirmation("ksig", "2999-01-01 00:00:00"));
        auto facts = queries.facts("ksig", "pg/known", 10, {"t.k"}, 5);
        CPPUNIT_ASSERT_EQUAL(2LL, facts.failures);
        CPPUNIT_ASSERT_EQUAL(2LL, facts.jobBuildsWithIt);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), facts.labels.size());
        CPPUNIT_ASSERT_EQUAL(std::string("FLAKY"), facts.labels[0].classification);
        CPPUNIT_ASSERT_EQUAL(2LL, facts.testFailuresInJob.at(0).second);
    }

    void reviewAndHistoryStoresWork()
    {
        Database db = Database::open(_url);
        jji::storage::Migrations::apply(db);
        jji::storage::ResultStore results(db);
        jji::storage::ResultRow row;
        row.jobId = "pg-review";
        row.status = "completed";
        row.jobName = "folder/app";
        results.insert(row);

        jji::storage::CommentStore comments(db);
        const long long first = comments.add({0, "pg-review", "t.a", "", 0, "hello?", "sig", "alice", ""});
        const long long second = comments.add({0, "pg-review", "t.a", "child", 3, "again", "sig", "bob", ""});
        CPPUNIT_ASSERT(first > 0 && second > first);
        comments.setReviewed("pg-review", {"t.a", "", 0, true, "alice", ""});
        comments.setReviewed("pg-review", {"t.a", "", 0, false, "bob", ""}); // upsert, not a second row
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), comments.reviews("pg-review").size());
        CPPUNIT_ASSERT_EQUAL(0, comments.reviewedCount("pg-review"));
        CPPUNIT_ASSERT_EQUAL(1u, static_cast<unsigned>(comments.forSignature("sig", "", 1).size()));

        jji::storage::FailureHistoryStore history(db);
        std::vector<jji::storage::FailureHistoryRow> rows;
        for (int i = 0; i < 30; ++i)
            rows.push_back({"pg-review", "folder/app", 1, "tests.Login.case_" + std::to_string(i),
                            i % 3 == 0 ? "Connection refused 100%" : "AssertionError", "sig" + std::to_string(i % 2),
                            "CODE ISSUE", "", 0, "", 2, ""});
        history.replaceForJob("pg-review", rows);
        jji::storage::HistoryFilter filter;
        filter.search = "CONNECTION refused 100%"; // case-insensitive, '%' literal (pg_trgm index)
        auto page = history.search(filter, 5, 0);
        CPPUNIT_ASSERT_EQUAL(10LL, page.total);
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), page.rows.size());
        filter.search = "case_1";
        CPPUNIT_ASSERT_EQUAL(11LL, history.search(filter, 50, 0).total); // case_1, case_10..19
        CPPUNIT_ASSERT_EQUAL(15, history.reclassify("pg-review", "sig1", "", 0, "PRODUCT BUG"));
        CPPUNIT_ASSERT_EQUAL(1LL, history.forTest("tests.Login.case_1", "folder/app", "", 5).failures);
        CPPUNIT_ASSERT_EQUAL(15LL, history.forSignature("sig1", "").occurrences);

        jji::storage::ClassificationStore classifications(db);
        jji::storage::ClassificationRow label;
        label.testName = "t.a";
        label.classification = "PRODUCT BUG";
        label.jobId = "pg-review";
        CPPUNIT_ASSERT(classifications.add(label) > 0);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), classifications.visible({}, {"PRODUCT BUG"}).size());

        jji::storage::JobMetadataStore metadata(db);
        metadata.put({{"folder/app", std::string("platform"), std::nullopt, std::nullopt, {"nightly"}}});
        CPPUNIT_ASSERT(!metadata.putIfAbsent({"folder/app", std::string("other"), std::nullopt, std::nullopt, {}}));
        CPPUNIT_ASSERT_EQUAL(std::string("platform"), *metadata.find("folder/app")->team);

        CPPUNIT_ASSERT(results.remove("pg-review"));
        CPPUNIT_ASSERT(comments.forJob("pg-review").empty());
        CPPUNIT_ASSERT(classifications.visible({}, {"PRODUCT BUG"}).empty());
        CPPUNIT_ASSERT_EQUAL(0LL, history.search({}, 5, 0).total);
    }

    void signatureUpgradeFromSchema8()
    {
        Database db = Database::open(_url);
        jji::test::checkSignatureUpgradeFromSchema8(db);
    }

    void userStoresWork()
    {
        Database db = Database::open(_url);
        jji::storage::Migrations::apply(db);
        jji::storage::UserStore users(db);
        CPPUNIT_ASSERT(users.create({0, "ops", "admin", "hash", "salt", "", std::nullopt, ""}));
        CPPUNIT_ASSERT(!users.create({0, "ops", "admin", "hash", "salt", "", std::nullopt, ""}));
        users.touch("alice");
        users.touch("alice");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), users.list().size());
        CPPUNIT_ASSERT_EQUAL(1, users.adminCount());
        users.addSession({"digest", "ops", "2999-01-01 00:00:00"});
        CPPUNIT_ASSERT_EQUAL(std::string("ops"), *users.sessionUser("digest"));
        users.saveTokens("alice", {"sealed-gh", "a@b", "sealed-jira"});
        users.saveTokens("alice", {"sealed-gh2", "a@b", "sealed-jira"});
        CPPUNIT_ASSERT_EQUAL(std::string("sealed-gh2"), users.tokens("alice")->githubTokenSealed);
        CPPUNIT_ASSERT(users.remove("ops"));
        CPPUNIT_ASSERT(!users.sessionUser("digest"));

        jji::storage::ResultRow job;
        job.jobId = "pg-mention";
        job.status = "completed";
        jji::storage::ResultStore(db).insert(job);
        const long long comment = jji::storage::CommentStore(db).add({0, "pg-mention", "t", "", 0, "@bob hi", "", "alice", ""});
        jji::storage::MentionStore mentions(db);
        mentions.add(comment, "pg-mention", {"bob"});
        CPPUNIT_ASSERT_EQUAL(1, mentions.count("bob", true));
        CPPUNIT_ASSERT_EQUAL(1, mentions.markRead("bob", {comment}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), mentions.forUser("bob", false, 10, 0).size());

        jji::storage::PushSubscriptionStore push(db);
        for (int i = 0; i < 4; ++i)
            push.subscribe({"bob", "https://push/" + std::to_string(i), "k", "a"}, 3);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), push.forUser("bob").size());
        CPPUNIT_ASSERT(!push.unsubscribe("bob", "https://push/0"));

        jji::storage::TokenUsageStore usage(db);
        usage.add({"pg-mention", "claude", "m", "analysis", 10, 20, 0, 0, 0.1, 5, 100, 200, 0, ""});
        for (const auto& groupBy : jji::storage::TokenUsageStore::groupings())
            CPPUNIT_ASSERT_EQUAL_MESSAGE(groupBy, std::size_t(1), usage.breakdown({}, groupBy).size());
        CPPUNIT_ASSERT_EQUAL(1LL, usage.totals({}).calls);
    }

    void badUrlIsAClearStartupError()
    {
        std::string out;
        int code = ServerProcess::runToExit({}, {{"DATABASE_URL", "postgresql://nobody:secretpw@127.0.0.1:1/none"}, {"PORT", "0"}}, out);
        CPPUNIT_ASSERT(code != 0);
        CPPUNIT_ASSERT_MESSAGE(out, out.find("cannot open database postgresql://127.0.0.1:1/none") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(out, out.find("secretpw") == std::string::npos);
    }

    void healthIs503WhenTheDatabaseGoesAway()
    {
        // A cluster of its own, so stopping it does not disturb the shared one.
        jji::test::TempDir dir;
        const int port = 55499;
        CPPUNIT_ASSERT_EQUAL(0, cluster("start", dir.file("pg"), port));
        {
            ServerProcess server({{{"DATABASE_URL", "postgresql://postgres@127.0.0.1:" + std::to_string(port) + "/jji_test"}}, {}});
            CPPUNIT_ASSERT_EQUAL(200, server.http().get("/health").status);
            CPPUNIT_ASSERT_EQUAL(0, cluster("stop", dir.file("pg"), port));
            // The database is asked at most once a second: within two, /health says it is gone.
            auto r = server.http().get("/health");
            for (int i = 0; i < 20 && r.status == 200; ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                r = server.http().get("/health");
            }
            CPPUNIT_ASSERT_EQUAL(503, r.status);
            CPPUNIT_ASSERT_EQUAL(std::string("unhealthy"), r.json()->getValue<std::string>("status"));
        }
        cluster("stop", dir.file("pg"), port);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PostgresTest);
