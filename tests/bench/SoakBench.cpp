// Benchmark: a soak that tells a leak from a plateau (issue 25). The real jji-server (SQLite
// in a temporary directory, the fake AI CLI as claude) is seeded with three results of about
// 70 kB (20 failures in 20 error groups each), then `clients` threads drive mixed load for
// the whole run over keep-alive connections: GET /health, GET /results/{id} (plain, gzip, and
// If-None-Match with the ETag last seen: 304), GET /api/dashboard, GET /history/failures
// ?search=, POST /results/{id}/comments (and the DELETE of that comment on the next round, so
// the comment table stays the same size). Beside them one thread posts a small
// /analyze-failures every few seconds (AI processes, signatures, storage) and deletes the
// older ones it made, so the data set the daemon serves is stationary: growth is the daemon's.
// After a warm-up (30 s, or the interval when shorter) and then every interval, the server's
// VmRSS and Threads (/proc/<pid>/status) and open descriptors (/proc/<pid>/fd) are sampled with
// the requests and errors (answers other than 2xx/304, or no answer) of that interval. The
// client-side time per kind of request and the daemon's logged warnings are printed too.
// The verdict is over the samples of the last two thirds of the run: "plateau" when each is
// within +-10% of their mean RSS and the least-squares line rises less than 10% of that mean
// across the window, else "growing" with the slope in MiB per minute.
// Exit code: 0 plateau, 1 growing, 2 errors (any answer outside 2xx/304, or a failed seed).
//
//   ./build/tests/jji_bench_soak [minutes=30] [clients=4] [--interval-seconds N (60)]
// e.g. a quick check: ./build/tests/jji_bench_soak 2 4 --interval-seconds 10
#include "jji/test/DistinctWords.h"
#include "jji/analysis/model/JsonText.h"
#include "jji/test/ServerProcess.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <dirent.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

const std::string kAdminKey = "bench-soak-admin-key-0123456789";
constexpr int kSeededResults = 3;
constexpr int kAnalysisEverySeconds = 5; // a new small analysis this often
constexpr std::size_t kKeptAnalyses = 20; // the soak's own analyses kept; older ones are deleted
constexpr int kWarmupSeconds = 30;        // load before the first sample (caches, arenas, pools)

std::string word(int n)
{
    return jji::test::distinctWord(n);
}

/// 20 failing tests in 20 error groups with pytest-like traces: one AI call per group, and a
/// stored result (failures, analyses, the enriched XML) of about 70 kB.
std::string seedXml(int seed)
{
    static const char* kinds[] = {"AssertionError", "ValueError", "KeyError", "RuntimeError"};
    std::string cases;
    for (int i = 0; i < 20; ++i) {
        const std::string name = "test_" + word(seed * 100 + i);
        std::string trace;
        for (int f = 0; f < 12; ++f)
            trace += "  File \"/srv/ci/workspace/shop/tests/checkout/" + word(i + f) + "_steps.py\", line " +
                     std::to_string(40 + f * 7) + ", in step_" + word(f) + "\n    result = self." + word(f + 3) +
                     "(order, cart, session)\n";
        const std::string message = std::string(kinds[i % 4]) + ": the " + word(seed * 100 + i) + " checkout of cart " +
                                    word(i * 31 + 7) + " disagrees with the pricing ledger";
        cases += "<testcase classname=\"tests.checkout.TestCheckout\" name=\"" + name + "\" time=\"1.25\">" +
                 "<failure message=\"" + message + "\">Traceback (most recent call last):\n" + trace + message +
                 "</failure><system-out>checkout " + name + " started\nsession ready\n</system-out></testcase>";
    }
    return "<testsuite name=\"shop-checkout\" tests=\"20\" failures=\"20\">" + cases + "</testsuite>";
}

/// Three failures in two groups: two AI calls per analysis.
std::string smallXml(int n)
{
    return "<testsuite name=\"soak\" tests=\"3\" failures=\"3\">"
           "<testcase classname=\"tests.soak\" name=\"test_a\"><failure message=\"RuntimeError: worker " + word(n % 7) +
           " lost its lease\">trace a</failure></testcase>"
           "<testcase classname=\"tests.soak\" name=\"test_b\"><failure message=\"RuntimeError: worker " + word(n % 7) +
           " lost its lease\">trace b</failure></testcase>"
           "<testcase classname=\"tests.soak\" name=\"test_c\"><failure message=\"AssertionError: expected ready but was " +
           word(n % 5) + "\">trace c</failure></testcase></testsuite>";
}

