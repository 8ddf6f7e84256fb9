#include "jji/bridge/http/ErrorRates.h"

#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <thread>
#include <vector>

using jji::bridge::ErrorRates;

/// The original's rolling 5-minute and 1-hour error rates, kept in per-second buckets.
class ErrorRatesTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ErrorRatesTest);
    CPPUNIT_TEST(windowsCountTheirLastSeconds);
    CPPUNIT_TEST(errorClassesShowOnceSeenEvenAtZero);
    CPPUNIT_TEST(bucketsAreReusedAfterAnHour);
    CPPUNIT_TEST(rateIsRoundedToFourPlaces);
    CPPUNIT_TEST(monitoringPathsAreNotTracked);
    CPPUNIT_TEST(highServerErrorRateFollowsTheOriginalRule);
    CPPUNIT_TEST(concurrentRequestsAreAllCounted);
    CPPUNIT_TEST_SUITE_END();

public:
    void windowsCountTheirLastSeconds()
    {
        auto rates = std::make_unique<ErrorRates>();
        rates->recordAt(200, 100);
        rates->recordAt(404, 100);
        rates->recordAt(503, 250);
        auto s = rates->snapshotAt(ErrorRates::kShortWindow, 250);
        CPPUNIT_ASSERT_EQUAL(300, s.windowSeconds);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), s.total);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), s.clientErrors);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), s.serverErrors);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), s.errors());
        // Second 100 is the window's oldest at 399 and gone at 400; the hour still has it.
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), rates->snapshotAt(ErrorRates::kShortWindow, 399).total);
        s = rates->snapshotAt(ErrorRates::kShortWindow, 400);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), s.total);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), s.clientErrors);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), rates->snapshotAt(ErrorRates::kLongWindow, 3699).total);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), rates->snapshotAt(ErrorRates::kLongWindow, 3700).total);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), rates->snapshotAt(ErrorRates::kLongWindow, 3850).total);
        // What is recorded now shows at once.
        rates->record(500);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), rates->snapshot(ErrorRates::kShortWindow).serverErrors);
    }

    void errorClassesShowOnceSeenEvenAtZero()
    {
        auto rates = std::make_unique<ErrorRates>();
        rates->recordAt(200, 5);
        auto s = rates->snapshotAt(ErrorRates::kShortWindow, 5);
        CPPUNIT_ASSERT(!s.clientErrorsSeen);
        CPPUNIT_ASSERT(!s.serverErrorsSeen);
        rates->recordAt(422, 6);
        s = rates->snapshotAt(ErrorRates::kShortWindow, 1000);
        CPPUNIT_ASSERT(s.clientErrorsSeen); // the original never removes a class it has seen
        CPPUNIT_ASSERT(!s.serverErrorsSeen);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), s.clientErrors);
    }

    void bucketsAreReusedAfterAnHour()
    {
        auto rates = std::make_unique<ErrorRates>();
        for (int i = 0; i < 5; ++i)
            rates->recordAt(500, 10);
        rates->recordAt(200, 10 + ErrorRates::kLongWindow); // the same bucket, an hour later
        const auto s = rates->snapshotAt(ErrorRates::kLongWindow, 10 + ErrorRates::kLongWindow);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), s.total);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), s.serverErrors);
        // A late writer for the old second does not reset the newer one.
        rates->recordAt(500, 10);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), rates->snapshotAt(ErrorRates::kLongWindow, 10 + ErrorRates::kLongWindow).total);
    }

    void rateIsRoundedToFourPlaces()
    {
        ErrorRates::Snapshot s;
        CPPUNIT_ASSERT_EQUAL(0.0, s.errorRate());
        s.total = 3;
        s.clientErrors = 1;
        CPPUNIT_ASSERT_EQUAL(0.3333, s.errorRate());
        s.serverErrors = 1;
        CPPUNIT_ASSERT_EQUAL(0.6667, s.errorRate());
    }

    void monitoringPathsAreNotTracked()
    {
        for (const char* path : {"/health", "/api/health", "/metrics", "/favicon.ico"})
            CPPUNIT_ASSERT_MESSAGE(path, !ErrorRates::tracks(path));
        for (const char* path : {"/", "/health/x", "/api/healthz", "/analyze", "/metrics/", "/results/x"})
            CPPUNIT_ASSERT_MESSAGE(path, ErrorRates::tracks(path));
    }

    void highServerErrorRateFollowsTheOriginalRule()
    {
        ErrorRates::Snapshot s;
        s.total = 9;
        s.serverErrors = 9;
        CPPUNIT_ASSERT(!ErrorRates::highServerErrorRate(s)); // fewer than 10 requests
        s.total = 10;
        s.serverErrors = 5;
        s.clientErrors = 5;
        CPPUNIT_ASSERT(!ErrorRates::highServerErrorRate(s)); // half is not more than half; 4xx never count
        s.serverErrors = 6;
        s.clientErrors = 0;
        CPPUNIT_ASSERT_EQUAL(std::string("\xE2\x9A\xA0\xEF\xB8\x8F JJI high 5xx error rate: 60% (6/10 requests in 300.0s window)"),
                             ErrorRates::highServerErrorRate(s).value());
        s.total = 16;
        s.serverErrors = 10; // 62.5 %: rounded half to even, as Python's format
        CPPUNIT_ASSERT(ErrorRates::highServerErrorRate(s)->find(" 62% (10/16 ") != std::string::npos);

        auto rates = std::make_unique<ErrorRates>();
        for (int i = 0; i < 9; ++i)
            rates->record(500);
        CPPUNIT_ASSERT(!rates->highServerErrorRate());
        rates->record(500);
        CPPUNIT_ASSERT(rates->highServerErrorRate()->find(" 100% (10/10 requests") != std::string::npos);
    }

    void concurrentRequestsAreAllCounted()
    {
        auto rates = std::make_unique<ErrorRates>();
        constexpr int kThreads = 4, kEach = 50000;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&rates, t] {
                for (int i = 0; i < kEach; ++i)
                    rates->recordAt(t == 0 ? 500 : 200, 42 + i % 3);
            });
        for (auto& t : threads)
            t.join();
        const auto s = rates->snapshotAt(ErrorRates::kShortWindow, 44);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(kThreads * kEach), s.total);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(kEach), s.serverErrors);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ErrorRatesTest);
