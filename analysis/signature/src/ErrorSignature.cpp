#include "jji/analysis/signature/ErrorSignature.h"

#include "jji/analysis/signature/VolatileText.h"
#include "TextViews.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/TextConverter.h>
#include <Poco/UTF8Encoding.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

namespace jji {
namespace analysis {

namespace {

using namespace text;

// Bounds keep the work small on hostile input.
constexpr std::size_t kMaxMessageBytes = 4000;
constexpr std::size_t kMaxTraceBytes = 64 * 1024;
constexpr std::size_t kMessageLines = 8;
constexpr std::size_t kLineBytes = 300;
constexpr std::size_t kOutputErrorLines = 3;


/// At most `max` bytes, never cutting a UTF-8 sequence in half.
std::string_view utf8Prefix(std::string_view text, std::size_t max)
{
    if (text.size() <= max)
        return text;
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

/// Invalid UTF-8 (a test's binary output) becomes '?', so the text can be shown as JSON
/// (only called when isValidUtf8 says so: the converter is slow).
std::string validUtf8(std::string_view text)
{
    Poco::UTF8Encoding utf8;
    Poco::TextConverter toValid(utf8, utf8, '?');
    std::string out;
    toValid.convert(std::string(text), out);
    return out;
}

bool isValidUtf8(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2))
            return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += n;
    }
    return true;
}

std::string firstNonEmptyLine(std::string_view text)
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::string_view line = trim(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        if (!line.empty())
            return std::string(line);
        if (nl == std::string_view::npos)
            break;
        pos = nl + 1;
    }
    return {};
}

template <typename Fn>
void forEachLine(std::string_view text, std::size_t maxLines, Fn fn)
{
    std::size_t pos = 0, n = 0;
    while (pos <= text.size() && n < maxLines) {
        std::size_t nl = text.find('\n', pos);
        if (!fn(trim(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos))))
            return;
        ++n;
        if (nl == std::string_view::npos)
            return;
        pos = nl + 1;
    }
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// Lines of a test's output that say what went wrong, for failures without a message;
/// a runner's own status lines ("--- FAIL: TestX (0.01s)") name the test, not the error.
bool isErrorLine(std::string_view line)
{
    for (std::string_view status : {"--- FAIL", "=== RUN", "--- PASS", "FAIL\t", "ok  \t"})
        if (startsWith(line, status))
            return false;
    static const std::string_view words[] = {
        "error", "fail", "fatal", "exception", "abort", "segmentation fault", "sigsegv", "sigabrt", "signal", "killed",
        "timeout", "timed out", "exit code", "exit status", "exited with", "core dumped", "panic", "assert", "expected",
        "mismatch", "cannot", "can't", "no such", "refused", " want ", "undefined", "invalid", "unexpected", "missing",
        "not found"};
    const std::string l = lower(line.substr(0, kLineBytes));
    for (auto w : words)
        if (l.find(w) != std::string::npos)
            return true;
    return false;
}

/// The output's error lines; without any, its last line and `none` set.
std::string outputErrorLines(std::string_view output, bool& none)
{
    std::string lines, last;
    std::size_t found = 0;
    forEachLine(output, StackFrames::kMaxLines, [&](std::string_view line) {
        if (line.empty())
            return true;
        last = std::string(line.substr(0, kLineBytes));
        if (isErrorLine(line)) {
            lines += (found ? "\n" : "") + last;
            ++found;
        }
        return found < kOutputErrorLines;
    });
    none = found == 0;
    return found ? lines : last;
}

/// `pkg.mod.ValueError`, `AssertionError [ERR_ASSERTION]`: a type name at the start of a
/// line, ending like exceptions are named. Returns the simple name or "".
std::string exceptionType(std::string_view line)
{
    std::size_t end = 0;
    while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_' || line[end] == '.' ||
                                 line[end] == '$' || line[end] == '\\'))
        ++end;
    std::string_view name = line.substr(0, end);
    // "ValueError: x", "ValueError", "AssertionError [ERR_ASSERTION]": not "ImportError while ..."
    if (end < line.size() && line[end] != ':' && !startsWith(line.substr(end), " ["))
        return {};
    static const std::string_view endings[] = {"Error", "Exception", "Failure", "Fault", "Throwable",
                                                            "Interrupt", "Timeout", "Exit"};
    bool typed = false;
    for (auto e : endings)
        typed = typed || endsWith(name, e);
    if (!typed)
        return {};
    const std::size_t dot = name.find_last_of(".\\");
    return std::string(dot == std::string_view::npos ? name : name.substr(dot + 1));
}

