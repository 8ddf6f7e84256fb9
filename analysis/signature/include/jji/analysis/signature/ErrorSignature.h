#ifndef JJI_ANALYSIS_SIGNATURE_ERRORSIGNATURE_H
#define JJI_ANALYSIS_SIGNATURE_ERRORSIGNATURE_H

#include "jji/analysis/model/Model.h"
#include "jji/analysis/signature/StackFrames.h"

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// What a signature is made of, each part already normalized.
struct SignatureParts
{
    std::string kind;                ///< exception type or assertion kind, e.g. "ValueError", "AssertionError"
    std::string message;             ///< the message with its volatile parts masked
    std::vector<StackFrame> frames;  ///< innermost frames of the code under test
    bool alone = false;              ///< nothing named an error: the test's name keeps it apart

    /// The text that is hashed, one part per line ("kind: ...", "message: ...", "at: file function").
    std::string text() const;
};

/// Groups failures that are the same bug: one signature, one AI call. The signature is the
/// SHA-256 (hex) of a structured text: the exception type or assertion kind, the message
/// with what changes from run to run masked (VolatileText), and the innermost frames of
/// the code under test without line numbers, parameter ids or runner frames (StackFrames).
/// When the message is empty or only the first line of the output (CTest), the error
/// lines of the output stand in for it: signals, aborts, timeouts, exit codes.
/// Small numbers (assertion operands) are masked when frames tell bugs apart and kept when
/// the message is all there is. Version 4 (version 3 kept a parametrized test's parameter in
/// its message, empty literals, operand signs and dash-joined numbers; version 2 also kept the
/// units of durations, quoted words and letter-only hex ids); LegacyErrorSignature is version 1.
class ErrorSignature
{
public:
    static constexpr int kVersion = 4;
    /// The innermost frame is where the bug showed: deeper ones are the tests that called it.
    static constexpr std::size_t kFrames = 1;

    /// `testName`, when given, is masked where the message repeats it.
    static SignatureParts parts(const std::string& errorMessage, const std::string& stackTrace, const std::string& testName = "");

    /// The normalized text the signature is the hash of (shown as `signature_text`).
    static std::string normalize(const std::string& errorMessage, const std::string& stackTrace, const std::string& testName = "");

    static std::string compute(const std::string& errorMessage, const std::string& stackTrace, const std::string& testName = "");

    /// The normalized texts of one report's failures, in their order. Go fails a parent test
    /// whose subtests failed with no output of its own (`--- FAIL: TestX` alone): that parent
    /// takes a failing subtest's text instead of standing alone (an AI call of its own). A test
    /// reported twice under one name, once with its error and once with only that error's
    /// message, is one failure: the short entry takes the full one's text.
    static std::vector<std::string> normalizeReport(const std::vector<TestFailure>& failures);

    /// The signature of an already normalized text.
    static std::string hashText(const std::string& text);
};

} // namespace analysis
} // namespace jji

#endif
