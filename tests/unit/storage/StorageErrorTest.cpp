// What a database failure means to a caller: busy (try again), full (nothing saved), or a
// write whose job is gone; and that guarded() reports a real full SQLite file as full.
#include "jji/storage/Database.h"
#include "jji/storage/Guarded.h"
#include "jji/storage/StorageError.h"
#include "jji/test/TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <thread>
#include <vector>

using namespace Poco::Data::Keywords;
using jji::storage::FailureKind;
using jji::storage::failureKind;

class StorageErrorTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(StorageErrorTest);
    CPPUNIT_TEST(driverMessagesAreClassified);
    CPPUNIT_TEST(aFullSqliteFileIsStorageFull);
    CPPUNIT_TEST(reachableBeforeTheFirstCheckEnds);
    CPPUNIT_TEST_SUITE_END();

public:
    void driverMessagesAreClassified()
    {
        CPPUNIT_ASSERT(failureKind("SQLite: database is locked") == FailureKind::Busy);
        CPPUNIT_ASSERT(failureKind("database table is locked") == FailureKind::Busy);
        CPPUNIT_ASSERT(failureKind("FATAL: sorry, too many clients already") == FailureKind::Busy);
        CPPUNIT_ASSERT(failureKind("ERROR: could not serialize access due to concurrent update") == FailureKind::Busy);
        CPPUNIT_ASSERT(failureKind("database or disk is full") == FailureKind::Full);
        CPPUNIT_ASSERT(failureKind("ERROR: could not extend file \"base/1/2\": No space left on device") == FailureKind::Full);
        CPPUNIT_ASSERT(failureKind("FOREIGN KEY constraint failed") == FailureKind::MissingParent);
        CPPUNIT_ASSERT(failureKind("insert or update on table \"comments\" violates foreign key constraint") ==
                       FailureKind::MissingParent);
        CPPUNIT_ASSERT(failureKind("no such table: results") == FailureKind::Other);
    }

    void aFullSqliteFileIsStorageFull()
    {
        jji::test::TempDir dir;
        jji::storage::Database db = jji::storage::Database::open(dir.file("full.db"));
        Poco::Data::Session s = db.session();
        s << "CREATE TABLE blobs (data TEXT)", now;
        int pages = 0;
        s << "PRAGMA page_count", into(pages), now;
        s << "PRAGMA max_page_count = " + std::to_string(pages + 2), now; // this connection's file can barely grow
        const std::string big(64 * 1024, 'x');
        CPPUNIT_ASSERT_THROW(jji::storage::guarded("cannot store blob",
                                                   [&] { s << "INSERT INTO blobs (data) VALUES (?)", useRef(big), now; }),
                             jji::storage::StorageFull);
        int rows = -1;
        s << "SELECT COUNT(*) FROM blobs", into(rows), now;
        CPPUNIT_ASSERT_EQUAL(0, rows); // nothing half-written
    }

    void reachableBeforeTheFirstCheckEnds()
    {
        // The first caller asks the database; callers meanwhile must not report it down
        // (a load balancer polling a fresh daemon saw 503 "database unreachable").
        jji::test::TempDir dir;
        for (int round = 0; round < 20; ++round) {
            jji::storage::Database db = jji::storage::Database::open(dir.file("reach" + std::to_string(round) + ".db"));
            std::atomic<int> ready{0}, down{0};
            std::vector<std::thread> callers;
            for (int t = 0; t < 8; ++t)
                callers.emplace_back([&] {
                    ++ready;
                    while (ready.load() < 8) {
                    }
                    down += db.recentlyReachable() ? 0 : 1;
                });
            for (auto& c : callers)
                c.join();
            CPPUNIT_ASSERT_EQUAL(0, down.load());
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StorageErrorTest);
