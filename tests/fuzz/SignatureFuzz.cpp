// libFuzzer target: the error signature normalizer. The input is NUL-separated fields: the
// first two are one failure's message and stack trace (compute); all of them, three at a time
// (test name, message, trace), are one report's failures (normalizeReport and its report-level
// rules: test parameters in names, Go parents, a test reported twice).
#include "jji/analysis/signature/ErrorSignature.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using jji::analysis::ErrorSignature;
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> fields;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find('\0', start);
        fields.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    const std::string& message = fields[0];
    const std::string trace = fields.size() > 1 ? fields[1] : "";
    const std::string signature = ErrorSignature::compute(message, trace);
    if (signature != ErrorSignature::compute(message, trace))
        __builtin_trap(); // a signature must not depend on anything but its input

    std::vector<jji::analysis::TestFailure> failures;
    for (std::size_t i = 0; i + 2 < fields.size() && failures.size() < 64; i += 3) {
        jji::analysis::TestFailure f;
        f.testName = fields[i];
        f.errorMessage = fields[i + 1];
        f.stackTrace = fields[i + 2];
        failures.push_back(std::move(f));
    }
    const std::vector<std::string> texts = ErrorSignature::normalizeReport(failures);
    if (texts.size() != failures.size() || texts != ErrorSignature::normalizeReport(failures))
        __builtin_trap(); // one text per failure, the same every time
    return 0;
}
