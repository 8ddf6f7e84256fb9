#include "jji/storage/Migrations.h"
#include "jji/storage/ResultStore.h"
#include "jji/test/TempDir.h"

#include <Poco/Data/Session.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

using namespace Poco::Data::Keywords;
using jji::storage::Database;
using jji::storage::ResultRow;
using jji::storage::ResultStore;

class ResultStoreTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ResultStoreTest);
    CPPUNIT_TEST(insertAndFind);
    CPPUNIT_TEST(duplicateIdIsRejectedAndOriginalKept);
    CPPUNIT_TEST(updateSetsTimestamps);
    CPPUNIT_TEST(listIsNewestFirstAndLimited);
    CPPUNIT_TEST(removeCascadesToHistory);
    CPPUNIT_TEST(distinctAiConfigsOnlyFromCompleted);
    CPPUNIT_TEST(claimingTakesEachUnfinishedJobOnce);
    CPPUNIT_TEST(updateIsFencedByOwner);
    CPPUNIT_TEST(servedCopiesNeverOutliveAWrite);
    CPPUNIT_TEST_SUITE_END();

    std::unique_ptr<jji::test::TempDir> _dir;
    std::unique_ptr<Database> _db;

    static ResultRow row(const std::string& id, const std::string& status = "pending")
    {
        ResultRow r;
        r.jobId = id;
        r.status = status;
        r.jobName = "folder/job";
        r.buildNumber = 42;
        r.aiProvider = "claude";
        r.aiModel = "sonnet";
        return r;
    }

