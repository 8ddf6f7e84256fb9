#include "jji/analysis/signature/ErrorSignature.h"
#include "jji/analysis/signature/StackFrames.h"

#include <cppunit/extensions/HelperMacros.h>

using jji::analysis::ErrorSignature;
using jji::analysis::StackFrames;

/// One test per normalization rule: the same bug with different volatile parts shares a
/// signature, and a look-alike from another bug does not.
class ErrorSignatureTest : public CppUnit::TestFixture
{
    CPPUNIT_TEST_SUITE(ErrorSignatureTest);
    CPPUNIT_TEST(isSha256HexOfTheText);
    CPPUNIT_TEST(uuidsFullAndShortened);
    CPPUNIT_TEST(identityHashesAndAddresses);
    CPPUNIT_TEST(temporaryDirectoriesAndRandomSuffixes);
    CPPUNIT_TEST(portsAndPoolIds);
    CPPUNIT_TEST(timestampsDurationsPidsThreads);
    CPPUNIT_TEST(testParametersInFramesAndNames);
    CPPUNIT_TEST(emptyMessageUsesTheOutputsErrorLines);
    CPPUNIT_TEST(genericMessageUsesTheOutput);
    CPPUNIT_TEST(operandsMaskedWithFramesKeptWithout);
    CPPUNIT_TEST(framesWithoutLinesAndRunnerFrames);
    CPPUNIT_TEST(javaRootCauseAndKind);
    CPPUNIT_TEST(pytestPhaseWrapperAndCollectionErrors);
    CPPUNIT_TEST(quotedValuesAndLiteralsWithARaiseSite);
    CPPUNIT_TEST(repeatedItemsAndLines);
    CPPUNIT_TEST(productExceptionsSeenOnlyFromTheTest);
    CPPUNIT_TEST(nodeRunnerWrapperAndCause);
    CPPUNIT_TEST(framesParsedPerLanguage);
    CPPUNIT_TEST(goParentTakesItsFailingSubtestsText);
    CPPUNIT_TEST(aTestReportedTwiceIsOneFailure);
    CPPUNIT_TEST(hostileInputIsBounded);
    CPPUNIT_TEST(invalidUtf8IsReplacedNotThrown);
    CPPUNIT_TEST_SUITE_END();

    static void same(const std::string& m1, const std::string& s1, const std::string& m2, const std::string& s2,
                     const std::string& t1 = "", const std::string& t2 = "")
    {
        CPPUNIT_ASSERT_EQUAL_MESSAGE(ErrorSignature::normalize(m1, s1, t1) + " vs " + ErrorSignature::normalize(m2, s2, t2),
                                     ErrorSignature::compute(m1, s1, t1), ErrorSignature::compute(m2, s2, t2));
    }