/// What a trace says was raised: its type and its line without the runner's prefix.
struct Raised
{
    std::string type, line;
};

/// The root cause (Java's last "Caused by:", Node's "cause:") or else the first line that
/// names an exception (pytest's "E   ValueError: ..."), skipping Node's own wrapper
/// (`Error [ERR_TEST_FAILURE]`); Go's "panic:" counts too.
Raised raisedIn(std::string_view trace)
{
    Raised first, cause;
    forEachLine(trace, StackFrames::kMaxLines, [&](std::string_view line) {
        std::string_view l = line;
        bool causedBy = false;
        for (std::string_view prefix : {"Caused by: ", "cause: "}) {
            if (startsWith(l, prefix)) {
                l.remove_prefix(prefix.size());
                causedBy = true;
            }
        }
        if (!causedBy && (startsWith(l, "E ") || startsWith(l, "> ")))
            l = trim(l.substr(1));
        if (startsWith(l, "["))
            l.remove_prefix(1);
        if (startsWith(l, "panic: ")) {
            if (first.type.empty())
                first = {"panic", std::string(l.substr(0, kLineBytes))};
            return true;
        }
        std::string type = exceptionType(l);
        if (type.empty() || l.find(" [ERR_TEST_FAILURE]") != std::string_view::npos)
            return true;
        if (causedBy)
            cause = {type, std::string(l.substr(0, kLineBytes))};
        else if (first.type.empty())
            first = {type, std::string(l.substr(0, kLineBytes))};
        return true;
    });
    return cause.type.empty() ? first : cause;
}

/// The exception type or assertion kind: from the message, else from the trace.
std::string kindOf(std::string_view message, std::string_view trace)
{
    std::string kind = exceptionType(message);
    return kind.empty() ? raisedIn(trace).type : kind;
}

/// A kind that code under test raises, not one a test's assertion or timeout raises.
bool raisedByProductCode(std::string_view kind)
{
    if (kind.empty() || kind == "Error" || kind == "panic")
        return false; // unknown, or JavaScript's plain Error that expect() throws too
    static const std::string_view testKinds[] = {"Assert", "Expectation", "Comparison", "Timeout", "TimedOut", "Failure"};
    for (auto t : testKinds)
        if (kind.find(t) != std::string_view::npos)
            return false;
    return true;
}

/// The first lines of the message, each cut short, blank lines dropped.
std::string messageLines(std::string_view message)
{
    std::string out;
    std::size_t kept = 0;
    forEachLine(message, 1000, [&](std::string_view line) {
        if (!line.empty()) {
            out += (kept ? "\n" : "") + std::string(utf8Prefix(line, kLineBytes));
            ++kept;
        }
        return kept < kMessageLines;
    });
    return out;
}

/// Messages that say only that something failed (go-junit-report's "Failed", the
/// JUnit reader's stand-ins for a missing message).
bool isUninformative(std::string_view message)
{
    static const std::string_view generic[] = {"", "failed", "failure", "error", "test failed", "fail", "collection failure", "unexpected exception",
                                               "test failed (no message)", "test error (no message)"};
    const std::string l = lower(message);
    // Node's "failed running beforeEach hook", mocha's hook titles: the hook's error says what.
    return std::find(std::begin(generic), std::end(generic), l) != std::end(generic) || startsWith(l, "failed running ");
}

/// pytest reports a fixture's error as `failed on setup with "KeyError: 'x'"`: the same
/// bug as that error in a test body.
std::string unwrapRunnerPhase(std::string_view message)
{
    for (std::string_view phase : {"failed on setup with \"", "failed on teardown with \"", "failed on call with \""}) {
        if (startsWith(message, phase)) {
            std::string_view inner = message.substr(phase.size());
            const std::size_t close = inner.rfind('"');
            return std::string(close == std::string_view::npos ? inner : inner.substr(0, close));
        }
    }
    return std::string(message);
}

