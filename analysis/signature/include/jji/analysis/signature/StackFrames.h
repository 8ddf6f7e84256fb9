#ifndef JJI_ANALYSIS_SIGNATURE_STACKFRAMES_H
#define JJI_ANALYSIS_SIGNATURE_STACKFRAMES_H

#include <string>
#include <string_view>
#include <vector>

namespace jji {
namespace analysis {

/// One frame of a stack trace, reduced to what stays the same from run to run: the file's
/// name (no directory, no line or column) and the function (no test-parameter id).
struct StackFrame
{
    std::string file;
    std::string function;
    bool framework = false; ///< a test runner's, the language runtime's or a library's frame
    bool test = false;      ///< in a test file or a test function (test_x, FooTest.bar, x.test.js)

    bool operator==(const StackFrame& other) const { return file == other.file && function == other.function; }
};

/// Reads the frames out of the stack traces test runners write: Python tracebacks and
/// pytest's long format, Java/Kotlin (`at a.B.c(B.java:12)`, the last "Caused by:" taken
/// as the root cause), JavaScript (`at fn (file.js:1:2)`), Go panics and `file_test.go:12:`
/// lines, C/C++ locations (`file.cc:45`, `file.cpp(45): error`, `#3 0x.. in fn file.cpp:12`),
/// Ruby and PHP. Innermost frame first, whatever order the language prints.
class StackFrames
{
public:
    static constexpr std::size_t kMaxLines = 400;

    static std::vector<StackFrame> parse(std::string_view trace);

    /// The innermost frames that are not a framework's, at most `count`.
    static std::vector<StackFrame> userFrames(std::string_view trace, std::size_t count);
};

} // namespace analysis
} // namespace jji

#endif