public:
    void setUp() override
    {
        _dir = std::make_unique<jji::test::TempDir>();
        _db = std::make_unique<Database>(Database::open(_dir->file("jji.db")));
        jji::storage::Migrations::apply(*_db);
    }

    void tearDown() override
    {
        _db.reset();
        _dir.reset();
    }

    void insertAndFind()
    {
        ResultStore store(*_db);
        ResultRow r = row("a");
        r.resultJson = "{\"x\":1}";
        store.insert(r);
        auto found = store.find("a");
        CPPUNIT_ASSERT(found.has_value());
        CPPUNIT_ASSERT_EQUAL(std::string("pending"), found->status);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"x\":1}"), found->resultJson);
        CPPUNIT_ASSERT_EQUAL(42LL, found->buildNumber);
        CPPUNIT_ASSERT_EQUAL(std::size_t(19), found->createdAt.size());
        CPPUNIT_ASSERT(!found->completedAt.has_value());
        CPPUNIT_ASSERT(!store.find("missing").has_value());
    }

    void duplicateIdIsRejectedAndOriginalKept()
    {
        ResultStore store(*_db);
        ResultRow first = row("dup");
        first.resultJson = "first";
        store.insert(first);
        ResultRow second = row("dup", "failed");
        second.resultJson = "second";
        CPPUNIT_ASSERT_THROW(store.insert(second), jji::storage::StorageError);
        CPPUNIT_ASSERT_EQUAL(std::string("first"), store.find("dup")->resultJson);
    }

    void updateSetsTimestamps()
    {
        ResultStore store(*_db);
        store.insert(row("u"));
        CPPUNIT_ASSERT(store.update("u", "running", "{}"));
        auto running = store.find("u");
        CPPUNIT_ASSERT(running->analysisStartedAt.has_value());
        CPPUNIT_ASSERT(!running->completedAt.has_value());
        CPPUNIT_ASSERT(store.update("u", "completed", "{\"done\":true}"));
        auto done = store.find("u");
        CPPUNIT_ASSERT(done->completedAt.has_value());
        CPPUNIT_ASSERT_EQUAL(*running->analysisStartedAt, *done->analysisStartedAt);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"done\":true}"), done->resultJson);
        CPPUNIT_ASSERT(!store.update("nope", "completed", "{}"));
        CPPUNIT_ASSERT(!store.enrichedXml("u").has_value());
        const std::string xml = "<testsuite/>";
        CPPUNIT_ASSERT(store.update("u", "completed", "{\"again\":1}", &xml));
        CPPUNIT_ASSERT_EQUAL(xml, *store.enrichedXml("u"));
        CPPUNIT_ASSERT_EQUAL(std::string("{\"again\":1}"), store.find("u")->resultJson);
    }

    void listIsNewestFirstAndLimited()
    {
        ResultStore store(*_db);
        for (int i = 0; i < 5; ++i)
            store.insert(row("job" + std::to_string(i)));
        auto rows = store.listRecent(3);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), rows.size());
        CPPUNIT_ASSERT_EQUAL(std::string("job4"), rows[0].jobId);
        CPPUNIT_ASSERT_EQUAL(std::string("job2"), rows[2].jobId);
    }

    void removeCascadesToHistory()
    {
        ResultStore store(*_db);
        store.insert(row("gone"));
        store.insert(row("kept"));
        {
            auto s = _db->session();
            s << "INSERT INTO failure_history (job_id, test_name, analyzed_at) VALUES ('gone', 't1', 'x')", now;
            s << "INSERT INTO failure_history (job_id, test_name, analyzed_at) VALUES ('kept', 't2', 'x')", now;
        }
        CPPUNIT_ASSERT(store.remove("gone"));
        CPPUNIT_ASSERT(!store.remove("gone"));
        auto s = _db->session();
        int remaining = 0;
        s << "SELECT COUNT(*) FROM failure_history", into(remaining), now;
        CPPUNIT_ASSERT_EQUAL(1, remaining);
        CPPUNIT_ASSERT(store.find("kept").has_value());
    }

    void distinctAiConfigsOnlyFromCompleted()
    {
        ResultStore store(*_db);
        store.insert(row("c1", "completed"));
        store.insert(row("c2", "completed"));
        ResultRow gemini = row("c3", "completed");
        gemini.aiProvider = "gemini";
        gemini.aiModel = "2.5-pro";
        store.insert(gemini);
        ResultRow failed = row("c4", "failed");
        failed.aiProvider = "cursor";
        store.insert(failed);
        auto configs = store.distinctAiConfigs();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), configs.size());
        CPPUNIT_ASSERT_EQUAL(std::string("claude"), configs[0].first);
        CPPUNIT_ASSERT_EQUAL(std::string("gemini"), configs[1].first);
    }

    void claimingTakesEachUnfinishedJobOnce()
    {
        ResultStore store(*_db);
        for (int i = 0; i < 120; ++i) {
            ResultRow r = row("job-" + std::to_string(i), i % 3 == 0 ? "waiting" : "pending");
            r.claimedBy = "dead-node";
            r.leaseExpiresUs = 4102444800000000LL; // far future: only ignoreLeases takes them
            store.insert(r);
        }
        store.insert(row("done", "completed"));
        CPPUNIT_ASSERT(store.claimUnfinished("other", 1, false, 50).empty()); // leases still valid
        const long long future = 4102444800000000LL;
        std::set<std::string> claimed;
        for (int pass = 0; pass < 10; ++pass) {
            auto batch = store.claimUnfinished("me", future, true, 50);
            claimed.insert(batch.begin(), batch.end());
            if (batch.size() < 50)
                break;
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(120), claimed.size());
        CPPUNIT_ASSERT(store.claimUnfinished("me", future, true, 50).empty()); // nothing claimed twice
        CPPUNIT_ASSERT(store.claimUnfinished("other", future, false, 50).empty()); // my leases hold
        // A lease that ran out is taken by whoever sweeps.
        store.renewLeases("me", {"job-7"}, 1);
        auto taken = store.claimUnfinished("other", future, false, 50);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), taken.size());
        CPPUNIT_ASSERT_EQUAL(std::string("job-7"), taken[0]);
    }

    void updateIsFencedByOwner()
    {
        ResultStore store(*_db);
        ResultRow r = row("fenced", "running");
        r.claimedBy = "node-a";
        store.insert(r);
        const std::string a = "node-a", b = "node-b";
        CPPUNIT_ASSERT(!store.update("fenced", "completed", "{}", nullptr, &b));
        CPPUNIT_ASSERT_EQUAL(std::string("running"), store.find("fenced")->status);
        CPPUNIT_ASSERT(store.update("fenced", "completed", "{}", nullptr, &a));
        store.renewLeases("node-a", {"fenced"}, 5); // finished: leases no longer matter, and no error
    }

    void servedCopiesNeverOutliveAWrite()
    {
        ResultStore store(*_db);
        ResultRow r = row("served");
        store.insert(r);
        store.update("served", "completed", "{\"n\":0}", nullptr, nullptr);
        auto first = store.forServing("served");
        CPPUNIT_ASSERT(first == store.forServing("served")); // from memory the second time
        CPPUNIT_ASSERT(!store.forServing("missing"));
        // The reply is made once per stored version, from that version.
        int made = 0;
        auto reply = [&made](const jji::storage::ServedResult& s) { return "reply " + std::to_string(++made) + " of " + s.row.resultJson; };
        CPPUNIT_ASSERT_EQUAL(std::string("reply 1 of {\"n\":0}"), first->reply(reply));
        CPPUNIT_ASSERT_EQUAL(std::string("reply 1 of {\"n\":0}"), store.forServing("served")->reply(reply));
        store.replaceDocument("served", "{\"n\":-1}");
        CPPUNIT_ASSERT_EQUAL(std::string("reply 2 of {\"n\":-1}"), store.forServing("served")->reply(reply));
        CPPUNIT_ASSERT_EQUAL(2, made);

        // Readers race a writer: once the writer is done, what is served is its last write,
        // whichever read filled the memory meanwhile.
        std::atomic<bool> writing{true};
        std::vector<std::thread> readers;
        for (int t = 0; t < 3; ++t)
            readers.emplace_back([&] {
                ResultStore mine(*_db);
                while (writing)
                    (void)mine.forServing("served");
            });
        ResultStore writer(*_db);
        for (int n = 1; n <= 300; ++n) {
            if (n % 2)
                writer.update("served", "completed", "{\"n\":" + std::to_string(n) + "}", nullptr, nullptr);
            else
                writer.replaceDocument("served", "{\"n\":" + std::to_string(n) + "}");
            CPPUNIT_ASSERT_EQUAL(std::string("{\"n\":") + std::to_string(n) + "}", store.forServing("served")->row.resultJson);
        }
        writing = false;
        for (auto& t : readers)
            t.join();
        CPPUNIT_ASSERT_EQUAL(std::string("{\"n\":300}"), store.forServing("served")->row.resultJson);
        CPPUNIT_ASSERT(store.remove("served"));
        CPPUNIT_ASSERT(!store.forServing("served"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ResultStoreTest);
