#include "jji/test/SignatureCorpus.h"

#include "jji/analysis/junit/JunitReport.h"
#include "jji/analysis/signature/ErrorSignature.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

namespace jji {
namespace test {

namespace {

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string xmlEscape(const std::string& text)
{
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\n': out += "&#10;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string bodyEscape(const std::string& text)
{
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace

CorpusScore& CorpusScore::operator+=(const CorpusScore& other)
{
    failing += other.failing;
    families += other.families;
    signatures += other.signatures;
    splitFamilies += other.splitFamilies;
    mergingSignatures += other.mergingSignatures;
    unlabelled += other.unlabelled;
    problems.insert(problems.end(), other.problems.begin(), other.problems.end());
    return *this;
}

std::string signatureCorpusDir() { return JJI_TEST_DATA_DIR "/signatures"; }
std::string signatureHoldoutDir() { return JJI_TEST_DATA_DIR "/signatures-holdout"; }

std::vector<LabelledReport> loadCorpus(const std::string& dir)
{
    std::vector<LabelledReport> reports;
    if (!std::filesystem::is_directory(dir))
        return reports;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const auto reportPath = entry.path() / "report.xml";
        const auto labelsPath = entry.path() / "labels.json";
        if (!std::filesystem::exists(reportPath) || !std::filesystem::exists(labelsPath))
            continue;
        LabelledReport report;
        report.name = entry.path().filename().string();
        std::string xml = readFile(reportPath);
        report.bytes = xml.size();
        auto parsed = analysis::JunitReport::parse(std::move(xml));
        report.failures = parsed->failures();
        Poco::JSON::Object::Ptr labels = Poco::JSON::Parser().parse(readFile(labelsPath)).extract<Poco::JSON::Object::Ptr>();
        report.runner = labels->optValue<std::string>("runner", "");
        Poco::JSON::Object::Ptr tests = labels->getObject("tests");
        if (!tests)
            throw std::runtime_error(labelsPath.string() + ": no \"tests\" object");
        for (const auto& f : report.failures)
            report.families.push_back(tests->has(f.testName) ? tests->getValue<std::string>(f.testName) : "");
        reports.push_back(std::move(report));
    }
    std::sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return reports;
}

CorpusScore scoreReport(const LabelledReport& report, const SignatureFunction& signature, const SignatureFunction& text)
{
    std::vector<std::string> signatures, texts;
    for (const auto& f : report.failures) {
        signatures.push_back(signature(f));
        if (text)
            texts.push_back(text(f));
    }
    return scoreGrouping(report, signatures, texts);
}

std::vector<std::string> currentSignatures(const std::vector<analysis::TestFailure>& failures, std::vector<std::string>* texts)
{
    std::vector<std::string> normalized = analysis::ErrorSignature::normalizeReport(failures);
    std::vector<std::string> signatures;
    signatures.reserve(normalized.size());
    for (const auto& t : normalized)
        signatures.push_back(analysis::ErrorSignature::hashText(t));
    if (texts)
        *texts = std::move(normalized);
    return signatures;
}

CorpusScore scoreCurrent(const LabelledReport& report)
{
    std::vector<std::string> texts;
    std::vector<std::string> signatures = currentSignatures(report.failures, &texts);
    return scoreGrouping(report, signatures, texts);
}

CorpusScore scoreGrouping(const LabelledReport& report, const std::vector<std::string>& signatures, const std::vector<std::string>& texts)
{
    CorpusScore score;
    std::map<std::string, std::set<std::string>> signaturesOfFamily, familiesOfSignature;
    std::map<std::string, std::string> exampleText; // signature → text, family/signature → test
    std::map<std::pair<std::string, std::string>, std::string> exampleTest;
    for (std::size_t i = 0; i < report.failures.size(); ++i) {
        const auto& f = report.failures[i];
        const std::string family = report.families[i];
        ++score.failing;
        if (family.empty()) {
            ++score.unlabelled;
            score.problems.push_back(report.name + ": unlabelled test " + f.testName);
            continue;
        }
        const std::string& sig = signatures[i];
        signaturesOfFamily[family].insert(sig);
        familiesOfSignature[sig].insert(family);
        exampleTest.emplace(std::make_pair(family, sig), f.testName);
        if (i < texts.size() && !exampleText.count(sig))
            exampleText[sig] = texts[i];
    }
    score.families = signaturesOfFamily.size();
    score.signatures = familiesOfSignature.size();
    auto describe = [&](const std::string& family, const std::string& sig) {
        std::string t = exampleText.count(sig) ? exampleText[sig] : sig.substr(0, 12);
        std::replace(t.begin(), t.end(), '\n', '|');
        return "    [" + exampleTest[{family, sig}] + "] " + t;
    };
    for (const auto& [family, sigs] : signaturesOfFamily) {
        if (sigs.size() < 2)
            continue;
        ++score.splitFamilies;
        std::string line = report.name + ": family " + family + " split in " + std::to_string(sigs.size()) + " signatures";
        for (const auto& sig : sigs)
            line += "\n" + describe(family, sig);
        score.problems.push_back(line);
    }
    for (const auto& [sig, families] : familiesOfSignature) {
        if (families.size() < 2)
            continue;
        ++score.mergingSignatures;
        std::string line = report.name + ": one signature merges";
        for (const auto& family : families)
            line += " " + family;
        line += "\n" + describe(*families.begin(), sig);
        score.problems.push_back(line);
    }
    return score;
}

namespace {

/// One generated root cause: the message and trace of its i-th failure.
struct Cause
{
    std::string family;
    std::string classname; ///< test class / module
    std::function<void(std::mt19937_64&, std::size_t, std::string&, std::string&, std::string&)> make; // name, message, trace
};

std::string hex(std::mt19937_64& rng, int digits)
{
    static const char* h = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < digits; ++i)
        s += h[rng() % 16];
    if (s.find_first_of("0123456789") == std::string::npos)
        s[0] = '7';
    if (s.find_first_of("abcdef") == std::string::npos)
        s[1] = 'e';
    return s;
}

std::string uuid(std::mt19937_64& rng)
{
    return hex(rng, 8) + "-" + hex(rng, 4) + "-4" + hex(rng, 3) + "-a" + hex(rng, 3) + "-" + hex(rng, 12);
}

std::string num(std::mt19937_64& rng, int lo, int hi) { return std::to_string(lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1))); }

std::string randomSuffix(std::mt19937_64& rng)
{
    static const char* chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::string s;
    for (int i = 0; i < 6; ++i)
        s += chars[rng() % 62];
    s[1] = 'X';
    s[2] = '7';
    return s;
}

const std::vector<std::string> kParams = {"catalog", "users", "orders", "sessions", "prices", "stock", "audit", "tags"};

std::vector<Cause> causes()
{
    std::vector<Cause> c;
    c.push_back({"py-cache-path", "tests.test_cache", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     const std::string p = kParams[i % kParams.size()];
                     name = "test_cache_roundtrip[" + p + "-" + std::to_string(i) + "]";
                     const std::string path = "/tmp/pytest-of-ci/pytest-" + num(rng, 1, 40) + "/test_cache_roundtrip_" + p + "_0/" + p + ".bin";
                     msg = "FileNotFoundError: [Errno 2] No such file or directory: '" + path + "'";
                     trace = "cache = <cache.DiskCache object at 0x7f" + hex(rng, 10) + ">\n\n    def test_cache_roundtrip(cache, key):\n>       cache.store(key, b'x')\n\ntests/test_cache.py:" +
                             num(rng, 20, 30) + ": \n_ _ _\n\n    def store(self, key, data):\n>       with open(self.path_for(key), 'wb') as fh:\nE       " + msg +
                             "\n\nsrc/cache.py:41: FileNotFoundError";
                 }});
    c.push_back({"py-connect-port", "tests.test_client", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     name = "test_fetch_" + kParams[i % kParams.size()];
                     msg = "ConnectionRefusedError: [Errno 111] Connection refused (127.0.0.1:" + num(rng, 30000, 60999) + ", pid " + num(rng, 100, 99999) + ")";
                     trace = "tests/test_client.py:" + num(rng, 10, 80) + ": in " + name + "\n    client.fetch('/items')\nsrc/client.py:77: in fetch\n    sock = self._connect()\n    def _connect(self):\n>       return socket.create_connection(self.addr, timeout=" +
                             num(rng, 1, 9) + ")\nE       " + msg + "\n\nsrc/client.py:93: ConnectionRefusedError";
                 }});
    c.push_back({"java-npe-invoice", "com.acme.billing.InvoiceTest", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     name = "totalIncludes" + kParams[i % kParams.size()] + "()";
                     msg = "Cannot invoke \"com.acme.billing.Account.balance()\" because the return value of \"com.acme.billing.Account@" +
                           hex(rng, 7) + ".owner()\" is null";
                     trace = "java.lang.NullPointerException: " + msg + "\n\tat com.acme.billing.Invoice.total(Invoice.java:" + num(rng, 40, 44) +
                             ")\n\tat com.acme.billing.InvoiceTest." + name.substr(0, name.size() - 2) + "(InvoiceTest.java:" + num(rng, 10, 200) +
                             ")\n\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n\tat org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:725)\n";
                 }});
    c.push_back({"java-timeout-poller", "com.acme.sync.PollerTest", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     name = "awaitsEvent_" + std::to_string(i);
                     msg = "awaitsEvent_" + std::to_string(i) + "() timed out after " + num(rng, 100, 5000) + " milliseconds";
                     trace = "java.util.concurrent.TimeoutException: " + msg + "\n\tat java.base/java.lang.Thread.sleep(Native Method)\n\tat com.acme.sync.Poller.await(Poller.java:" +
                             num(rng, 60, 61) + ")\n\tat com.acme.sync.PollerTest.awaitsEvent(PollerTest.java:33)\n\tSuppressed: thread pool-" + num(rng, 1, 9) + "-thread-" +
                             num(rng, 1, 30) + " was interrupted\n";
                 }});
    c.push_back({"js-pagination", "test/paginate.test.mjs", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     const int size = 2 + static_cast<int>(i % 9);
                     name = "page size " + std::to_string(size) + " #" + std::to_string(i);
                     msg = "Expected values to be strictly equal:\n\n" + std::to_string(size - 1) + " !== " + std::to_string(size) + "\n";
                     trace = "AssertionError [ERR_ASSERTION]: " + msg + "\n    at TestContext.<anonymous> (file:///home/ci/workspace/shop@" + num(rng, 2, 4) +
                             "/test/paginate.test.mjs:" + num(rng, 10, 90) + ":" + num(rng, 3, 20) +
                             ")\n    at Test.runInAsyncScope (node:async_hooks:206:9)\n    at Test.run (node:internal/test_runner/test:796:25)\n";
                 }});
    c.push_back({"js-retry-count", "test/retry.test.mjs", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     name = "retries on " + num(rng, 500, 504) + " #" + std::to_string(i);
                     msg = "Expected values to be strictly equal:\n\n4 !== 5\n";
                     trace = "AssertionError [ERR_ASSERTION]: " + msg + "\n    at Retrier.run (file:///home/ci/workspace/shop/src/retry.mjs:" + num(rng, 30, 31) +
                             ":11)\n    at async TestContext.<anonymous> (file:///home/ci/workspace/shop/test/retry.test.mjs:" + num(rng, 10, 90) +
                             ":5)\n    at async Test.run (node:internal/test_runner/test:797:9)\n";
                 }});
    c.push_back({"go-ledger-balance", "github.com/acme/ledger", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     name = "TestBalance/account_" + std::to_string(i);
                     msg = "Failed";
                     trace = "=== RUN   " + name + "\n    ledger_test.go:" + num(rng, 40, 48) + ": balance of " + uuid(rng) + " = " + num(rng, 1, 999) + ", want " +
                             num(rng, 1, 999) + " (took " + num(rng, 1, 90) + ".3ms)\n--- FAIL: " + name + " (0.00s)\n";
                 }});
    c.push_back({"gtest-ring-capacity", "RingBufferTest", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     name = "Capacity/RingBufferTest.KeepsCapacity/" + std::to_string(i);
                     const std::string cap = num(rng, 2, 64);
                     msg = "ring_buffer_test.cc:45\nExpected equality of these values:\n  rb.Size()\n    Which is: " + std::to_string(std::stoi(cap) + 1) +
                           "\n  " + cap + "u\n    Which is: " + cap;
                     trace = msg;
                 }});
    c.push_back({"ctest-segfault", "", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     name = "parser_fuzz_" + std::to_string(i);
                     msg = "";
                     trace = "loading corpus from /tmp/corpus-" + randomSuffix(rng) + "\nworker pid " + num(rng, 1000, 65000) + " started at " + num(rng, 1700000000, 1800000000) +
                             "123\nSegmentation fault (core dumped)\n";
                 }});
    c.push_back({"ctest-db-timeout", "", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     name = "db_migrate_" + std::to_string(i);
                     msg = "";
                     trace = "connecting to 127.0.0.1:" + num(rng, 30000, 60000) + " as migrator-" + hex(rng, 4) + "\nTimeout: no reply after " + num(rng, 1000, 9000) +
                             " ms\n";
                 }});
    c.push_back({"py-session-key", "tests.test_session", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     name = "test_resume[" + kParams[i % kParams.size()] + "]";
                     msg = "KeyError: 'session-" + uuid(rng) + "'";
                     trace = "Traceback (most recent call last):\n  File \"/home/ci/ws/tests/test_session.py\", line " + num(rng, 10, 50) +
                             ", in test_resume\n    store.resume(sid)\n  File \"/home/ci/ws/src/session.py\", line 58, in resume\n    return self._live[sid]\n" + msg + "\n";
                 }});
    c.push_back({"java-pool-closed", "com.acme.db.RepositoryTest", [](auto& rng, std::size_t i, auto& name, auto& msg, auto& trace) {
                     name = "saves" + kParams[i % kParams.size()];
                     msg = "connection [pool-" + hex(rng, 4) + "] closed at " + num(rng, 2020, 2026) + "-0" + num(rng, 1, 9) + "-1" + num(rng, 0, 9) + "T10:" + num(rng, 10, 59) +
                           ":" + num(rng, 10, 59) + "Z";
                     trace = "java.lang.IllegalStateException: " + msg + "\n\tat com.acme.db.Pool.borrow(Pool.java:" + num(rng, 90, 91) +
                             ")\n\tat com.acme.db.Repository.save(Repository.java:22)\n\tat com.acme.db.RepositoryTest." + name + "(RepositoryTest.java:" + num(rng, 10, 99) + ")\n";
                 }});
    return c;
}

} // namespace