std::string analyzeBody(const std::string& xml)
{
    return R"({"raw_xml":)" + jji::analysis::toJsonText(xml) + "}";
}

struct Counters
{
    std::atomic<long> requests{0};
    std::atomic<long> errors{0};
};

/// The first few failures, to explain a non-zero error count.
class ErrorLog
{
public:
    void add(const std::string& what)
    {
        std::lock_guard<std::mutex> lock(_mutex);
        ++_total;
        if (_first.size() < 10)
            _first.push_back(what);
    }
    void print() const
    {
        std::lock_guard<std::mutex> lock(_mutex);
        for (const auto& e : _first)
            std::printf("  error: %s\n", e.c_str());
        if (_total > _first.size())
            std::printf("  ... %zu more\n", _total - _first.size());
    }

private:
    mutable std::mutex _mutex;
    std::vector<std::string> _first;
    std::size_t _total = 0;
};

/// Client-side time per kind of request over the run (a creeping mean or max is a symptom too).
class Latencies
{
public:
    void add(const std::string& label, double ms)
    {
        std::lock_guard<std::mutex> lock(_mutex);
        Stat& s = _stats[label];
        ++s.count;
        s.totalMs += ms;
        s.maxMs = std::max(s.maxMs, ms);
    }
    void print() const
    {
        std::lock_guard<std::mutex> lock(_mutex);
        std::printf("\n%-36s %10s %9s %9s\n", "request (client side)", "count", "mean ms", "max ms");
        for (const auto& [label, s] : _stats)
            std::printf("%-36s %10ld %9.2f %9.1f\n", label.c_str(), s.count, s.totalMs / static_cast<double>(s.count), s.maxMs);
    }

private:
    struct Stat
    {
        long count = 0;
        double totalMs = 0, maxMs = 0;
    };
    mutable std::mutex _mutex;
    std::map<std::string, Stat> _stats;
};

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

bool ok(int status)
{
    return (status >= 200 && status < 300) || status == 304;
}

struct Answer
{
    int status = 0; // 0: no answer (the connection failed)
    std::string body;
    std::string etag;
};

/// One client: a keep-alive connection, like a browser tab or a CI script reusing its session.
class Client
{
public:
    Client(int port, Counters& counters, ErrorLog& errors, Latencies& latencies)
        : _session("127.0.0.1", static_cast<Poco::UInt16>(port)), _counters(counters), _errors(errors), _latencies(latencies)
    {
        _session.setKeepAlive(true);
        _session.setTimeout(Poco::Timespan(60, 0));
    }

    Answer call(const std::string& label, const std::string& method, const std::string& path, const std::string& body = "",
                const std::vector<std::pair<std::string, std::string>>& headers = {}, bool keepBody = false)
    {
        Answer answer;
        const auto started = Clock::now();
        try {
            Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
            request.setKeepAlive(true);
            for (const auto& [name, value] : headers)
                request.set(name, value);
            if (!body.empty() || method == "POST")
                request.setContentLength64(static_cast<Poco::Int64>(body.size()));
            _session.sendRequest(request).write(body.data(), static_cast<std::streamsize>(body.size()));
            Poco::Net::HTTPResponse response;
            std::istream& in = _session.receiveResponse(response);
            answer.status = response.getStatus();
            if (keepBody || !ok(answer.status)) {
                Poco::StreamCopier::copyToString(in, answer.body);
            } else {
                Poco::NullOutputStream sink;
                Poco::StreamCopier::copyStream(in, sink);
            }
            answer.etag = response.get("ETag", "");
        } catch (const std::exception& e) {
            _session.reset(); // a fresh connection next time
            answer.body = e.what();
        }
        _latencies.add(label, msSince(started));
        ++_counters.requests;
        if (!ok(answer.status)) {
            ++_counters.errors;
            _errors.add(method + " " + path + ": " + (answer.status ? "HTTP " + std::to_string(answer.status) : "no answer") +
                        " " + answer.body.substr(0, 200));
        }
        return answer;
    }

private:
    Poco::Net::HTTPClientSession _session;
    Counters& _counters;
    ErrorLog& _errors;
    Latencies& _latencies;
};

