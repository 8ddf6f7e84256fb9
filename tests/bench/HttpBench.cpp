// Benchmark: the request path under wrk, side by side in one run. Three servers answer
// GET /health and GET /results/{id} (a stored result of about 70 kB):
//   - jji-server, the real daemon on a SQLite database holding the result;
//   - the floor: a bare Poco HTTPServer in this process that only writes the same bytes
//     (what the stack we chose costs with no work at all);
//   - the FastAPI peer (tests/bench/fastapi_peer.py: FastAPI + uvicorn + aiosqlite reading the
//     same database the way the original service does), when Debian's python3-fastapi,
//     python3-uvicorn and python3-aiosqlite are installed.
// Each (server, endpoint) is measured `rounds` times, alternating, with
// `wrk -t1 -cN -dS --latency`; the table gives medians of req/s and p99 and the ratios.
//   ./build/tests/jji_bench_http [seconds=10] [rounds=5] [connections=32]
#include "jji/storage/Database.h"
#include "jji/storage/Migrations.h"
#include "jji/storage/ResultStore.h"
#include "jji/test/ServerProcess.h"
#include "jji/test/TempDir.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace {

const std::string kJobId = "bench-result-70k";

/// A completed result of about 70 kB: 100 failures with the text an AI analysis has.
std::string resultDocument()
{
    std::string failures;
    for (int i = 0; i < 100; ++i) {
        failures += std::string(i ? "," : "") + R"J({"test_name":"tests.shop.test_checkout_)J" + std::to_string(i) +
                    R"J(","error":"AssertionError: expected order total 42.00 but was 41.99 (rounding)","analysis":{)J"
                    R"J("classification":"PRODUCT BUG","affected_tests":["tests.shop.test_checkout_)J" + std::to_string(i) +
                    R"J("],"details":"The order total is rounded per line instead of once per order, so carts with several )J"
                    R"J(discounted lines lose a cent. The failure repeats on every build since the pricing change.",)J"
                    R"J("artifacts_evidence":"","code_fix":false,"product_bug_report":{"title":"Order totals are rounded per line",)J"
                    R"J("severity":"medium","component":"pricing","description":"Rounding per line","evidence":"41.99 != 42.00",)J"
                    R"J("jira_search_keywords":["rounding","order total"]}},"error_signature":"0123456789abcdef",)J"
                    R"J("signature_text":"kind: AssertionError\nmessage: expected order total <N> but was <N>","peer_debate":null})J";
    }
    return R"J({"job_id":")J" + kJobId + R"J(","status":"completed","summary":"100 failure(s) analyzed (1 unique error types)",)J"
           R"J("ai_provider":"claude","ai_model":"sonnet","failures":[)J" + failures + "]}";
}

class FixedBody : public Poco::Net::HTTPRequestHandler
{
public:
    explicit FixedBody(const std::string& body) : _body(body) {}
    void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response) override
    {
        response.setContentType("application/json");
        response.setContentLength64(static_cast<Poco::Int64>(_body.size()));
        response.send().write(_body.data(), static_cast<std::streamsize>(_body.size()));
    }

private:
    const std::string& _body;
};

/// The floor: writes the bytes jji-server answered, nothing else.
class FloorFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    FloorFactory(std::string health, std::string result) : _health(std::move(health)), _result(std::move(result)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override
    {
        return new FixedBody(request.getURI() == "/health" ? _health : _result);
    }

private:
    std::string _health, _result;
};

struct Sample
{
    double requestsPerSecond = 0;
    double p99Ms = 0;
};

double toMs(double value, const std::string& unit)
{
    return unit == "us" ? value / 1000 : unit == "s" ? value * 1000 : unit == "m" ? value * 60000 : value;
}

