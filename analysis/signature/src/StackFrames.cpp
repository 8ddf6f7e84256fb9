#include "jji/analysis/signature/StackFrames.h"

#include "jji/analysis/signature/VolatileText.h"
#include "TextViews.h"

#include <algorithm>
#include <cctype>

namespace jji {
namespace analysis {

namespace {

using namespace text;



/// Source files of the languages whose runners write JUnit reports.
bool hasSourceExtension(std::string_view file)
{
    static const std::string_view extensions[] = {
        ".py", ".java", ".kt", ".scala", ".groovy", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".go",
        ".c",  ".cc",   ".cpp", ".cxx",  ".h",      ".hh", ".hpp", ".rb", ".php", ".rs", ".cs", ".swift"};
    const std::size_t dot = file.rfind('.');
    if (dot == std::string_view::npos)
        return false;
    const std::string_view ext = file.substr(dot);
    return std::find(std::begin(extensions), std::end(extensions), ext) != std::end(extensions);
}

/// Paths of test runners, language runtimes and installed libraries.
bool isFrameworkPath(std::string_view path)
{
    static const std::string_view markers[] = {
        "site-packages/", "dist-packages/", "/usr/lib/python", "/_pytest/", "_pytest/", "/pluggy/", "pluggy/", "/unittest/",
        "node:", "node_modules/", "internal/", "/usr/lib/go", "/usr/local/go", "/usr/share/go", "testing/testing.go",
        "/runtime/", "/usr/include/", "/gtest/internal/", "gtest-all.cc", "/src/gtest", "googletest/", "boost/test", "/catch2/catch", "catch.hpp",
        "/gems/", "rspec-core", "rspec-expectations", "/usr/share/php/", "/vendor/", "/phpunit/phpunit/", "<frozen "};
    for (auto m : markers)
        if (contains(path, m))
            return true;
    return path.empty();
}

/// Qualified functions of runners, runtimes and assertion libraries.
bool isFrameworkFunction(std::string_view function)
{
    static const std::string_view prefixes[] = {
        "org.junit.", "junit.", "org.apache.maven.", "sun.reflect.", "jdk.internal.", "java.", "javax.", "kotlin.",
        "kotlinx.", "scala.", "org.opentest4j.", "org.assertj.", "org.hamcrest.", "org.testng.", "org.mockito.",
        "org.gradle.", "worker.org.gradle.", "com.google.common.truth.", "testing.", "runtime.", "testing::",
        "Catch::", "boost::", "RSpec::", "PHPUnit\\", "processTicksAndRejections", "process.processTicksAndRejections",
        "new Promise", "Promise.", "_callCircusTest", "_runTest", "jestAdapter"};
    for (auto p : prefixes)
        if (startsWith(function, p))
            return true;
    return false;
}

std::string_view basename(std::string_view path)
{
    const std::size_t slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// file.py:12:3 → file.py; file:///a/b.js?v=1:2:3 → b.js.
std::string_view stripLocation(std::string_view location)
{
    if (startsWith(location, "file://"))
        location.remove_prefix(7);
    // Drop trailing :line[:column].
    for (int part = 0; part < 2; ++part) {
        const std::size_t colon = location.rfind(':');
        if (colon == std::string_view::npos || colon + 1 >= location.size())
            break;
        bool digits = true;
        for (std::size_t k = colon + 1; k < location.size(); ++k)
            digits = digits && isDigit(location[k]);
        if (!digits)
            break;
        location = location.substr(0, colon);
    }
    const std::size_t query = location.find('?');
    if (query != std::string_view::npos)
        location = location.substr(0, query);
    return location;
}

/// Test-parameter ids and compiler-made numbers are not part of a function's identity:
/// test_roundtrip[catalog] → test_roundtrip, lambda$load$0 → lambda$load, Outer$1 → Outer$.
std::string normalizeFunction(std::string_view function)
{
    if (startsWith(function, "async "))
        function.remove_prefix(6);
    if (startsWith(function, "new "))
        function.remove_prefix(4);
    const std::size_t bracket = function.find('[');
    if (bracket != std::string_view::npos && bracket > 0)
        function = function.substr(0, bracket);
    std::string out;
    out.reserve(function.size());
    for (std::size_t i = 0; i < function.size(); ++i) {
        const char c = function[i];
        if (isDigit(c) && i > 0 && (function[i - 1] == '$' || (isDigit(function[i - 1]) && !out.empty() && out.back() == '$')))
            continue; // Outer$1, lambda$x$0
        out += c;
    }
    while (!out.empty() && out.back() == '$')
        out.pop_back();
    return out;
}

/// Test code by the names runners look for: test_x.py, x_test.go, FooTest.java, x.test.js,
/// x_spec.rb, and functions named test... or methods of a ...Test class.
bool isTestCode(std::string_view file, std::string_view function)
{
    static const std::string_view fileMarks[] = {"_test.", "Test.", "Tests.", "IT.", ".test.", ".spec.", "_spec.", "-test.", "-spec."};
    if (startsWith(file, "test_") || startsWith(file, "test-"))
        return true;
    for (auto m : fileMarks)
        if (contains(file, m))
            return true;
    const std::size_t dot = function.rfind('.');
    const std::string_view method = dot == std::string_view::npos ? function : function.substr(dot + 1);
    const std::string_view owner = dot == std::string_view::npos ? std::string_view() : function.substr(0, dot);
    return startsWith(method, "test") || startsWith(method, "Test") || endsWith(owner, "Test") || endsWith(owner, "Tests") ||
           owner == "TestContext";
}

StackFrame makeFrame(std::string_view path, std::string_view function, std::string_view qualified = {})
{
    StackFrame frame;
    path = stripLocation(trim(path));
    // Identity hashes and ids inside names (Pool$Lease@3a7f.close) are volatile too.
    VolatileText::Options keepOperands;
    keepOperands.maskSmallNumbers = false;
    frame.file = VolatileText::mask(basename(path), keepOperands);
    frame.function = VolatileText::mask(normalizeFunction(trim(function)), keepOperands);
    frame.framework = isFrameworkPath(path) || isFrameworkFunction(qualified.empty() ? function : qualified);
    frame.test = isTestCode(frame.file, frame.function);
    return frame;
}

/// `PATH:LINE...` where PATH has a source extension: gtest, Go test output, PHPUnit, Catch2.
bool locationLine(std::string_view line, std::string_view& path)
{
    std::size_t colon = line.find(':');
    while (colon != std::string_view::npos) {
        if (colon + 1 < line.size() && isDigit(line[colon + 1])) {
            std::string_view candidate = line.substr(0, colon);
            if (startsWith(candidate, "file://"))
                candidate.remove_prefix(7);
            if (!candidate.empty() && candidate.find(' ') == std::string_view::npos && hasSourceExtension(candidate)) {
                path = candidate;
                return true;
            }
        }
        if (colon > 0 && line.substr(0, colon).find(' ') != std::string_view::npos)
            return false;
        colon = line.find(':', colon + 1);
    }
    // MSVC and Boost.Test: file.cpp(45): error
    const std::size_t paren = line.find('(');
    if (paren != std::string_view::npos && paren + 1 < line.size() && isDigit(line[paren + 1])) {
        std::string_view candidate = line.substr(0, paren);
        if (candidate.find(' ') == std::string_view::npos && hasSourceExtension(candidate)) {
            path = candidate;
            return true;
        }
    }
    return false;
}

class Parser
{
public:
    std::vector<StackFrame> run(std::string_view trace)
    {
        std::size_t lines = 0;
        std::size_t pos = 0;
        while (pos <= trace.size() && lines < StackFrames::kMaxLines) {
            std::size_t nl = trace.find('\n', pos);
            std::string_view raw = trace.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
            line(trim(raw.substr(0, 1000)));
            ++lines;
            if (nl == std::string_view::npos)
                break;
            pos = nl + 1;
        }
        // Python prints the innermost call last.
        std::reverse(_outerFirst.begin(), _outerFirst.end());
        std::vector<StackFrame> frames = std::move(_outerFirst);
        frames.insert(frames.end(), _innerFirst.begin(), _innerFirst.end());
        return frames;
    }

private:
    void line(std::string_view l)
    {
        if (l.empty())
            return;
        if (startsWith(l, "Caused by:") || startsWith(l, "cause: ")) {
            // The root cause's frames are the ones that tell: start over with them.
            _innerFirst.clear();
            return;
        }
        if (python(l) || pytest(l) || atFrame(l) || goFrame(l) || hashFrame(l) || ruby(l))
            return;
        if (startsWith(l, "def ") || startsWith(l, "async def ")) {
            std::string_view rest = l.substr(l.find("def ") + 4);
            _lastDef = std::string(rest.substr(0, rest.find('(')));
            return;
        }
        std::string_view path;
        if (locationLine(l, path))
            _innerFirst.push_back(makeFrame(path, ""));
        _previous = std::string(l);
    }

    /// File "x.py", line 3, in func
    bool python(std::string_view l)
    {
        if (!startsWith(l, "File \""))
            return false;
        const std::size_t close = l.find('"', 6);
        const std::size_t in = l.find(", in ", close == std::string_view::npos ? 0 : close);
        if (close == std::string_view::npos || in == std::string_view::npos)
            return false;
        _outerFirst.push_back(makeFrame(l.substr(6, close - 6), l.substr(in + 5)));
        return true;
    }

    /// pytest's long format: "tests/t.py:12: in test_x" for each call and
    /// "src/m.py:33: ValueError" where the innermost one raised (its function is the
    /// "def" printed above it).
    bool pytest(std::string_view l)
    {
        const std::size_t py = l.find(".py:");
        if (py == std::string_view::npos || l.find(' ') < py)
            return false;
        std::size_t k = py + 4;
        const std::size_t digits = k;
        while (k < l.size() && isDigit(l[k]))
            ++k;
        if (k == digits || k + 1 >= l.size() || l[k] != ':' || l[k + 1] != ' ')
            return false;
        std::string_view path = l.substr(0, py + 3);
        std::string_view rest = l.substr(k + 2);
        if (startsWith(rest, "in ")) {
            _outerFirst.push_back(makeFrame(path, rest.substr(3)));
            _lastDef.clear();
            return true;
        }
        // The raising line: an exception name alone.
        if (rest.find(' ') == std::string_view::npos && !rest.empty() && std::isupper(static_cast<unsigned char>(rest[0]))) {
            _outerFirst.push_back(makeFrame(path, _lastDef));
            return true;
        }
        return false;
    }

    /// Java, Kotlin and JavaScript: at a.B.c(B.java:12) / at fn (file.js:1:2) / at file.js:1:2
    bool atFrame(std::string_view l)
    {
        if (!startsWith(l, "at "))
            return false;
        std::string_view rest = trim(l.substr(3));
        const std::size_t open = rest.find('(');
        if (open != std::string_view::npos && rest.back() == ')') {
            std::string_view callee = trim(rest.substr(0, open));
            std::string_view location = rest.substr(open + 1, rest.size() - open - 2);
            const std::string_view jvmFile = location.substr(0, location.find(':'));
            const bool jvmLocation = location == "Native Method" || location == "Unknown Source" ||
                                     endsWith(jvmFile, ".java") || endsWith(jvmFile, ".kt") || endsWith(jvmFile, ".scala") ||
                                     endsWith(jvmFile, ".groovy");
            if (callee.find(' ') == std::string_view::npos && !callee.empty() && jvmLocation) {
                // Java: qualified.Class.method(File.java:12)
                const std::size_t dot = callee.rfind('.');
                const std::size_t classDot = dot == std::string_view::npos ? std::string_view::npos : callee.rfind('.', dot - 1);
                std::string_view simple = classDot == std::string_view::npos ? callee : callee.substr(classDot + 1);
                StackFrame frame = makeFrame(location.substr(0, location.find(':')), simple, callee);
                if (location == "Native Method" || location == "Unknown Source")
                    frame.framework = frame.framework || isFrameworkFunction(callee);
                _innerFirst.push_back(frame);
                return true;
            }
            // JavaScript: fn (location)
            std::string_view fn = callee;
            if (startsWith(fn, "async "))
                fn.remove_prefix(6);
            StackFrame frame = makeFrame(location, fn);
            if (location == "<anonymous>" || startsWith(location, "index "))
                frame.framework = true;
            _innerFirst.push_back(frame);
            return true;
        }
        if (rest.find(' ') == std::string_view::npos && (contains(rest, ":") || contains(rest, "/"))) {
            _innerFirst.push_back(makeFrame(rest, "")); // at /path/file.js:1:2, at path/file.cpp:12
            return true;
        }
        return false;
    }

    /// Go panics: "pkg.(*T).Method(...)" then "\t/path/file.go:12 +0x1d".
    bool goFrame(std::string_view l)
    {
        const std::size_t go = l.find(".go:");
        if (go == std::string_view::npos || l.find(' ') < go)
            return false;
        std::size_t k = go + 4;
        while (k < l.size() && isDigit(l[k]))
            ++k;
        const bool stackLine = k == l.size() || startsWith(l.substr(k), " +0x");
        if (!stackLine)
            return false;
        std::string_view fn = _previous;
        const std::size_t args = fn.rfind('(');
        if (args != std::string_view::npos && args > 0)
            fn = fn.substr(0, args);
        const std::size_t slash = fn.rfind('/');
        if (slash != std::string_view::npos)
            fn = fn.substr(slash + 1);
        _innerFirst.push_back(makeFrame(l.substr(0, k), fn, fn));
        _previous.clear();
        return true;
    }

    /// Sanitizer and gdb backtraces: "#3 0x55d4 in fn file.cpp:12" / "#1 fn at file.cpp:12";
    /// PHP: "#0 /path/File.php(12): Class->method()".
    bool hashFrame(std::string_view l)
    {
        if (l.size() < 3 || l[0] != '#' || !isDigit(l[1]))
            return false;
        std::string_view rest = l.substr(l.find(' ') == std::string_view::npos ? l.size() : l.find(' ') + 1);
        if (startsWith(rest, "0x")) {
            const std::size_t in = rest.find(" in ");
            if (in == std::string_view::npos)
                return false;
            rest = rest.substr(in + 4);
        }
        const std::size_t php = rest.find(".php(");
        if (php != std::string_view::npos) {
            const std::size_t colon = rest.find("): ", php);
            _innerFirst.push_back(makeFrame(rest.substr(0, php + 4), colon == std::string_view::npos ? "" : rest.substr(colon + 3)));
            return true;
        }
        const std::size_t space = rest.rfind(' ');
        if (space == std::string_view::npos)
            return false;
        std::string_view fn = rest.substr(0, rest.find(' '));
        const std::size_t paren = fn.find('(');
        if (paren != std::string_view::npos && paren > 0)
            fn = fn.substr(0, paren);
        _innerFirst.push_back(makeFrame(rest.substr(space + 1), fn, fn));
        return true;
    }

    /// ./spec/x_spec.rb:12:in `block (2 levels) in <top (required)>'
    bool ruby(std::string_view l)
    {
        const std::size_t rb = l.find(".rb:");
        const std::size_t in = l.find(":in ");
        if (rb == std::string_view::npos || in == std::string_view::npos || in < rb)
            return false;
        std::string_view fn = l.substr(in + 4);
        if (!fn.empty() && (fn.front() == '`' || fn.front() == '\''))
            fn.remove_prefix(1);
        if (!fn.empty() && fn.back() == '\'')
            fn.remove_suffix(1);
        _innerFirst.push_back(makeFrame(l.substr(0, rb + 3), fn));
        return true;
    }

    std::vector<StackFrame> _outerFirst; ///< Python, printed outermost first
    std::vector<StackFrame> _innerFirst; ///< everything else
    std::string _lastDef;
    std::string _previous;
};

} // namespace

std::vector<StackFrame> StackFrames::parse(std::string_view trace)
{
    return Parser().run(trace);
}

std::vector<StackFrame> StackFrames::userFrames(std::string_view trace, std::size_t count)
{
    std::vector<StackFrame> out;
    for (auto& frame : parse(trace)) {
        if (out.size() >= count)
            break;
        if (!frame.framework && !(frame.file.empty() && frame.function.empty()))
            out.push_back(std::move(frame));
    }
    return out;
}

} // namespace analysis
} // namespace jji
