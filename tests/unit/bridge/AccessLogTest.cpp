#include "jji/bridge/http/AccessLog.h"
#include "jji/storage/Metrics.h"

#include <cppunit/extensions/HelperMacros.h>

#include <fcntl.h>
#include <sstream>
#include <thread>
#include <unistd.h>
#include <vector>

using jji::bridge::AccessLog;

/// The access log's batching writer and the lock-free metric series behind every request.
class AccessLogTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(AccessLogTest);
    CPPUNIT_TEST(everyLineArrivesWholeAndEscaped);
    CPPUNIT_TEST(histogramsStayCumulativeUnderConcurrentUpdates);
    CPPUNIT_TEST_SUITE_END();

public:
    void everyLineArrivesWholeAndEscaped()
    {
        int pipeFds[2];
        CPPUNIT_ASSERT_EQUAL(0, ::pipe(pipeFds));
        std::string received;
        std::thread reader([&] {
            char buffer[65536];
            ssize_t n;
            while ((n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0)
                received.append(buffer, static_cast<std::size_t>(n));
        });
        AccessLog& log = AccessLog::instance();
        log.start(pipeFds[1]);
        constexpr int kThreads = 4, kLines = 5000;
        std::vector<std::thread> writers;
        for (int t = 0; t < kThreads; ++t)
            writers.emplace_back([&log, t] {
                for (int i = 0; i < kLines; ++i)
                    log.record("GET", "/results/t" + std::to_string(t) + "-" + std::to_string(i), 200, 0.25);
            });
        for (auto& w : writers)
            w.join();
        log.record("GET", "/x\r\n2026-01-01 00:00:00 Information forged", 404, 1.0);
        log.stop();
        ::close(pipeFds[1]);
        reader.join();
        ::close(pipeFds[0]);

        std::istringstream lines(received);
        std::string line;
        int count = 0;
        while (std::getline(lines, line)) {
            ++count;
            CPPUNIT_ASSERT_MESSAGE(line, line.size() > 20 && line[4] == '-' && line[13] == ':');
            CPPUNIT_ASSERT_MESSAGE(line, line.find(" Information jji.access: GET /") == 19);
        }
        CPPUNIT_ASSERT_EQUAL(kThreads * kLines + 1, count);
        CPPUNIT_ASSERT(received.find("GET /results/t3-4999 200 0.2ms\n") != std::string::npos ||
                       received.find("GET /results/t3-4999 200 0.3ms\n") != std::string::npos);
        CPPUNIT_ASSERT(received.find("/x\\r\\n2026-01-01 00:00:00 Information forged 404 1.0ms\n") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(0ULL, log.dropped());
    }

    void histogramsStayCumulativeUnderConcurrentUpdates()
    {
        auto& metrics = jji::storage::Metrics::instance();
        auto& histogram = metrics.histogram("jji_test_seconds", {{"route", "/t"}});
        auto& counter = metrics.counter("jji_test_total", {{"route", "/t"}});
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 10000; ++i) {
                    histogram.observe(i % 2 ? 0.003 : 0.2); // buckets le=0.005 and le=0.25
                    counter.add(1);
                }
            });
        for (auto& t : threads)
            t.join();
        const std::string text = metrics.render();
        CPPUNIT_ASSERT(text.find("jji_test_total{route=\"/t\"} 40000\n") != std::string::npos);
        CPPUNIT_ASSERT(text.find("jji_test_seconds_bucket{route=\"/t\",le=\"0.005\"} 20000\n") != std::string::npos);
        CPPUNIT_ASSERT(text.find("jji_test_seconds_bucket{route=\"/t\",le=\"0.1\"} 20000\n") != std::string::npos);
        CPPUNIT_ASSERT(text.find("jji_test_seconds_bucket{route=\"/t\",le=\"0.25\"} 40000\n") != std::string::npos);
        CPPUNIT_ASSERT(text.find("jji_test_seconds_bucket{route=\"/t\",le=\"+Inf\"} 40000\n") != std::string::npos);
        CPPUNIT_ASSERT(text.find("jji_test_seconds_count{route=\"/t\"} 40000\n") != std::string::npos);
        CPPUNIT_ASSERT(text.find("jji_test_seconds_sum{route=\"/t\"} 4060\n") != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AccessLogTest);
