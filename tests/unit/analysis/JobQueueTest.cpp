#include "jji/analysis/runtime/JobQueue.h"

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <thread>

using jji::analysis::JobQueue;
using namespace std::chrono_literals;

class JobQueueTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(JobQueueTest);
    CPPUNIT_TEST(runsEveryJob);
    CPPUNIT_TEST(neverRunsMoreThanTheLimit);
    CPPUNIT_TEST(delayedJobsTakeNoWorkerWhileWaiting);
    CPPUNIT_TEST(aThrowingJobDoesNotKillTheWorker);
    CPPUNIT_TEST_SUITE_END();

    static bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds limit = 10s)
    {
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (!condition()) {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            std::this_thread::sleep_for(5ms);
        }
        return true;
    }

public:
    void runsEveryJob()
    {
        std::atomic<int> done{0};
        JobQueue queue(3);
        for (int i = 0; i < 50; ++i)
            queue.submit([&done] { ++done; });
        CPPUNIT_ASSERT(waitFor([&] { return done == 50; }));
    }

    void neverRunsMoreThanTheLimit()
    {
        std::atomic<int> now{0}, peak{0}, done{0};
        JobQueue queue(2);
        for (int i = 0; i < 8; ++i) {
            queue.submit([&] {
                int running = ++now;
                int seen = peak.load();
                while (running > seen && !peak.compare_exchange_weak(seen, running)) {
                }
                std::this_thread::sleep_for(30ms);
                --now;
                ++done;
            });
        }
        std::this_thread::sleep_for(10ms);
        CPPUNIT_ASSERT(queue.queued() >= 5); // the rest wait, pending
        CPPUNIT_ASSERT(waitFor([&] { return done == 8; }));
        CPPUNIT_ASSERT_EQUAL(2, peak.load());
    }

    void delayedJobsTakeNoWorkerWhileWaiting()
    {
        std::atomic<int> delayedRan{0}, immediateRan{0};
        JobQueue queue(1);
        auto submitted = std::chrono::steady_clock::now();
        std::chrono::steady_clock::time_point ranAt;
        queue.submitAfter(300ms, [&] {
            ranAt = std::chrono::steady_clock::now();
            ++delayedRan;
        });
        queue.submit([&] { ++immediateRan; }); // the only worker is free meanwhile
        CPPUNIT_ASSERT(waitFor([&] { return immediateRan == 1; }, 200ms));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), queue.delayed());
        CPPUNIT_ASSERT(waitFor([&] { return delayedRan == 1; }));
        CPPUNIT_ASSERT(ranAt - submitted >= 300ms);
    }

    void aThrowingJobDoesNotKillTheWorker()
    {
        std::atomic<int> done{0};
        JobQueue queue(1);
        queue.submit([] { throw std::runtime_error("bug"); });
        queue.submit([&done] { ++done; });
        CPPUNIT_ASSERT(waitFor([&] { return done == 1; }));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JobQueueTest);