/// Runners repeat the test's own name in messages ("awaitsEvent_75() timed out"); it
/// tells tests apart, not bugs.
std::string withoutTestName(std::string text, const std::string& testName)
{
    if (testName.empty())
        return text;
    std::string simple = testName;
    const std::size_t cut = simple.find_last_of("./:", simple.find('[') == std::string::npos ? std::string::npos : simple.find('['));
    if (cut != std::string::npos)
        simple = simple.substr(cut + 1);
    for (const std::string& name : {testName, simple}) {
        if (name.size() < 6)
            continue;
        for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 6))
            text.replace(at, name.size(), "<TEST>");
    }
    return text;
}

/// A parametrized test's parameter in its own message ("quantity of BOLT#M8" says
/// "stock of BOLT#M8 via ..."): a name token that is not a plain word (it holds a digit or a
/// sign) is the data the test ran with. Only masked where a raise site still tells bugs apart.
std::string withoutTestParameters(std::string text, const std::string& testName)
{
    static const std::string kParam = "<PARAM>";
    const auto isWordChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    // A name is a line at most; a hostile one must not cost a search per token of a megabyte.
    const std::string_view name = utf8Prefix(testName, kLineBytes);
    std::size_t pos = 0;
    while (pos < name.size()) {
        std::size_t end = name.find_first_of(" [],", pos);
        if (end == std::string_view::npos)
            end = name.size();
        const std::string_view token = name.substr(pos, end - pos);
        pos = end + 1;
        const bool hasLetter = std::any_of(token.begin(), token.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
        const bool plainWord = std::all_of(token.begin(), token.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
        if (token.size() < 3 || !hasLetter || plainWord || token.find_first_of(".<>") != std::string_view::npos)
            continue; // "of", "42", "quantity", "pkg.Class", placeholders: not a parameter
        for (std::size_t at = text.find(token); at != std::string::npos;) {
            const bool bounded = (at == 0 || !isWordChar(text[at - 1])) &&
                                 (at + token.size() == text.size() || !isWordChar(text[at + token.size()]));
            if (bounded)
                text.replace(at, token.size(), kParam);
            at = text.find(token, at + (bounded ? kParam.size() : 1)); // never inside what was put in
        }
    }
    return text;
}

/// PHPUnit starts an error's message with `Ns\\FooTest::testBar`: after withoutTestName a
/// line that is only the test's qualified name says which test, not which bug.
std::string withoutTestNameLines(const std::string& text)
{
    std::string out;
    forEachLine(text, 1000, [&](std::string_view line) {
        const bool onlyTheTest = endsWith(line, "<TEST>") &&
                                 std::all_of(line.begin(), line.end() - 6, [](char c) {
                                     return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ':' || c == '\\';
                                 });
        if (!onlyTheTest && !line.empty())
            out += (out.empty() ? "" : "\n") + std::string(line);
        return true;
    });
    return out.empty() ? text : out;
}

/// Letters outside placeholders: "assert <N> == <N>" has 6, a sentence has dozens.
bool isMostlyOperands(std::string_view masked)
{
    std::size_t letters = 0;
    bool inPlaceholder = false;
    for (char c : masked) {
        if (c == '<')
            inPlaceholder = true;
        else if (c == '>')
            inPlaceholder = false;
        else if (!inPlaceholder && std::isalpha(static_cast<unsigned char>(c)))
            ++letters;
    }
    return letters < 12;
}

/// How many of the same thing is data: "conn-<N>, conn-<N>" → "conn-<N>",
/// "#<N>@<N>ms #<N>@<N>ms" → "#<N>@<N>ms", a line printed twice → once.
std::string withoutRepeats(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    std::string_view previousLine;
    forEachLine(text, 1000, [&](std::string_view line) {
        if (line == previousLine)
            return true;
        previousLine = line;
        std::string kept;
        std::string_view previousToken;
        std::size_t pos = 0;
        while (pos < line.size()) {
            std::size_t end = line.find(' ', pos);
            std::string_view token = line.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
            // "a," followed by "a" or "a,": the same item again.
            std::string_view bare = token.back() == ',' ? token.substr(0, token.size() - 1) : token;
            std::string_view previousBare =
                !previousToken.empty() && previousToken.back() == ',' ? previousToken.substr(0, previousToken.size() - 1) : previousToken;
            const bool repeat = !bare.empty() && bare.find('<') != std::string_view::npos &&
                                (bare == previousBare || (previousBare.size() > bare.size() &&
                                                          previousBare.substr(previousBare.size() - bare.size()) == bare &&
                                                          !std::isalnum(static_cast<unsigned char>(previousBare[previousBare.size() - bare.size() - 1]))));
            if (!repeat) {
                if (!kept.empty())
                    kept += ' ';
                kept.append(token);
            }
            previousToken = token;
            if (end == std::string_view::npos)
                break;
            pos = end + 1;
        }
        if (!kept.empty() && kept.back() == ',')
            kept.pop_back();
        out += (out.empty() ? "" : "\n") + kept;
        return true;
    });
    return out;
}

/// With a raise site known, literal data structures in the message ({'a': 1}, [1, 2, 3],
/// an empty []) are the values a test happened to use, and so is an operand's sign (chai's +0).
std::string withoutLiterals(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char open = text[i];
        if ((open == '+' || open == '-') && text.compare(i + 1, 3, "<N>") == 0 && (i == 0 || text[i - 1] == ' '))
            continue;
        if (open == '{' || open == '[') {
            const char close = open == '{' ? '}' : ']';
            int depth = 0;
            std::size_t j = i;
            for (; j < text.size() && j - i < 400 && text[j] != '\n'; ++j) {
                depth += text[j] == open;
                depth -= text[j] == close;
                if (depth == 0)
                    break;
            }
            if (j < text.size() && text[j] == close && depth == 0) {
                out += "<LITERAL>";
                i = j;
                continue;
            }
        }
        out += open;
    }
    return out;
}

/// `shortEntry` only repeats what `fullEntry` says: it has no output of its own (jest-junit's
/// second entry is the message alone, maybe quoted as a JSON string) and that message is in
/// the other's message or in the line its output says was raised, not just anywhere in a log.
bool repeatsTheMessageOf(const TestFailure& shortEntry, const TestFailure& fullEntry)
{
    std::string_view said = trim(utf8Prefix(shortEntry.errorMessage, kMaxMessageBytes));
    if (!shortEntry.stackTrace.empty() && trim(shortEntry.stackTrace) != trim(shortEntry.errorMessage))
        return false;
    if (said.size() >= 2 && said.front() == '"' && said.back() == '"')
        said = said.substr(1, said.size() - 2);
    if (said.size() < 8)
        return false; // "Failed", "error": says nothing of its own to match
    const std::string_view message = utf8Prefix(fullEntry.errorMessage, kMaxMessageBytes);
    const std::string raised = raisedIn(utf8Prefix(fullEntry.stackTrace, kMaxTraceBytes)).line;
    return (message.find(said) != std::string_view::npos && message.size() > said.size()) ||
           raised.find(said) != std::string::npos;
}

/// Go's runner lines only (`=== RUN`, `--- FAIL: TestX (0.00s)`): the test printed nothing
/// of its own, as a parent that failed through its subtests does.
bool onlyRunnerStatusLines(std::string_view output)
{
    bool only = true;
    forEachLine(output, StackFrames::kMaxLines, [&](std::string_view line) {
        line = trim(line);
        if (line.empty())
            return true;
        only = false;
        for (std::string_view status : {"=== RUN", "=== PAUSE", "=== CONT", "--- FAIL", "--- PASS", "--- SKIP"})
            only = only || startsWith(line, status);
        return only;
    });
    return only;
}

} // namespace