struct Seed
{
    std::string jobId;
    std::string testName; // a failure to comment on
};

/// The mixed load of one client thread, round after round until `stop`.
void clientLoop(int index, int port, const std::vector<Seed>& seeds, const std::atomic<bool>& stop, Counters& counters,
                ErrorLog& errors, Latencies& latencies)
{
    static const char* searches[] = {"checkout", "pricing ledger", "RuntimeError", "lease", "test_b", "no-such-text"};
    Client client(port, counters, errors, latencies);
    const std::vector<std::pair<std::string, std::string>> user{{"Cookie", "jji_username=soak" + std::to_string(index)}};
    std::vector<std::string> etags(seeds.size());
    std::string lastComment; // "/results/<id>/comments/<comment id>", deleted on the next round
    for (long round = index; !stop; ++round) {
        const std::size_t s = static_cast<std::size_t>(round) % seeds.size();
        const std::string result = "/results/" + seeds[s].jobId;
        client.call("GET /health", "GET", "/health");
        Answer plain = client.call("GET /results/{id}", "GET", result);
        if (plain.status == 200)
            etags[s] = plain.etag;
        client.call("GET /results/{id} gzip", "GET", result, "", {{"Accept-Encoding", "gzip"}});
        if (!etags[s].empty())
            client.call("GET /results/{id} If-None-Match", "GET", result, "",
                        {{"If-None-Match", etags[s]}, {"Accept-Encoding", "gzip"}});
        client.call("GET /api/dashboard", "GET", "/api/dashboard");
        std::string search;
        Poco::URI::encode(searches[round % 6], "&=+#", search);
        client.call("GET /history/failures?search=", "GET", "/history/failures?limit=20&search=" + search);
        client.call("GET /health", "GET", "/health");
        if (!lastComment.empty()) {
            client.call("DELETE /results/{id}/comments/{cid}", "DELETE", lastComment, "", user);
            lastComment.clear();
        } else {
            auto headers = user;
            headers.emplace_back("Content-Type", "application/json");
            Answer posted = client.call("POST /results/{id}/comments", "POST", result + "/comments",
                                        R"({"test_name":)" + jji::analysis::toJsonText(seeds[s].testName) +
                                            R"(,"comment":"soak round )" + std::to_string(round) + R"(, seen again"})",
                                        headers, true);
            const auto at = posted.body.find("\"id\":");
            if (posted.status == 201 && at != std::string::npos)
                lastComment = result + "/comments/" + std::to_string(std::atol(posted.body.c_str() + at + 5));
        }
    }
}

std::string jobIdOf(const std::string& body)
{
    const auto at = body.find("\"job_id\":\"");
    if (at == std::string::npos)
        return "";
    const auto start = at + 10;
    return body.substr(start, body.find('"', start) - start);
}

