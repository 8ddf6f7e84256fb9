#include "jji/analysis/runtime/ProcessRunner.h"
#include "jji/test/TempDir.h"

#include <cppunit/extensions/HelperMacros.h>

#include <csignal>
#include <fstream>
#include <thread>

using jji::analysis::ProcessRunner;
using namespace std::chrono_literals;

class ProcessRunnerTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ProcessRunnerTest);
    CPPUNIT_TEST(stdinReachesTheChild);
    CPPUNIT_TEST(largeOutputOnBothPipesDoesNotDeadlock);
    CPPUNIT_TEST(exitCodeAndStderrAreKept);
    CPPUNIT_TEST(timeoutKillsTheWholeGroup);
    CPPUNIT_TEST(missingExecutableIsReported);
    CPPUNIT_TEST(childThatIgnoresStdinDoesNotKillUs);
    CPPUNIT_TEST(concurrentRunsDoNotShareStdin);
    CPPUNIT_TEST(cliThatClosesOutputButLingersIsKilled);
    CPPUNIT_TEST_SUITE_END();

public:
    void stdinReachesTheChild()
    {
        auto r = ProcessRunner::run("cat", {}, "hello prompt", 10s);
        CPPUNIT_ASSERT(r.launched);
        CPPUNIT_ASSERT_EQUAL(0, r.exitCode);
        CPPUNIT_ASSERT_EQUAL(std::string("hello prompt"), r.out);
    }

    void largeOutputOnBothPipesDoesNotDeadlock()
    {
        std::string input(3 * 1024 * 1024, 'x');
        auto r = ProcessRunner::run("sh", {"-c", "tee /dev/stderr"}, input, 30s);
        CPPUNIT_ASSERT_EQUAL(0, r.exitCode);
        CPPUNIT_ASSERT_EQUAL(input.size(), r.out.size());
        CPPUNIT_ASSERT_EQUAL(input.size(), r.err.size());
    }

    void exitCodeAndStderrAreKept()
    {
        auto r = ProcessRunner::run("sh", {"-c", "echo oops >&2; exit 3"}, "", 10s);
        CPPUNIT_ASSERT_EQUAL(3, r.exitCode);
        CPPUNIT_ASSERT_EQUAL(std::string("oops\n"), r.err);
        CPPUNIT_ASSERT(!r.timedOut);
    }

    void timeoutKillsTheWholeGroup()
    {
        jji::test::TempDir dir;
        std::string pidFile = dir.file("pid");
        auto began = std::chrono::steady_clock::now();
        auto r = ProcessRunner::run("sh", {"-c", "sleep 300 & echo $! > " + pidFile + "; trap '' TERM; sleep 300"}, "",
                                    500ms, "", 500ms);
        auto took = std::chrono::steady_clock::now() - began;
        CPPUNIT_ASSERT(r.timedOut);
        CPPUNIT_ASSERT(took < 5s);
        std::ifstream in(pidFile);
        int grandchild = 0;
        in >> grandchild;
        CPPUNIT_ASSERT(grandchild > 0);
        std::this_thread::sleep_for(100ms);
        std::ifstream stat("/proc/" + std::to_string(grandchild) + "/stat");
        std::string pid, comm, state;
        stat >> pid >> comm >> state;
        CPPUNIT_ASSERT_MESSAGE("grandchild still running: " + state, !stat || state == "Z" || state.empty());
    }

    void missingExecutableIsReported()
    {
        auto r = ProcessRunner::run("/nonexistent/ai-cli", {}, "", 5s);
        CPPUNIT_ASSERT(!r.launched);
        CPPUNIT_ASSERT(!r.launchError.empty());
        auto s = ProcessRunner::run("no-such-cli-on-path-xyz", {}, "", 5s);
        CPPUNIT_ASSERT(!s.launched);
    }

    void childThatIgnoresStdinDoesNotKillUs()
    {
        std::string input(1024 * 1024, 'y');
        auto r = ProcessRunner::run("true", {}, input, 10s);
        CPPUNIT_ASSERT_EQUAL(0, r.exitCode);
    }

    void concurrentRunsDoNotShareStdin()
    {
        std::vector<std::thread> threads;
        std::vector<std::string> outs(6);
        for (int i = 0; i < 6; ++i)
            threads.emplace_back([i, &outs] { outs[i] = ProcessRunner::run("cat", {}, "input-" + std::to_string(i), 20s).out; });
        for (auto& t : threads)
            t.join();
        for (int i = 0; i < 6; ++i)
            CPPUNIT_ASSERT_EQUAL("input-" + std::to_string(i), outs[i]);
    }

    void cliThatClosesOutputButLingersIsKilled()
    {
        auto began = std::chrono::steady_clock::now();
        auto r = ProcessRunner::run("sh", {"-c", "echo answer; exec >&- 2>&-; sleep 300"}, "", 60s, "", 300ms);
        CPPUNIT_ASSERT(std::chrono::steady_clock::now() - began < 10s);
        CPPUNIT_ASSERT_EQUAL(std::string("answer\n"), r.out);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ProcessRunnerTest);
