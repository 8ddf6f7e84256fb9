#include "jji/storage/Migrations.h"
#include "jji/test/TempDir.h"

#include <Poco/Data/Session.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace Poco::Data::Keywords;
using jji::storage::Database;
using jji::storage::Migrations;
using jji::storage::StorageError;

class MigrationsTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(MigrationsTest);
    CPPUNIT_TEST(freshDatabaseGetsEveryTable);
    CPPUNIT_TEST(rerunIsANoOpAndKeepsData);
    CPPUNIT_TEST(newerSchemaIsRefused);
    CPPUNIT_TEST(sqliteRunsInWalModeWithForeignKeys);
    CPPUNIT_TEST(unwritableLocationIsAClearError);
    CPPUNIT_TEST_SUITE_END();

    static int count(Database& db, const std::string& sql)
    {
        auto s = db.session();
        int n = 0;
        s << sql, into(n), now;
        return n;
    }

public:
    void freshDatabaseGetsEveryTable()
    {
        jji::test::TempDir dir;
        Database db = Database::open(dir.file("sub/dir/jji.db"));
        CPPUNIT_ASSERT_EQUAL(0, Migrations::currentVersion(db));
        Migrations::apply(db);
        CPPUNIT_ASSERT_EQUAL(Migrations::latestVersion(), Migrations::currentVersion(db));
        for (const char* table : {"results", "failure_history", "comments", "failure_reviews", "test_classifications",
                                  "users", "admin_sessions", "user_tokens", "job_metadata", "token_usage",
                                  "push_subscriptions", "mentions"}) {
            int n = count(db, std::string("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='") + table + "'");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(table, 1, n);
        }
    }

    void rerunIsANoOpAndKeepsData()
    {
        jji::test::TempDir dir;
        {
            Database db = Database::open(dir.file("jji.db"));
            Migrations::apply(db);
            auto s = db.session();
            s << "INSERT INTO results (job_id, status, created_at) VALUES ('j1', 'completed', '2026-01-01 00:00:00')", now;
        }
        Database db = Database::open(dir.file("jji.db"));
        Migrations::apply(db);
        Migrations::apply(db);
        CPPUNIT_ASSERT_EQUAL(Migrations::latestVersion(), count(db, "SELECT COUNT(*) FROM schema_version"));
        CPPUNIT_ASSERT_EQUAL(1, count(db, "SELECT COUNT(*) FROM results WHERE job_id = 'j1'"));
    }

    void newerSchemaIsRefused()
    {
        jji::test::TempDir dir;
        Database db = Database::open(dir.file("jji.db"));
        Migrations::apply(db);
        {
            auto s = db.session();
            s << "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'future', 'now')", now;
        }
        try {
            Migrations::apply(db);
            CPPUNIT_FAIL("a newer schema must be refused");
        } catch (const StorageError& e) {
            std::string message = e.what();
            CPPUNIT_ASSERT_MESSAGE(message, message.find("999") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(message, message.find("newer") != std::string::npos);
        }
    }

    void sqliteRunsInWalModeWithForeignKeys()
    {
        jji::test::TempDir dir;
        Database db = Database::open(dir.file("jji.db"));
        auto s = db.session();
        std::string mode;
        int fk = 0;
        s << "PRAGMA journal_mode", into(mode), now;
        s << "PRAGMA foreign_keys", into(fk), now;
        CPPUNIT_ASSERT_EQUAL(std::string("wal"), mode);
        CPPUNIT_ASSERT_EQUAL(1, fk);
    }

    void unwritableLocationIsAClearError()
    {
        try {
            Database::open("/etc/passwd/jji.db"); // parent is a file: even root cannot create it
            CPPUNIT_FAIL("opening under a file must fail");
        } catch (const StorageError& e) {
            CPPUNIT_ASSERT(std::string(e.what()).find("/etc/passwd") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MigrationsTest);
