// Benchmark: the direct-analysis pipeline on a generated ~50 MB JUnit report, without
// the AI: parse (expat, streamed), error signatures for every failure, grouping, and
// enrichment of the XML. Reports the median of several runs in MB/s and the peak RSS
// relative to the report size.
//
//   ./build/tests/jji_bench_junit [size_mb=50] [runs=5] [fail_every=5]
// fail_every=5 makes every fifth test fail (a pathological 20 %); 50 is closer to real life.
#include "jji/analysis/signature/ErrorSignature.h"
#include "jji/analysis/junit/JunitReport.h"
#include "jji/analysis/runtime/AllocatorTuning.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <sys/resource.h>
#include <vector>

using jji::analysis::ErrorSignature;
using jji::analysis::FailureAnalysis;
using jji::analysis::JunitReport;

namespace {

/// A report of about `bytes` bytes: suites of 50 cases, every `failEvery`-th failing with
/// one of 40 error families whose messages differ in ports, durations and ids.
std::string generateReport(std::size_t bytes, std::size_t failEvery)
{
    std::string xml;
    xml.reserve(bytes + bytes / 2); // as the server copies raw_xml: 50% spare capacity for the enrichment
    xml += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
    std::size_t test = 0;
    while (xml.size() < bytes) {
        xml += "<testsuite name=\"suite" + std::to_string(test / 50) + "\" tests=\"50\">\n";
        for (int i = 0; i < 50; ++i, ++test) {
            std::string name = "test_case_" + std::to_string(test);
            xml += "  <testcase classname=\"pkg.module" + std::to_string(test % 97) + ".TestClass\" name=\"" + name +
                   "\" time=\"0." + std::to_string(test % 1000) + "\">";
            if (test % failEvery == 0) {
                int family = static_cast<int>(test % 40);
                xml += "<failure message=\"Error family " + std::to_string(family) + ": connect to 10.0.0." +
                       std::to_string(test % 250) + ":" + std::to_string(30000 + test % 9999) + " failed after " +
                       std::to_string(test % 60) + "s\" type=\"AssertionError\">Traceback (most recent call last):\n";
                for (int frame = 0; frame < 8; ++frame)
                    xml += "  File \"/src/pkg/module" + std::to_string(family) + ".py\", line " +
                           std::to_string(10 * frame + family) + ", in function_" + std::to_string(frame) + "\n";
                xml += "AssertionError: request " + std::to_string(test) + " failed</failure>";
            }
            xml += "<system-out>log line for " + name + "</system-out></testcase>\n";
        }
        xml += "</testsuite>\n";
    }
    xml += "</testsuites>\n";
    return xml;
}

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

double seconds(std::chrono::steady_clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    jji::analysis::tuneAllocator(); // as the daemon runs
    const std::size_t sizeMb = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    const long rssBeforeKb = peakRssKb();
    const std::size_t failEvery = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 5;
    const std::size_t every = failEvery == 0 ? 5 : failEvery;
    std::size_t reportBytes = 0;
    long rssWithReportKb = 0;

    std::vector<double> parse, signatures, grouping, enrich, total;
    std::size_t failures = 0, groups = 0;
    for (int run = 0; run < runs; ++run) {
        // A fresh report each run, handed over as the server hands over a request's body.
        std::string report = generateReport(sizeMb * 1024 * 1024, every);
        reportBytes = report.size();
        rssWithReportKb = std::max(rssWithReportKb, peakRssKb());
        auto t0 = std::chrono::steady_clock::now();
        auto parsed = JunitReport::parse(std::move(report));
        auto t1 = std::chrono::steady_clock::now();
        std::map<std::string, int> families;
        std::vector<FailureAnalysis> analyses;
        std::vector<jji::analysis::TestFailure> input = parsed->takeFailures(); // as the server takes them
        std::vector<std::string> signatureOf = ErrorSignature::normalizeReport(input); // as the analyzer does
        for (auto& text : signatureOf)
            text = ErrorSignature::hashText(text);
        auto t2 = std::chrono::steady_clock::now();
        analyses.reserve(input.size());
        for (std::size_t i = 0; i < input.size(); ++i) {
            const auto& f = input[i];
            FailureAnalysis a;
            a.testName = f.testName;
            a.error = f.errorMessage;
            a.errorSignature = std::move(signatureOf[i]);
            a.analysis.classification = "CODE ISSUE";
            a.analysis.details = "Benchmark analysis text for the group.";
            ++families[a.errorSignature];
            analyses.push_back(std::move(a));
        }
        std::vector<jji::analysis::TestFailure>().swap(input); // the server drops them once analysed too
        auto t2b = std::chrono::steady_clock::now();
        std::string enriched = parsed->releaseEnriched(analyses, "https://jji.example.com/results/bench.html");
        auto t3 = std::chrono::steady_clock::now();
        grouping.push_back(seconds(t2b - t2));
        failures = analyses.size();
        groups = families.size();
        parse.push_back(seconds(t1 - t0));
        signatures.push_back(seconds(t2 - t1));
        enrich.push_back(seconds(t3 - t2b));
        total.push_back(seconds(t3 - t0));
        if (enriched.size() < reportBytes) {
            std::fprintf(stderr, "enriched report shrank: bug\n");
            return 1;
        }
    }
    const long peakKb = peakRssKb();
    const double mb = static_cast<double>(reportBytes) / (1024.0 * 1024.0);
    const double reportKb = static_cast<double>(reportBytes) / 1024.0;
    std::printf("report: %.1f MB, %zu failures in %zu signature groups, %d runs (medians)\n", mb, failures, groups, runs);
    std::printf("parse:      %7.3f s  %8.1f MB/s\n", median(parse), mb / median(parse));
    std::printf("signatures: %7.3f s  %8.1f failures/s\n", median(signatures), static_cast<double>(failures) / median(signatures));
    std::printf("grouping:   %7.3f s  (one analysis per failure, as the analyzer fans answers out)\n", median(grouping));
    std::printf("enrich:     %7.3f s  %8.1f MB/s\n", median(enrich), mb / median(enrich));
    std::printf("pipeline:   %7.3f s  %8.1f MB/s\n", median(total), mb / median(total));
    std::printf("peak RSS: %.1f MB = %.2fx the report (process baseline %.1f MB, with report text %.1f MB)\n",
                static_cast<double>(peakKb) / 1024.0, static_cast<double>(peakKb - rssBeforeKb) / reportKb,
                static_cast<double>(rssBeforeKb) / 1024.0, static_cast<double>(rssWithReportKb) / 1024.0);
    return 0;
}
