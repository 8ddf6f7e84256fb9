// Guessing keys: the throttle's buckets per address and per user, and finding an admin by
// a key's lookup digest so a check costs the same with any number of admins.
#include "jji/bridge/access/ApiKeys.h"
#include "jji/bridge/access/AuthThrottle.h"
#include "jji/bridge/server/EscapingFormatter.h"
#include "jji/storage/Database.h"
#include "jji/storage/Migrations.h"
#include "jji/storage/UserStore.h"
#include "jji/test/CapturingChannel.h"
#include "jji/test/TempDir.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using jji::bridge::ApiKeys;
using jji::bridge::AuthThrottle;
using namespace std::chrono_literals;

using jji::test::CapturingChannel;

class AccessSecurityTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AccessSecurityTest);
    CPPUNIT_TEST(addressBucketEmptiesAndRefills);
    CPPUNIT_TEST(successesGiveTheirTokenBack);
    CPPUNIT_TEST(concurrentGuessesShareTheLastToken);
    CPPUNIT_TEST(usernameBucketHoldsAcrossAddresses);
    CPPUNIT_TEST(bucketsAreBounded);
    CPPUNIT_TEST(burstsAreLoggedOnceWithCounts);
    CPPUNIT_TEST(keyLookupFindsOneAdminAmongMany);
    CPPUNIT_TEST(logTextIsEscaped);
    CPPUNIT_TEST_SUITE_END();

public:
    /// One failed attempt: admitted, then failed.
    static void fail(AuthThrottle& throttle, const std::string& address, const std::string& user, AuthThrottle::Clock::time_point at)
    {
        CPPUNIT_ASSERT_EQUAL(0, throttle.admit(address, user, at));
        throttle.failed(address, user, "admin login", at);
    }

    void addressBucketEmptiesAndRefills()
    {
        AuthThrottle throttle(6); // one token every 10 s
        const auto t0 = AuthThrottle::Clock::now();
        for (int i = 0; i < 6; ++i)
            fail(throttle, "10.0.0.1", "", t0);
        CPPUNIT_ASSERT_EQUAL(10, throttle.admit("10.0.0.1", "", t0));
        CPPUNIT_ASSERT_EQUAL(5, throttle.admit("10.0.0.1", "", t0 + 5s));
        CPPUNIT_ASSERT_EQUAL(0, throttle.admit("10.0.0.1", "", t0 + 10s)); // one more try after 10 s
        CPPUNIT_ASSERT_EQUAL(0, throttle.admit("10.0.0.2", "", t0));       // other addresses are not held up
    }

    void successesGiveTheirTokenBack()
    {
        AuthThrottle throttle(3);
        const auto t0 = AuthThrottle::Clock::now();
        for (int i = 0; i < 50; ++i) { // an admin's script: many good keys in a row
            CPPUNIT_ASSERT_EQUAL(0, throttle.admit("10.0.0.1", "", t0));
            throttle.succeeded("10.0.0.1", "", t0);
        }
        CPPUNIT_ASSERT_EQUAL(0, throttle.admit("10.0.0.1", "", t0));
    }

    void concurrentGuessesShareTheLastToken()
    {
        AuthThrottle throttle(10);
        const auto t0 = AuthThrottle::Clock::now();
        for (int i = 0; i < 9; ++i)
            fail(throttle, "10.0.0.1", "", t0);
        std::atomic<int> admitted{0};
        std::vector<std::thread> guessers;
        for (int i = 0; i < 16; ++i)
            guessers.emplace_back([&] {
                if (throttle.admit("10.0.0.1", "", t0) == 0)
                    ++admitted;
            });
        for (auto& t : guessers)
            t.join();
        CPPUNIT_ASSERT_EQUAL(1, admitted.load());
    }

    void usernameBucketHoldsAcrossAddresses()
    {
        AuthThrottle throttle(3);
        const auto t0 = AuthThrottle::Clock::now();
        for (int i = 0; i < 3; ++i)
            fail(throttle, "10.0.0." + std::to_string(i), "ops", t0); // a botnet, one try each
        CPPUNIT_ASSERT(throttle.admit("10.0.0.9", "ops", t0) > 0);
        CPPUNIT_ASSERT_EQUAL(0, throttle.admit("10.0.0.9", "alice", t0));
        CPPUNIT_ASSERT_EQUAL(0, throttle.admit("10.0.0.9", "ops", t0 + 60s));
    }

    void bucketsAreBounded()
    {
        AuthThrottle throttle(100000);
        const auto t0 = AuthThrottle::Clock::now();
        for (int i = 0; i < 25000; ++i) // all at once: no bucket refills, so none is idle
            fail(throttle, "10.0.0.1", "user" + std::to_string(i), t0);
        CPPUNIT_ASSERT(throttle.trackedBuckets() <= 10000);
        CPPUNIT_ASSERT(throttle.admit("10.0.0.1", "", t0) >= 0); // still answers
    }

    void burstsAreLoggedOnceWithCounts()
    {
        Poco::AutoPtr<CapturingChannel> log(new CapturingChannel);
        Poco::Logger::get("jji.auth").setChannel(log);
        AuthThrottle throttle(1000);
        const auto t0 = AuthThrottle::Clock::now();
        for (int i = 0; i < 201; ++i)
            fail(throttle, "10.0.0.1", "ops", t0);
        fail(throttle, "10.0.0.1", "ops", t0 + 600s); // a new burst after a quiet spell
        const std::string text = log->text();
        CPPUNIT_ASSERT_MESSAGE(text, text.find("failed admin login from 10.0.0.1 for 'ops'") == 0);
        CPPUNIT_ASSERT_MESSAGE(text, text.find("100 more failed sign-ins or keys from 10.0.0.1 so far") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(text, text.find("200 more failed sign-ins or keys from 10.0.0.1 in the previous burst") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
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
