// libFuzzer target: JUnit XML reports (parse, then enrich with an answer per failure).
#include "jji/analysis/junit/JunitReport.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        auto report = jji::analysis::JunitReport::parse(std::string(reinterpret_cast<const char*>(data), size));
        std::vector<jji::analysis::FailureAnalysis> analyses;
        for (const auto& failure : report->failures()) {
            jji::analysis::FailureAnalysis a;
            a.testName = failure.testName;
            a.error = failure.errorMessage;
            a.analysis.classification = "CODE ISSUE";
            a.analysis.details = "fuzz";
            analyses.push_back(a);
        }
        (void)report->enriched(analyses, "http://localhost/results/x");
    } catch (const jji::analysis::JunitParseError&) {
    }
    return 0;
}