/// A small analysis every few seconds; the soak's own results beyond the newest few are deleted.
void analysisLoop(const jji::test::HttpClient& http, const std::atomic<bool>& stop, Counters& counters, ErrorLog& errors,
                  Latencies& latencies)
{
    const std::map<std::string, std::string> admin{{"Authorization", "Bearer " + kAdminKey}};
    std::deque<std::string> made;
    auto timed = [&](const std::string& label, const std::string& path, const std::function<jji::test::HttpResponse()>& call) {
        const auto started = Clock::now();
        jji::test::HttpResponse r;
        try {
            r = call();
        } catch (const std::exception& e) {
            r.body = e.what();
        }
        latencies.add(label, msSince(started));
        ++counters.requests;
        if (!ok(r.status)) {
            ++counters.errors;
            errors.add(label.substr(0, label.find(' ')) + " " + path + ": " +
                       (r.status ? "HTTP " + std::to_string(r.status) : "no answer") + " " + r.body.substr(0, 200));
        }
        return r;
    };
    for (int n = 0; !stop; ++n) {
        const auto next = Clock::now() + std::chrono::seconds(kAnalysisEverySeconds);
        auto r = timed("POST /analyze-failures", "/analyze-failures",
                       [&] { return http.postJson("/analyze-failures", analyzeBody(smallXml(n)), {}, 120); });
        if (r.status == 200)
            made.push_back(jobIdOf(r.body));
        while (made.size() > kKeptAnalyses) {
            const std::string path = "/results/" + made.front();
            timed("DELETE /results/{id} (admin)", path, [&] { return http.request("DELETE", path, "", admin); });
            made.pop_front();
        }
        while (!stop && Clock::now() < next)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

struct Sample
{
    double minute = 0;
    double rssMib = 0;
    long threads = 0;
    long fds = 0;
    long requests = 0;
    long errors = 0;
};

Sample probe(int pid)
{
    Sample s;
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            s.rssMib = std::atof(line.c_str() + 6) / 1024.0; // kB
        else if (line.rfind("Threads:", 0) == 0)
            s.threads = std::atol(line.c_str() + 8);
    }
    if (DIR* dir = ::opendir(("/proc/" + std::to_string(pid) + "/fd").c_str())) {
        while (const dirent* entry = ::readdir(dir))
            if (entry->d_name[0] != '.')
                ++s.fds;
        ::closedir(dir);
    }
    return s;
}

/// The daemon's warnings and errors during the run (the access log is at Information).
void printServerComplaints(const std::string& logFile)
{
    std::ifstream in(logFile);
    std::string line;
    long count = 0;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string date, time, level;
        fields >> date >> time >> level;
        if (level != "Warning" && level != "Error" && level != "Critical" && level != "Fatal")
            continue;
        if (count++ < 10)
            std::printf("  server: %s\n", line.substr(0, 300).c_str());
    }
    std::printf("server log: %ld warning or error line(s)\n", count);
}

} // namespace