std::string SignatureParts::text() const
{
    std::string out = "kind: " + kind + "\nmessage: " + message + "\n";
    for (const auto& f : frames)
        out += "at: " + f.file + " " + f.function + "\n";
    return out;
}

SignatureParts ErrorSignature::parts(const std::string& errorMessage, const std::string& stackTrace, const std::string& testName)
{
    std::string_view message = utf8Prefix(errorMessage, kMaxMessageBytes);
    std::string_view trace = utf8Prefix(stackTrace, kMaxTraceBytes);
    std::string validMessage, validTrace;
    if (!isValidUtf8(message))
        message = validMessage = validUtf8(message);
    if (!isValidUtf8(trace))
        trace = validTrace = validUtf8(trace);

    SignatureParts parts;
    parts.frames = StackFrames::userFrames(trace, kFrames);
    std::string evidence = unwrapRunnerPhase(trim(message));
    bool alone = false;
    // CTest leaves the message empty (the reader then took the output's first line, often a
    // log line) and go-junit-report writes "Failed": the output's error lines say more.
    if (isUninformative(evidence) || (evidence == firstNonEmptyLine(trace) && trim(trace).size() > evidence.size())) {
        std::string raised = raisedIn(trace).line;
        bool noErrorLine = false;
        if (raised.empty())
            raised = outputErrorLines(trace, noErrorLine);
        // Nothing says what went wrong (a crash or timeout cut the output short): two such
        // tests may be two bugs, so each stands alone rather than risk one merge.
        // A test file's own location says which test, not which bug.
        alone = noErrorLine && (parts.frames.empty() || parts.frames.front().test) && !testName.empty();
        evidence = raised.empty() ? evidence : raised;
    }
    parts.kind = kindOf(evidence, trace);
    // An exception the product raised, seen only from the test that called it (Surefire
    // trims traces to the test class): the test's frame says which test, not where the bug
    // is. An assertion or a timeout in a test is located by that frame.
    if (!parts.frames.empty() && parts.frames.front().test && raisedByProductCode(parts.kind))
        parts.frames.clear();
    evidence = withoutTestNameLines(withoutTestName(messageLines(evidence), testName));
    VolatileText::Options options;
    options.maskQuotedValues = !parts.frames.empty();
    if (!parts.frames.empty())
        evidence = withoutTestParameters(std::move(evidence), testName);
    std::string masked = VolatileText::mask(evidence, options);
    if (parts.frames.empty() && isMostlyOperands(masked)) {
        // "4 !== 5" with nothing else to go on: the operands are the evidence.
        options.maskSmallNumbers = false;
        masked = VolatileText::mask(evidence, options);
    }
    parts.message = withoutRepeats(parts.frames.empty() ? masked : withoutLiterals(masked));
    parts.alone = alone;
    if (alone)
        parts.message += "\nno error line in the output of test: " + testName;
    return parts;
}