    static void different(const std::string& m1, const std::string& s1, const std::string& m2, const std::string& s2,
                          const std::string& t1 = "", const std::string& t2 = "")
    {
        CPPUNIT_ASSERT_MESSAGE(ErrorSignature::normalize(m1, s1, t1) + " vs " + ErrorSignature::normalize(m2, s2, t2),
                               ErrorSignature::compute(m1, s1, t1) != ErrorSignature::compute(m2, s2, t2));
    }

public:
    void isSha256HexOfTheText()
    {
        std::string sig = ErrorSignature::compute("AssertionError", "");
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), sig.size());
        CPPUNIT_ASSERT(sig.find_first_not_of("0123456789abcdef") == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(ErrorSignature::hashText(ErrorSignature::normalize("AssertionError", "")), sig);
        CPPUNIT_ASSERT_EQUAL(std::string("kind: AssertionError\nmessage: AssertionError: x\n"), ErrorSignature::normalize("AssertionError: x", ""));
    }

    void uuidsFullAndShortened()
    {
        same("request 3f2b8c1e-9a4d-4e2b-8f1a-0c9d8e7f6a5b failed", "", "request 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d failed", "");
        same("session 'ca4a1055-453...-d62c8bfd0d20' expired", "", "session '0b1e2f3a-4c5...-a1b2c3d4e5f6' expired", "");
        same("session 'ca4a1055-453\xE2\x80\xA6" "d62c8bfd0d20' expired", "", "session 'ff0a1055-9a3\xE2\x80\xA6" "d62c8bf0000a' expired", "");
        different("request 3f2b8c1e-9a4d-4e2b-8f1a-0c9d8e7f6a5b failed", "", "session 3f2b8c1e-9a4d-4e2b-8f1a-0c9d8e7f6a5b expired", "");
    }

    void identityHashesAndAddresses()
    {
        same("com.acme.Account@7f13d6e has no owner", "", "com.acme.Account@1b6d35 has no owner", "");
        same("<Handler object at 0x7feb3a2c1d>", "", "<Handler object at 0x55d0e4a0>", "");
        same("x", "at com.acme.Pool$Lease@3a7f.close(Pool.java:3)", "x", "at com.acme.Pool$Lease@91bc.close(Pool.java:9)");
        different("com.acme.Account@7f13d6e has no owner", "", "com.acme.Invoice@7f13d6e has no owner", "");
    }

    void temporaryDirectoriesAndRandomSuffixes()
    {
        same("cannot open /tmp/gtest-cache-tXepoa/catalog.bin", "", "cannot open /tmp/gtest-cache-Q7abXd/users.bin", "");
        same("missing /tmp/pytest-of-root/pytest-3/test_x_0/a.db", "", "missing /tmp/pytest-of-ci/pytest-17/test_x_1/b.db", "");
        same("snapshot /tmp/ledger-snap-4357103596333926118/l.json", "", "snapshot /tmp/ledger-snap-9/l.json", "");
        same("bad config /home/ci/cfg-dev-AHi7qP/app.toml", "", "bad config /home/ci/cfg-dev-Zk3pQa/app.toml", "");
        same("read /home/jenkins/workspace/shop/src/a.py", "", "read /var/lib/jenkins/workspace/shop@2/src/a.py", "");
        different("bad config /etc/app/app.toml", "", "bad config /etc/app/db.toml", "");
        different("bad config /home/ci/cfg-dev/fileName.toml", "", "bad config /home/ci/cfg-dev/userName.toml", "");
    }

    void portsAndPoolIds()
    {
        same("ConnectionError: 127.0.0.1:45775 refused", "", "ConnectionError: 127.0.0.1:38211 refused", "");
        same("connection [pool-3a7f] closed", "", "connection [pool-0012] closed", "");
        same("listening on port 5432 failed", "", "listening on port 6543 failed", "");
        different("ConnectionError: 127.0.0.1:45775 refused", "", "ConnectionError: 127.0.0.1:45775 reset", "");
        // A hex id of letters only is an id after a word that names one, a word elsewhere.
        same("[pool-cbde] pool exhausted", "", "[pool-eddb] pool exhausted", "");
        different("cannot decode face image", "", "cannot decode fade image", "");
    }

    void timestampsDurationsPidsThreads()
    {
        same("at 2026-11-25T10:00:01Z", "", "at 2026-01-02 08:12:55.123", "");
        same("took 1733400000123 ms", "", "took 1733400999999 ms", "");
        same("deadline 1733400000123456us passed", "", "deadline 1733400999999999us passed", "");
        same("Timeout after 30.5s", "", "Timeout after 12s", "");
        same("worker pid 17 died", "", "worker pid 4711 died", "");
        same("in thread pool-2-thread-3", "", "in thread pool-5-thread-11", "");
        same("goroutine 34 [running]", "", "goroutine 7 [running]", "");
        different("Timeout after 30.5s", "", "Cancelled after 30.5s", "");
        // A duration's unit goes with its number: Go prints 32s and 1m4s for the same field.
        same("Delay(6) = 32s, want 30s", "", "Delay(6) = 1m4s, want 30s", "");
        // Sizes keep their unit: 5 MB and 5 s are not the same limit.
        different("limit of 5mb exceeded", "", "limit of 5s exceeded", "");
        // Numbers joined by a dash are one value: a month's export and a year's.
        same("export of 2024-06 failed: disk full", "", "export of 2024 failed: disk full", "");
        different("export of 2024-06 failed: disk full", "", "import of 2024-06 failed: disk full", "");
    }

    void testParametersInFramesAndNames()
    {
        same("AssertionError: stale", "tests/test_cache.py:12: in test_cache_roundtrip[catalog]\nE   AssertionError: stale",
             "AssertionError: stale", "tests/test_cache.py:30: in test_cache_roundtrip[users]\nE   AssertionError: stale");
        same("awaitsEvent_75() timed out", "", "awaitsEvent_495() timed out", "", "com.acme.PollerTest.awaitsEvent_75",
             "com.acme.PollerTest.awaitsEvent_495");
        different("AssertionError: stale", "tests/test_cache.py:12: in test_cache_roundtrip[catalog]",
                  "AssertionError: stale", "tests/test_cache.py:12: in test_cache_evicts[catalog]");
        // The parameter a test is named after, in its message (node --test "quantity of BOLT#M8").
        const std::string js = "    at TestContext.<anonymous> (file:///ci/test/stock-client.test.mjs:20:12)\n";
        same("stock of BOLT#M8 via http://127.0.0.1:42161/stock/BOLT#M8 !== 12", js, "stock of NUT?M8 via http://127.0.0.1:42161/stock/NUT?M8 !== 75",
             js, "test.quantity of BOLT#M8", "test.quantity of NUT?M8");
        same("no stock for us-east-1", js, "no stock for eu-west-2", js, "tests.test_stock[us-east-1]", "tests.test_stock[eu-west-2]");
        // Plain words of the name stay: they may be what the message is about.
        different("quantity is wrong", js, "discount is wrong", js, "test.price of quantity", "test.price of discount");
        // Without a raise site the message is all there is, parameter included.
        different("stock of BOLT#M8 is 0", "", "stock of NUT?M8 is 0", "", "test.quantity of BOLT#M8", "test.quantity of NUT?M8");
    }

    void emptyMessageUsesTheOutputsErrorLines()
    {
        // CTest: no message; the JUnit reader passes the output's first line as the message.
        const std::string segv1 = "loading corpus from /tmp/corpus-aX7bQz\nworker pid 4711 started\nSegmentation fault (core dumped)\n";
        const std::string segv2 = "loading corpus from /tmp/corpus-Qz9kLm\nworker pid 88 started\nSegmentation fault (core dumped)\n";
        same("loading corpus from /tmp/corpus-aX7bQz", segv1, "loading corpus from /tmp/corpus-Qz9kLm", segv2);
        same("", segv1, "", segv2);
        const std::string abort = "loading corpus from /tmp/corpus-aX7bQz\nworker pid 4711 started\nAborted (core dumped)\n";
        different("", segv1, "", abort);
        different("", "Timeout: no reply after 3000 ms\n", "", "exit code 3\n");
        // Output that names no error (cut short by a crash or timeout): each test stands alone
        // rather than two bugs becoming one.
        const std::string banner = "cellcalc check pid=4711 started\n";
        CPPUNIT_ASSERT(ErrorSignature::compute("", banner, "calc.alias_mean") != ErrorSignature::compute("", banner, "calc.tab_skip"));
    }

    void genericMessageUsesTheOutput()
    {
        // go-junit-report: message "Failed", the evidence is the test's output.
        same("Failed", "=== RUN   TestBalance/a\n    ledger_test.go:44: balance of acct-7 = 5, want 7\n--- FAIL",
             "Failed", "=== RUN   TestBalance/b\n    ledger_test.go:45: balance of acct-9 = 15, want 17\n--- FAIL");
        different("Failed", "    ledger_test.go:44: balance of acct-7 = 5, want 7\n",
                  "Failed", "    ledger_test.go:44: currency of acct-7 = EUR, want USD\n");
        // The runner's status line names the test, and Go durations are durations.
        same("Failed", "    backoff_test.go:30: Delay(12) = 1h7m37.5s, want 30s\n--- FAIL: TestDelay/attempt_12 (0.00s)\n", "Failed",
             "    backoff_test.go:30: Delay(6) = 2m49.152s, want 30s\n--- FAIL: TestDelay/attempt_6 (0.01s)\n");
    }

    void operandsMaskedWithFramesKeptWithout()
    {
        // The same bug in a parametrized test: other operands, the same frame.
        same("assert 9 == 10", "tests/test_shop.py:12: in test_discount\n", "assert 18 == 20", "tests/test_shop.py:12: in test_discount\n");
        // Look-alikes of two bugs: the frames tell them apart.
        different("assert 4 == 5", "tests/test_paginate.py:8: in test_page\n", "4 !== 5",
                  "    at TestContext.<anonymous> (file:///ci/test/retry.test.mjs:9:3)\n");
        different("assert 4 == 5", "tests/test_paginate.py:8: in test_page\n", "assert 4 == 5", "tests/test_retry.py:8: in test_retry\n");
        // Nothing but the operands: they are the evidence.
        different("4 !== 5", "", "3 !== 7", "");
        different("status 404", "", "status 500", "");
    }

    void framesWithoutLinesAndRunnerFrames()
    {
        const std::string a = "java.lang.IllegalStateException: closed\n\tat com.acme.db.Pool.borrow(Pool.java:90)\n"
                              "\tat com.acme.db.RepositoryTest.saves(RepositoryTest.java:12)\n"
                              "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n";
        const std::string b = "java.lang.IllegalStateException: closed\n\tat com.acme.db.Pool.borrow(Pool.java:91)\n"
                              "\tat com.acme.db.ReportTest.exports(ReportTest.java:40)\n";
        same("closed", a, "closed", b); // the raise site, not the test that called it
        const std::string c = "java.lang.IllegalStateException: closed\n\tat com.acme.db.Pool.release(Pool.java:120)\n";
        different("closed", a, "closed", c);
        const std::string node = "AssertionError: x\n    at Test.runInAsyncScope (node:async_hooks:206:9)\n"
                                 "    at Test.run (node:internal/test_runner/test:796:25)\n";
        CPPUNIT_ASSERT(StackFrames::userFrames(node, 3).empty());
    }

    void javaRootCauseAndKind()
    {
        const std::string trace = "java.lang.RuntimeException: wrapped\n\tat com.acme.Api.call(Api.java:10)\n"
                                  "Caused by: java.net.ConnectException: refused\n\tat com.acme.Net.open(Net.java:33)\n";
        auto parts = ErrorSignature::parts("wrapped", trace);
        CPPUNIT_ASSERT_EQUAL(std::string("ConnectException"), parts.kind);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), parts.frames.size());
        CPPUNIT_ASSERT_EQUAL(std::string("Net.java"), parts.frames[0].file);
        CPPUNIT_ASSERT_EQUAL(std::string("Net.open"), parts.frames[0].function);
    }

    void pytestPhaseWrapperAndCollectionErrors()
    {
        const std::string trace = "src/config.py:40: in get\n    return self._data[key]\nE   KeyError: 'timeout'\n";
        same("failed on setup with \"KeyError: 'timeout'\"", trace, "KeyError: 'timeout'", trace);
        const std::string collection = "ImportError while importing test module\nsrc/reports.py:3: in <module>\n"
                                       "E   ImportError: cannot import name 'fmt'\n";
        same("collection failure", collection, "ImportError: cannot import name 'fmt'", collection);
    }

    void quotedValuesAndLiteralsWithARaiseSite()
    {
        const std::string site = "src/cart.py:20: in apply_coupon\nE   KeyError\n";
        same("KeyError: 'SPRING24'", site, "KeyError: 'WELCOME'", site);
        same("AssertionError: assert None == {'a': 1}", site, "AssertionError: assert None == [1, 2, 3]", site);
        // An empty literal and an operand's sign (chai prints +0) are values too.
        same("worker threads still alive after close(): []", site, "worker threads still alive after close(): [pool-2-thread-1]", site);
        same("expected [] to have a length of 1 but got +0", site, "expected [ { id: 4 } ] to have a length of 3 but got 1", site);
        different("expected [] to have a length of 1 but got +0", site, "expected [] to have a size of 1 but got +0", site);
        // A double-quoted plain word is data too (PHP's `Undefined array key "se"`), code is not.
        const std::string php = "/srv/app/src/TaxTable.php:14\n";
        same("Undefined array key \"se\"", php, "Undefined array key \"fr\"", php);
        different("Cannot invoke \"Order.total()\"", php, "Cannot invoke \"Order.note()\"", php);
        // So is a URL the test posted to; the words around it still tell errors apart.
        const std::string js = "    at Dispatcher.deliver (file:///ci/src/webhooks.mjs:40:11)\n";
        same("webhook to http://127.0.0.1:4100/hooks/orders rejected: 401", js, "webhook to http://127.0.0.1:4100/hooks/refunds rejected: 401", js);
        different("webhook to http://127.0.0.1:4100/hooks/orders rejected: 401", js, "webhook to http://127.0.0.1:4100/hooks/orders timed out", js);
        different("GET http://svc/hooks/orders failed", "", "GET http://svc/hooks/refunds failed", "");
        // Without a raise site the value is all there is.
        different("KeyError: 'user'", "", "KeyError: 'order'", "");
        different("Undefined array key \"se\"", "", "Undefined array key \"fr\"", "");
    }

    void repeatedItemsAndLines()
    {
        // PHPUnit's first line names the test: not evidence, unlike a line that says more.
        const std::string php = "/srv/app/src/FileLock.php:31\n";
        same("Billing\\Tests\\FileLockTest::testSecondLockIsRefused\nunlink(/tmp/x.lock): No such file or directory", php,
             "unlink(/tmp/y.lock): No such file or directory", php, "Billing.Tests.FileLockTest.testSecondLockIsRefused",
             "Billing.Tests.FileLockTest.testLockFileHoldsOurPid");
        CPPUNIT_ASSERT(ErrorSignature::compute("Billing\\Tests\\FileLockTest::testSecondLockIsRefused failed to lock\nunlink", php,
                                               "Billing.Tests.FileLockTest.testSecondLockIsRefused") !=
                       ErrorSignature::compute("unlink", php, "Billing.Tests.FileLockTest.testSecondLockIsRefused"));
        const std::string site = "src/pool.py:9: in close\n";
        same("PoolError: leased: conn-3a7f", site, "PoolError: leased: conn-3a7f, conn-9b1c, conn-77aa", site);
        same("attempts: #1@12ms", site, "attempts: #1@12ms #2@40ms #3@90ms", site);
        same("FAIL balance = 5, want 7", "", "FAIL balance = 5, want 7\nFAIL balance = 5, want 7", "");
    }

    void productExceptionsSeenOnlyFromTheTest()
    {
        // Surefire trims traces to the test class: an NPE from product code shows the test's
        // frame only, which says which test, not where the bug is.
        const std::string npe = "Cannot invoke \"String.trim()\" because the return value of \"com.acme.Order.note()\" is null";
        same(npe, "java.lang.NullPointerException: " + npe + "\n\tat com.acme.InvoiceTest.orderWithoutNote(InvoiceTest.java:30)\n",
             npe, "java.lang.NullPointerException: " + npe + "\n\tat com.acme.InvoiceTest.batchImport(InvoiceTest.java:55)\n");
        // An assertion or a timeout in a test is located by the test's frame.
        different("expected:<4> but was:<5>", "java.lang.AssertionError: expected:<4> but was:<5>\n\tat com.acme.PageTest.first(PageTest.java:9)\n",
                  "expected:<4> but was:<5>", "java.lang.AssertionError: expected:<4> but was:<5>\n\tat com.acme.RetryTest.count(RetryTest.java:9)\n");
        // Double-quoted data at a raise site is masked, quoted code is not.
        same("can't modify frozen String: \"C-07\"", "./lib/bin.rb:12:in `label'", "can't modify frozen String: \"D-33\"", "./lib/bin.rb:12:in `label'");
        different("NullPointerException: \"a.b()\" is null", "\tat com.acme.Cart.total(Cart.java:3)",
                  "NullPointerException: \"a.c()\" is null", "\tat com.acme.Cart.total(Cart.java:3)");
    }

    void nodeRunnerWrapperAndCause()
    {
        auto trace = [](const std::string& dir) {
            return "[Error [ERR_TEST_FAILURE]: failed running beforeEach hook] {\n  code: 'ERR_TEST_FAILURE',\n"
                   "  cause: Error: ENOENT: no such file or directory, open '/tmp/" + dir + "/manifest.json'\n"
                   "      at async UploadStore.open (file:///ci/src/uploads.mjs:14:33)\n"
                   "      at async TestHook.run (node:internal/test_runner/test:797:9)\n";
        };
        auto parts = ErrorSignature::parts("failed running beforeEach hook", trace("uploads-8ph8VQ"));
        CPPUNIT_ASSERT_EQUAL(std::string("Error"), parts.kind);
        CPPUNIT_ASSERT(parts.message.find("ENOENT") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("UploadStore.open"), parts.frames.at(0).function);
        same("failed running beforeEach hook", trace("uploads-8ph8VQ"), "failed running beforeEach hook", trace("uploads-TxLHwt"));
    }

    void framesParsedPerLanguage()
    {
        auto one = [](const std::string& trace) {
            auto frames = StackFrames::userFrames(trace, 1);
            return frames.empty() ? std::string("-") : frames[0].file + " " + frames[0].function;
        };
        CPPUNIT_ASSERT_EQUAL(std::string("session.py resume"),
                             one("Traceback (most recent call last):\n  File \"/ci/tests/test_s.py\", line 3, in test_resume\n"
                                 "  File \"/ci/src/session.py\", line 58, in resume\nKeyError: 'x'"));
        CPPUNIT_ASSERT_EQUAL(std::string("retry.mjs Retrier.run"),
                             one("AssertionError\n    at Retrier.run (file:///ci/src/retry.mjs:30:11)\n    at async Test.run (node:internal/test_runner/test:1:1)"));
        CPPUNIT_ASSERT_EQUAL(std::string("ring.cc "), one("ring.cc:45\nExpected equality of these values:"));
        CPPUNIT_ASSERT_EQUAL(std::string("ledger.go ledger.(*Ledger).Post"),
                             one("panic: boom\n\ngoroutine 7 [running]:\nexample.com/ledger.(*Ledger).Post(0xc000)\n\t/ci/ledger.go:31 +0x1d\n"));
        CPPUNIT_ASSERT_EQUAL(std::string("cart_spec.rb block in <top>"), one("./spec/cart_spec.rb:12:in `block in <top>'"));
        CPPUNIT_ASSERT_EQUAL(std::string("parser.cpp parse"), one("#3 0x55d4a1 in parse /ci/src/parser.cpp:12:3"));
        CPPUNIT_ASSERT_EQUAL(std::string("-"), one("plain output with no frame"));
    }

    void goParentTakesItsFailingSubtestsText()
    {
        using jji::analysis::TestFailure;
        auto fail = [](const std::string& name, const std::string& output) {
            TestFailure f;
            f.testName = "example.com/keeper/backoff." + name;
            f.errorMessage = "Failed";
            f.stackTrace = "=== RUN   " + name + "\n" + output + "--- FAIL: " + name + " (0.00s)\n";
            return f;
        };
        const std::vector<TestFailure> report = {
            fail("TestDelayIsCapped/attempt_6", "    backoff_test.go:30: Delay(6) = 6.4s, want 5s\n"),
            fail("TestDelayIsCapped", ""),        // fails because its subtest did
            fail("TestDelayIsCappedSlow", ""),    // a name that starts alike is not a parent
            fail("TestPoolDrains", ""),           // no failing subtest: stands alone
            fail("TestRetry/once", "    backoff_test.go:51: Do made 2 calls, want 1\n"),
            fail("TestRetry", "    backoff_test.go:60: total delay 9s, want under 5s\n"), // says its own error
            fail("TestPool/get", "    pool_test.go:40: Get() = nil, want a connection\n"),
            fail("TestPool", "    pool_test.go:80: 2 connections still open\n"), // its own words, no error keyword
        };
        const std::vector<std::string> texts = ErrorSignature::normalizeReport(report);
        CPPUNIT_ASSERT_EQUAL(report.size(), texts.size());
        CPPUNIT_ASSERT_EQUAL(texts[0], texts[1]);
        CPPUNIT_ASSERT(texts[2] != texts[0]);
        CPPUNIT_ASSERT(texts[2].find("no error line") != std::string::npos);
        CPPUNIT_ASSERT(texts[3] != texts[2]);
        CPPUNIT_ASSERT(texts[5] != texts[4]);
        CPPUNIT_ASSERT(texts[7] != texts[6]);
        // CTest names with a slash are not Go subtests: a test with output stands on its own.
        TestFailure integration, db;
        integration.testName = "integration";
        integration.errorMessage = integration.stackTrace = "starting stack\nwaiting for port 5432\n";
        db.testName = "integration/db";
        db.errorMessage = db.stackTrace = "error: migration 12 failed\n";
        const std::vector<std::string> ctest = ErrorSignature::normalizeReport({integration, db});
        CPPUNIT_ASSERT(ctest[0] != ctest[1]);
        // Each text is the one a failure alone would get, except the parent's.
        for (std::size_t i : {0, 2, 3, 4, 5})
            CPPUNIT_ASSERT_EQUAL(ErrorSignature::normalize(report[i].errorMessage, report[i].stackTrace, report[i].testName), texts[i]);
    }

    void aTestReportedTwiceIsOneFailure()
    {
        using jji::analysis::TestFailure;
        auto fail = [](const std::string& name, const std::string& message, const std::string& trace) {
            TestFailure f;
            f.testName = name;
            f.errorMessage = message;
            f.stackTrace = trace;
            return f;
        };
        // jest-junit: a suite that failed to run, once with its error and once with the message.
        const std::string error = "  \u25cf Test suite failed to run\n\n    RangeError: Invalid currency code : EURO\n"
                                  "        at new NumberFormat (<anonymous>)\n        at Object.<anonymous> (src/currency.js:6:29)\n";
        const std::vector<TestFailure> report = {
            fail("Test suite failed to run.__tests__/invoice-pdf.test.js", error, error),
            fail("Test suite failed to run.__tests__/invoice-pdf.test.js", "\"Invalid currency code : EURO\"", "\"Invalid currency code : EURO\""),
            fail("Test suite failed to run.__tests__/tax.test.js", "\"Invalid currency code : EURO\"", "\"Invalid currency code : EURO\""),
        };
        std::vector<std::string> texts = ErrorSignature::normalizeReport(report);
        CPPUNIT_ASSERT_EQUAL(texts[0], texts[1]);
        // Another test with the second entry's message is judged on its own text.
        CPPUNIT_ASSERT(texts[2] != texts[0]);
        CPPUNIT_ASSERT_EQUAL(ErrorSignature::normalize(report[2].errorMessage, report[2].stackTrace, report[2].testName), texts[2]);
        // Whichever entry comes first.
        texts = ErrorSignature::normalizeReport({report[1], report[0]});
        CPPUNIT_ASSERT_EQUAL(texts[0], texts[1]);
        CPPUNIT_ASSERT(texts[0].find("RangeError") != std::string::npos);
        // An entry with output of its own is judged on it (two JDKs' runs in one report), and a
        // short message found only somewhere in another entry's log is not what it raised.
        const std::vector<TestFailure> jdks = {
            fail("com.acme.CartTest.total", "java.lang.AssertionError", "java.lang.AssertionError\n\tat com.acme.CartTest.total(CartTest.java:12)\n"),
            fail("com.acme.CartTest.total", "java.lang.AssertionError: expected:<3> but was:<4>",
                 "java.lang.AssertionError: expected:<3> but was:<4>\n\tat com.acme.CartTest.total(CartTest.java:14)\n"),
        };
        texts = ErrorSignature::normalizeReport(jdks);
        CPPUNIT_ASSERT(texts[0] != texts[1]);
        const std::vector<TestFailure> refused = {
            fail("tests.test_sync.test_push", "Connection refused", ""),
            fail("tests.test_sync.test_push", "ValueError: bad checksum",
                 "retry 1: Connection refused\nsrc/sync.py:40: in push\nE   ValueError: bad checksum\n"),
        };
        texts = ErrorSignature::normalizeReport(refused);
        CPPUNIT_ASSERT(texts[0] != texts[1]);
        // One name run twice (two environments) failing in two ways stays two failures.
        const std::vector<TestFailure> twice = {
            fail("tests.test_io.test_read", "OSError: [Errno 24] Too many open files", "src/io.py:12: in read\nE   OSError"),
            fail("tests.test_io.test_read", "UnicodeDecodeError: 'ascii' codec can't decode byte 0xc3", "src/io.py:14: in read\nE   UnicodeDecodeError"),
        };
        texts = ErrorSignature::normalizeReport(twice);
        CPPUNIT_ASSERT(texts[0] != texts[1]);
    }

    void hostileInputIsBounded()
    {
        std::string huge(5 * 1024 * 1024, 'a');
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), ErrorSignature::compute(huge, huge).size());
        std::string lines;
        for (int i = 0; i < 100000; ++i)
            lines += "at a.B.c(B.java:1)\n";
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), ErrorSignature::compute("x", lines).size());
        std::string message = std::string(3999, 'a') + "\xC3\xA9 tail";
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), ErrorSignature::compute(message, "").size());
        // A name whose tokens look like parameters, and one that looks like what replaces them.
        const std::string site = "src/cart.py:20: in apply_coupon\n";
        std::string tokens;
        for (int i = 0; i < 200000; ++i)
            tokens += "a" + std::to_string(i) + " ";
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), ErrorSignature::compute("a1 a2 a3 " + huge.substr(0, 3000), site, tokens).size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), ErrorSignature::compute("x PARAM> y PARAM#1 z", site, "t[PARAM>] PARAM#1").size());
        // Two huge entries of one name: the look for a repeated message is bounded too.
        jji::analysis::TestFailure a, b;
        a.testName = b.testName = "t";
        a.errorMessage = a.stackTrace = std::string(1024 * 1024, 'a') + "b";
        b.errorMessage = std::string(2 * 1024 * 1024, 'a');
        b.stackTrace = b.errorMessage;
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), ErrorSignature::normalizeReport({a, b}).size());
    }

    void invalidUtf8IsReplacedNotThrown()
    {
        const std::string binary = std::string("AssertionError: port 127.0\xc1\x00.1:45775", 36);
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), ErrorSignature::compute(binary, "  File \"x\xff.py\", line 3, in f\n").size());
        CPPUNIT_ASSERT(ErrorSignature::normalize(binary, "").find('?') != std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ErrorSignatureTest);