int soak(int argc, char** argv)
{
    std::vector<std::string> positional;
    int intervalSeconds = 60;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--interval-seconds") == 0 && i + 1 < argc)
            intervalSeconds = std::max(1, std::atoi(argv[++i]));
        else
            positional.emplace_back(argv[i]);
    }
    const double minutes = positional.size() > 0 ? std::max(0.1, std::atof(positional[0].c_str())) : 30;
    const int clients = positional.size() > 1 ? std::max(1, std::atoi(positional[1].c_str())) : 4;
    const auto runLength = std::chrono::milliseconds(static_cast<long>(minutes * 60000));
    const auto interval = std::chrono::seconds(intervalSeconds);

    // The per-client limits are raised so that only a fault answers outside 2xx/304 (every
    // client here is 127.0.0.1).
    const std::string fake = jji::test::fakesDir() + "/fake-ai-cli";
    jji::test::ServerProcess server({{{"AI_PROVIDER", "claude"},
                                      {"AI_MODEL", "m"},
                                      {"JJI_AI_COMMAND_CLAUDE", fake},
                                      {"ADMIN_KEY", kAdminKey},
                                      {"JJI_MAX_CONNECTIONS_PER_CLIENT", "100000"},
                                      {"JJI_MAX_QUEUED_JOBS_PER_CLIENT", "100000"}},
                                     {}});
    const int pid = server.pid();

    std::vector<Seed> seeds;
    std::size_t resultBytes = 0;
    for (int i = 0; i < kSeededResults; ++i) {
        auto r = server.http().postJson("/analyze-failures", analyzeBody(seedXml(i)), {}, 300);
        if (r.status != 200) {
            std::fprintf(stderr, "seeding failed: HTTP %d %s\n", r.status, r.body.substr(0, 300).c_str());
            return 2;
        }
        seeds.push_back({jobIdOf(r.body), r.json()->getArray("failures")->getObject(0)->getValue<std::string>("test_name")});
        resultBytes = server.http().get("/results/" + seeds.back().jobId).body.size();
    }
    std::printf("jji-server pid %d; %d seeded results of %zu bytes; %d clients, a small analysis every %d s; "
                "%.1f minutes sampled every %d s after %d s of warm-up\n",
                pid, kSeededResults, resultBytes, clients, kAnalysisEverySeconds, minutes, intervalSeconds,
                std::min(kWarmupSeconds, intervalSeconds));
    std::fflush(stdout);

    Counters counters;
    ErrorLog errors;
    Latencies latencies;
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back(clientLoop, c, server.port(), std::cref(seeds), std::cref(stop), std::ref(counters), std::ref(errors),
                             std::ref(latencies));
    threads.emplace_back(analysisLoop, std::cref(server.http()), std::cref(stop), std::ref(counters), std::ref(errors),
                         std::ref(latencies));

    std::this_thread::sleep_for(std::chrono::seconds(std::min(kWarmupSeconds, intervalSeconds)));
    std::vector<Sample> samples;
    const auto start = Clock::now();
    for (int n = 0;; ++n) {
        const auto due = start + n * interval;
        if (due > start + runLength)
            break;
        std::this_thread::sleep_until(due);
        Sample s = probe(pid);
        s.minute = n * intervalSeconds / 60.0;
        s.requests = counters.requests.exchange(0);
        s.errors = counters.errors.exchange(0);
        samples.push_back(s);
        std::fprintf(stderr, "%6.1f min  RSS %7.1f MiB  threads %3ld  fds %3ld  requests %7ld  errors %ld\n", s.minute, s.rssMib,
                     s.threads, s.fds, s.requests, s.errors);
    }
    stop = true;
    for (auto& t : threads)
        t.join();

    std::printf("\n%7s %9s %8s %5s %10s %7s\n", "minute", "RSS MiB", "threads", "fds", "requests", "errors");
    long totalRequests = 0, totalErrors = 0;
    for (const auto& s : samples) {
        std::printf("%7.1f %9.1f %8ld %5ld %10ld %7ld\n", s.minute, s.rssMib, s.threads, s.fds, s.requests, s.errors);
        totalRequests += s.requests;
        totalErrors += s.errors;
    }
    std::printf("(requests and errors since the previous row; the first row's are the warm-up's)\n");

    latencies.print();
    printServerComplaints(server.dataDir() + "/server.log");

    // The window: the last two thirds of the run (minute 10 on of 30).
    std::vector<Sample> window;
    for (const auto& s : samples)
        if (s.minute >= minutes / 3.0)
            window.push_back(s);
    if (window.empty())
        window.push_back(samples.back());
    const double count = static_cast<double>(window.size());
    double meanT = 0, mean = 0;
    for (const auto& s : window) {
        meanT += s.minute / count;
        mean += s.rssMib / count;
    }
    double sxy = 0, sxx = 0, deviation = 0;
    for (const auto& s : window) {
        sxy += (s.minute - meanT) * (s.rssMib - mean);
        sxx += (s.minute - meanT) * (s.minute - meanT);
        deviation = std::max(deviation, std::fabs(s.rssMib - mean) / mean);
    }
    const double slope = sxx > 0 ? sxy / sxx : 0; // MiB per minute
    const double span = window.back().minute - window.front().minute;
    const double trend = slope * span / mean;      // the rise of the fitted line across the window
    const bool plateau = deviation <= 0.10 && trend < 0.10;
    std::printf("window: minute %.1f to %.1f, %zu samples: mean RSS %.1f MiB, largest deviation %.1f%%, "
                "trend %+.3f MiB/min (%+.1f%% of the mean across the window)%s\n",
                window.front().minute, window.back().minute, window.size(), mean, 100 * deviation, slope, 100 * trend,
                window.size() < 3 ? " [few samples: a short run says little]" : "");
    std::printf("threads %ld to %ld, fds %ld to %ld over the window\n", window.front().threads, window.back().threads,
                window.front().fds, window.back().fds);
    if (plateau)
        std::printf("verdict: plateau\n");
    else
        std::printf("verdict: growing, %+.3f MiB per minute\n", slope);
    std::printf("requests: %ld with the warm-up's, errors: %ld\n", totalRequests, totalErrors);
    if (totalErrors > 0) {
        errors.print();
        return 2;
    }
    return plateau ? 0 : 1;
}

int main(int argc, char** argv)
{
    try {
        return soak(argc, argv);
    } catch (const std::exception& e) { // the server did not start, or a seed got no answer
        std::fprintf(stderr, "soak failed: %s\n", e.what());
        return 2;
    }
}