Sample runWrk(const std::string& url, int seconds, int connections)
{
    Poco::Pipe out;
    Poco::ProcessHandle wrk = Poco::Process::launch(
        "wrk", {"-t1", "-c" + std::to_string(connections), "-d" + std::to_string(seconds) + "s", "--latency", url}, nullptr, &out,
        nullptr);
    Poco::PipeInputStream in(out);
    std::string text;
    Poco::StreamCopier::copyToString(in, text);
    wrk.wait();
    Sample s;
    std::smatch m;
    if (std::regex_search(text, m, std::regex(R"(Requests/sec:\s+([0-9.]+))")))
        s.requestsPerSecond = std::stod(m[1]);
    if (std::regex_search(text, m, std::regex(R"(99%\s+([0-9.]+)(us|ms|s|m))")))
        s.p99Ms = toMs(std::stod(m[1]), m[2]);
    return s;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

int freePort()
{
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

bool peerAvailable()
{
    return std::system("/usr/bin/python3 -c 'import fastapi, uvicorn, aiosqlite' >/dev/null 2>&1") == 0;
}

} // namespace

int main(int argc, char** argv)
{
    const int seconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const int connections = argc > 3 ? std::max(1, std::atoi(argv[3])) : 32;
    if (std::system("wrk --version >/dev/null 2>&1") > 256) { // wrk --version exits 1
        std::fprintf(stderr, "wrk is not installed (apt-get install wrk)\n");
        return 2;
    }

    jji::test::TempDir dir;
    const std::string dbPath = dir.file("jji.db");
    {
        jji::storage::Database db = jji::storage::Database::open(dbPath);
        jji::storage::Migrations::apply(db);
        jji::storage::ResultStore results(db);
        jji::storage::ResultRow row;
        row.jobId = kJobId;
        row.status = "running";
        results.insert(row);
        results.update(kJobId, "completed", resultDocument(), nullptr, nullptr);
    }
    jji::test::ServerProcess jji({{{"DB_PATH", dbPath}, {"JJI_DATA_DIR", dir.path()}}, {}});
    const std::string jjiBase = "http://127.0.0.1:" + std::to_string(jji.port());
    const std::string health = jji.http().get("/health").body;
    const std::string result = jji.http().get("/results/" + kJobId).body;
    std::printf("result body: %zu bytes\n", result.size());

    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(64);
    params->setMaxQueued(256);
    Poco::ThreadPool floorThreads(2, 64);
    Poco::Net::HTTPServer floor(new FloorFactory(health, result), floorThreads,
                                Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)), params);
    floor.start();
    const std::string floorBase = "http://127.0.0.1:" + std::to_string(floor.port());

    std::map<std::string, std::string> bases{{"jji-server", jjiBase}, {"bare Poco", floorBase}};
    std::optional<Poco::ProcessHandle> peer;
    if (peerAvailable()) {
        const int port = freePort();
        peer = Poco::Process::launch("/usr/bin/python3", {std::string(JJI_BENCH_DIR) + "/fastapi_peer.py", dbPath, std::to_string(port)});
        jji::test::HttpClient client("127.0.0.1", port);
        for (int i = 0; i < 100; ++i) {
            try {
                if (client.get("/health").status == 200)
                    break;
            } catch (const std::exception&) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        bases["FastAPI peer"] = "http://127.0.0.1:" + std::to_string(port);
    } else {
        std::printf("FastAPI peer skipped: /usr/bin/python3 lacks fastapi, uvicorn or aiosqlite "
                    "(apt-get install python3-fastapi python3-uvicorn python3-aiosqlite)\n");
    }

    const std::vector<std::pair<std::string, std::string>> endpoints{{"GET /health", "/health"},
                                                                     {"GET /results/{id}", "/results/" + kJobId}};
    std::map<std::pair<std::string, std::string>, std::vector<double>> rps, p99;
    for (int r = 0; r < rounds; ++r) {
        for (const auto& [endpoint, path] : endpoints) {
            for (const auto& [name, base] : bases) {
                const Sample s = runWrk(base + path, seconds, connections);
                rps[{endpoint, name}].push_back(s.requestsPerSecond);
                p99[{endpoint, name}].push_back(s.p99Ms);
                std::fprintf(stderr, "round %d %s %s: %.0f req/s, p99 %.2f ms\n", r + 1, endpoint.c_str(), name.c_str(),
                             s.requestsPerSecond, s.p99Ms);
            }
        }
    }
    if (peer)
        Poco::Process::kill(*peer);

    std::printf("\nwrk -t1 -c%d -d%ds, %d rounds alternating, medians (wrk and the servers share the machine)\n", connections,
                seconds, rounds);
    std::printf("%-18s %-13s %11s %9s %10s %10s\n", "endpoint", "server", "req/s", "p99 ms", "vs floor", "vs peer");
    for (const auto& [endpoint, path] : endpoints) {
        const double floorRps = median(rps[{endpoint, "bare Poco"}]);
        const double peerRps = bases.count("FastAPI peer") ? median(rps[{endpoint, "FastAPI peer"}]) : 0;
        for (const auto& name : {"jji-server", "bare Poco", "FastAPI peer"}) {
            if (!bases.count(name))
                continue;
            const double v = median(rps[{endpoint, name}]);
            std::printf("%-18s %-13s %11.0f %9.2f %9.0f%% %9s\n", endpoint.c_str(), name, v, median(p99[{endpoint, name}]),
                        floorRps > 0 ? 100 * v / floorRps : 0,
                        peerRps > 0 ? (std::to_string(static_cast<int>(v / peerRps + 0.5)) + "x").c_str() : "-");
        }
    }
    floor.stop();
    return 0;
}
