// Benchmark: how error signatures group real failures, against hand-made labels.
//
//   ./build/tests/jji_bench_signatures [tests=200000] [failing=5000] [runs=5] [--problems] [--holdout-problems]
//
// For every labelled report under tests/data/signatures (the corpus the rules were made
// on) and tests/data/signatures-holdout (reports made apart, not looked at while making
// them), it prints failing tests, true families (root causes), signatures (= AI calls),
// families split over several signatures and signatures merging several families, for
// today's signature next to the version 1 signature. Then the signature stage on a
// generated report (~49 MB at the defaults: 200,000 tests, 5,000 failures, 12 causes),
// both versions timed in the same run, alternating, medians.
#include "jji/analysis/signature/ErrorSignature.h"
#include "jji/analysis/signature/LegacyErrorSignature.h"
#include "jji/test/SignatureCorpus.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

using jji::analysis::ErrorSignature;
using jji::analysis::LegacyErrorSignature;
using jji::analysis::TestFailure;
using namespace jji::test;

namespace {

/// The column of today's signatures, named by their version.
std::string nowLabel() { return "v" + std::to_string(ErrorSignature::kVersion) + " sig"; }

std::string v1(const TestFailure& f) { return LegacyErrorSignature::compute(f.errorMessage, f.stackTrace); }

void printRow(const char* name, const CorpusScore& now, const CorpusScore& before)
{
    std::printf("%-22s %7zu %8zu | %6zu %5zu %6zu | %6zu %5zu %6zu\n", name, now.failing, now.families, now.signatures,
                now.splitFamilies, now.mergingSignatures, before.signatures, before.splitFamilies, before.mergingSignatures);
}

CorpusScore runCorpus(const char* title, const std::string& dir, bool problems)
{
    std::printf("\n%s (%s)\n", title, dir.c_str());
    std::printf("%-22s %7s %8s | %6s %5s %6s | %6s %5s %6s\n", "report", "failing", "families", nowLabel().c_str(), "split", "merges",
                "v1 sig", "split", "merges");
    CorpusScore totalNow, totalBefore;
    std::vector<std::string> found;
    for (const auto& report : loadCorpus(dir)) {
        CorpusScore now = scoreCurrent(report);
        CorpusScore before = scoreReport(report, v1);
        printRow(report.name.c_str(), now, before);
        found.insert(found.end(), now.problems.begin(), now.problems.end());
        totalNow += now;
        totalBefore += before;
    }
    printRow("TOTAL", totalNow, totalBefore);
    std::printf("AI calls per root cause: v%d %.2f, v1 %.2f\n", ErrorSignature::kVersion,
                totalNow.families ? static_cast<double>(totalNow.signatures) / static_cast<double>(totalNow.families) : 0.0,
                totalNow.families ? static_cast<double>(totalBefore.signatures) / static_cast<double>(totalNow.families) : 0.0);
    if (problems)
        for (const auto& p : found)
            std::printf("  %s\n", p.c_str());
    return totalNow;
}

double seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// The signature stage as the daemon runs it: every failure's signature, then the groups.
template <typename Signatures>
double timeStage(const LabelledReport& report, Signatures signatures, std::size_t& groups)
{
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::string> all = signatures(report.failures);
    std::set<std::string> distinct(all.begin(), all.end());
    auto t1 = std::chrono::steady_clock::now();
    groups = distinct.size();
    return seconds(t1 - t0);
}

std::vector<std::string> v1All(const std::vector<TestFailure>& failures)
{
    std::vector<std::string> out;
    out.reserve(failures.size());
    for (const auto& f : failures)
        out.push_back(v1(f));
    return out;
}

std::vector<std::string> currentAll(const std::vector<TestFailure>& failures) { return currentSignatures(failures); }

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args;
    bool problems = false, holdoutProblems = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--problems") == 0)
            problems = true;
        else if (std::strcmp(argv[i], "--holdout-problems") == 0)
            holdoutProblems = true;
        else
            args.push_back(argv[i]);
    }
    const std::size_t tests = args.size() > 0 ? std::strtoul(args[0].c_str(), nullptr, 10) : 200000;
    const std::size_t failing = args.size() > 1 ? std::strtoul(args[1].c_str(), nullptr, 10) : 5000;
    const int runs = args.size() > 2 ? std::atoi(args[2].c_str()) : 5;

    runCorpus("Corpus", signatureCorpusDir(), problems);
    // The holdout's problems stay hidden unless asked for by name: reading them while
    // changing the rules would make it one more training set.
    runCorpus("Holdout (not used to make the rules)", signatureHoldoutDir(), holdoutProblems);

    std::string xml;
    const LabelledReport generated = generatedReport(tests, failing, xml);
    xml.clear();
    xml.shrink_to_fit();
    CorpusScore now = scoreCurrent(generated);
    CorpusScore before = scoreReport(generated, v1);
    std::printf("\nGenerated report: %.1f MB, %zu tests, %zu failing, %zu root causes\n",
                static_cast<double>(generated.bytes) / (1024.0 * 1024.0), tests, now.failing, now.families);
    std::printf("%-22s %7s %8s | %6s %5s %6s | %6s %5s %6s\n", "report", "failing", "families", nowLabel().c_str(), "split", "merges",
                "v1 sig", "split", "merges");
    printRow("generated", now, before);
    if (problems)
        for (const auto& p : now.problems)
            std::printf("  %s\n", p.c_str());

    std::vector<double> timesNow, timesBefore;
    std::size_t groupsNow = 0, groupsBefore = 0;
    for (int run = 0; run < runs; ++run) { // alternating, so both see the same machine
        timesBefore.push_back(timeStage(generated, v1All, groupsBefore));
        timesNow.push_back(timeStage(generated, currentAll, groupsNow));
    }
    const double n = static_cast<double>(generated.failures.size());
    std::printf("signature stage, median of %d: v%d %.3f s (%.0f failures/s, %zu groups), v1 %.3f s (%.0f failures/s, %zu groups); "
                "v%d/v1 time %.2f\n",
                runs, ErrorSignature::kVersion, median(timesNow), n / median(timesNow), groupsNow, median(timesBefore), n / median(timesBefore), groupsBefore,
                ErrorSignature::kVersion, median(timesNow) / median(timesBefore));
    return 0;
}