std::vector<std::string> ErrorSignature::normalizeReport(const std::vector<TestFailure>& failures)
{
    std::vector<std::string> texts(failures.size());
    std::vector<std::size_t> parents;
    std::map<std::string_view, std::size_t> named; // failures that name an error, by test name
    for (std::size_t i = 0; i < failures.size(); ++i) {
        const TestFailure& f = failures[i];
        SignatureParts p = parts(f.errorMessage, f.stackTrace, f.testName);
        texts[i] = p.text();
        if (p.alone && onlyRunnerStatusLines(utf8Prefix(f.stackTrace, kMaxTraceBytes)))
            parents.push_back(i);
        else if (!p.alone)
            named.emplace(f.testName, i);
    }
    // The package path has slashes too ("example.com/pkg.TestX/case_1"): a subtest is the
    // parent's whole name, then "/".
    for (std::size_t i : parents) {
        const std::string prefix = failures[i].testName + "/";
        auto subtest = named.lower_bound(prefix);
        if (subtest != named.end() && subtest->first.compare(0, prefix.size(), prefix) == 0)
            texts[i] = texts[subtest->second];
    }
    // One test reported twice, once with its error and once with that error's message alone
    // (jest-junit, for a suite that failed to run), is one failure: the short entry takes the
    // full one's text. Two entries of one name that say different things (a job that ran its
    // tests twice, in two environments) keep their own.
    std::map<std::string_view, std::size_t> first;
    for (std::size_t i = 0; i < failures.size(); ++i) {
        if (failures[i].testName.empty())
            continue;
        auto [it, inserted] = first.emplace(failures[i].testName, i);
        if (inserted)
            continue;
        const std::size_t j = it->second;
        if (repeatsTheMessageOf(failures[i], failures[j]))
            texts[i] = texts[j];
        else if (repeatsTheMessageOf(failures[j], failures[i]))
            texts[j] = texts[i];
    }
    return texts;
}

std::string ErrorSignature::normalize(const std::string& errorMessage, const std::string& stackTrace, const std::string& testName)
{
    return parts(errorMessage, stackTrace, testName).text();
}

std::string ErrorSignature::hashText(const std::string& text)
{
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(text);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string ErrorSignature::compute(const std::string& errorMessage, const std::string& stackTrace, const std::string& testName)
{
    return hashText(normalize(errorMessage, stackTrace, testName));
}

} // namespace analysis
} // namespace jji
