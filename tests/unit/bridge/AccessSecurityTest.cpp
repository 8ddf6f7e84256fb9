// Guessing keys: the throttle's buckets per address and per user, and finding an admin by
// a key's lookup digest so a check costs the same with any number of admins.
#include "jji/bridge/access/ApiKeys.h"
#include "jji/bridge/access/AuthThrottle.h"
#include "jji/bridge/server/EscapingFormatter.h"
#include "jji/storage/Database.h"
#include "jji/storage/Migrations.h"
#include "jji/storage/UserStore.h"
#include "jji/test/TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::bridge::ApiKeys;
using jji::bridge::AuthThrottle;
using namespace std::chrono_literals;

class AccessSecurityTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AccessSecurityTest);
    CPPUNIT_TEST(addressBucketEmptiesAndRefills);
    CPPUNIT_TEST(usernameBucketHoldsAcrossAddresses);
    CPPUNIT_TEST(bucketsAreBounded);
    CPPUNIT_TEST(keyLookupFindsOneAdminAmongMany);
    CPPUNIT_TEST(logTextIsEscaped);
    CPPUNIT_TEST_SUITE_END();

public:
    void addressBucketEmptiesAndRefills()
    {
        AuthThrottle throttle(6); // one token every 10 s
        const auto t0 = AuthThrottle::Clock::now();
        for (int i = 0; i < 6; ++i) {
            CPPUNIT_ASSERT_EQUAL(0, throttle.retryAfter("10.0.0.1", "", t0));
            throttle.failed("10.0.0.1", "", "bearer key", t0);
        }
        CPPUNIT_ASSERT_EQUAL(10, throttle.retryAfter("10.0.0.1", "", t0));
        CPPUNIT_ASSERT_EQUAL(5, throttle.retryAfter("10.0.0.1", "", t0 + 5s));
        CPPUNIT_ASSERT_EQUAL(0, throttle.retryAfter("10.0.0.1", "", t0 + 10s)); // one more try after 10 s
        CPPUNIT_ASSERT_EQUAL(0, throttle.retryAfter("10.0.0.2", "", t0));       // other addresses are not held up
    }

    void usernameBucketHoldsAcrossAddresses()
    {
        AuthThrottle throttle(3);
        const auto t0 = AuthThrottle::Clock::now();
        for (int i = 0; i < 3; ++i)
            throttle.failed("10.0.0." + std::to_string(i), "ops", "admin login", t0); // a botnet, one try each
        CPPUNIT_ASSERT(throttle.retryAfter("10.0.0.9", "ops", t0) > 0);
        CPPUNIT_ASSERT_EQUAL(0, throttle.retryAfter("10.0.0.9", "alice", t0));
        CPPUNIT_ASSERT_EQUAL(0, throttle.retryAfter("10.0.0.9", "ops", t0 + 60s));
    }

    void bucketsAreBounded()
    {
        AuthThrottle throttle(10);
        const auto t0 = AuthThrottle::Clock::now();
        for (int i = 0; i < 30000; ++i)
            throttle.failed("10.0.0.1", "user" + std::to_string(i), "admin login", t0 + std::chrono::seconds(i * 60));
        // Still answers, and the address that failed 30000 times over hours is not locked out now.
        CPPUNIT_ASSERT_EQUAL(0, throttle.retryAfter("10.0.0.1", "", t0 + std::chrono::seconds(30000 * 60 + 60)));
    }

    void keyLookupFindsOneAdminAmongMany()
    {
        jji::test::TempDir dir;
        jji::storage::Database db = jji::storage::Database::open(dir.file("jji.db"));
        jji::storage::Migrations::apply(db);
        jji::storage::UserStore users(db);
        std::string wanted;
        for (int i = 0; i < 20; ++i) {
            const std::string key = ApiKeys::generate();
            const ApiKeys::Hashed hashed = ApiKeys::hash(key);
            CPPUNIT_ASSERT(users.create({0, "admin" + std::to_string(i), "admin", hashed.hash, hashed.salt, "", std::nullopt, hashed.lookup}));
            if (i == 13)
                wanted = key;
        }
        auto candidates = users.adminKeyCandidates(ApiKeys::lookupDigest(wanted));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), candidates.size());
        CPPUNIT_ASSERT_EQUAL(std::string("admin13"), candidates[0].username);
        CPPUNIT_ASSERT(ApiKeys::verify(wanted, {candidates[0].apiKeyHash, candidates[0].apiKeySalt, ""}));
        CPPUNIT_ASSERT(users.adminKeyCandidates(ApiKeys::lookupDigest("jji_wrong")).empty());
        // A key stored before lookups existed is still a candidate for every key.
        CPPUNIT_ASSERT(users.create({0, "legacy", "admin", "h", "s", "", std::nullopt, ""}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), users.adminKeyCandidates(ApiKeys::lookupDigest(wanted)).size());
    }

    void logTextIsEscaped()
    {
        using jji::bridge::EscapingFormatter;
        CPPUNIT_ASSERT_EQUAL(std::string("a\\r\\nb\\x1b[31m\\\\x"), EscapingFormatter::escape("a\r\nb\x1b[31m\\x"));
        CPPUNIT_ASSERT_EQUAL(std::string("plain \xc3\xa9t\xc3\xa9"), EscapingFormatter::escape("plain \xc3\xa9t\xc3\xa9")); // UTF-8 kept
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AccessSecurityTest);