LabelledReport generatedReport(std::size_t tests, std::size_t failing, std::string& xml)
{
    std::mt19937_64 rng(20261205);
    const std::vector<Cause> all = causes();
    LabelledReport report;
    report.name = "generated";
    report.runner = "generated: " + std::to_string(all.size()) + " root causes";
    xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
    const std::size_t failEvery = std::max<std::size_t>(1, tests / std::max<std::size_t>(1, failing));
    std::size_t failed = 0;
    for (std::size_t t = 0; t < tests; ++t) {
        if (t % 100 == 0)
            xml += (t ? "</testsuite>\n" : "") + std::string("<testsuite name=\"suite") + std::to_string(t / 100) + "\">\n";
        if (t % failEvery == 0 && failed < failing) {
            const Cause& cause = all[failed % all.size()];
            std::string name, msg, trace;
            cause.make(rng, failed, name, msg, trace);
            xml += "  <testcase classname=\"" + xmlEscape(cause.classname) + "\" name=\"" + xmlEscape(name) + "\" time=\"0." + num(rng, 1, 999) + "\">";
            if (cause.family.rfind("ctest-", 0) == 0)
                xml += "<failure message=\"\"/><system-out>" + bodyEscape(trace) + "</system-out>";
            else
                xml += "<failure message=\"" + xmlEscape(msg) + "\" type=\"AssertionError\">" + bodyEscape(trace) + "</failure>";
            xml += "</testcase>\n";
            ++failed;
        } else {
            xml += "  <testcase classname=\"pkg.module" + std::to_string(t % 97) + ".TestClass\" name=\"test_case_" + std::to_string(t) +
                   "\" time=\"0." + std::to_string(t % 1000) + "\"><system-out>ok " + std::to_string(t) + " in " + std::to_string(t % 50) +
                   " ms; fixtures: db, cache, http_client, tmp_path; seed=" + std::to_string(t * 7919 % 100000) + "; worker gw" +
                   std::to_string(t % 8) + " on ci-agent-0" + std::to_string(t % 9) + ".build.example.internal (linux/amd64)</system-out></testcase>\n";
        }
    }
    xml += "</testsuite>\n</testsuites>\n";
    report.bytes = xml.size();
    auto parsed = analysis::JunitReport::parse(xml);
    report.failures = parsed->failures();
    // Failures come out in document order, which is the order they were generated in.
    for (std::size_t k = 0; k < report.failures.size(); ++k)
        report.families.push_back(all[k % all.size()].family);
    return report;
}

} // namespace test
} // namespace jji
