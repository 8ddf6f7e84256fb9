#include "jji/analysis/jenkins/ConsoleScanner.h"

#include <Poco/RegularExpression.h>

namespace jji {
namespace analysis {

namespace {

constexpr std::size_t kMaxLineChars = 2000;  // longer lines are cut (minified output, progress bars)
constexpr std::size_t kMaxChildLines = 200;
constexpr int kContextLines = 2;

const Poco::RegularExpression& errorPattern()
{
    static const Poco::RegularExpression re(
        "\\b(error|fail(ed|ure)?|exception|traceback|assert(ion)?|fatal|critical)\\b", Poco::RegularExpression::RE_CASELESS);
    return re;
}

const Poco::RegularExpression& childBuildPattern()
{
    static const Poco::RegularExpression re("Build\\s+.+?\\s+#\\d+\\s+completed:\\s*(FAILURE|UNSTABLE)");
    return re;
}

/// Unanchored search (RegularExpression::match(string) would anchor at the start).
bool found(const Poco::RegularExpression& re, const std::string& text)
{
    Poco::RegularExpression::Match m;
    return re.match(text, m) > 0;
}

} // namespace

std::string ConsoleExcerpt::forPrompt() const
{
    std::string text;
    if (!errorLines.empty())
        text += "Console lines that look like errors (with context):\n" + errorLines + "\n";
    text += "Last lines of the console log:\n" + tail;
    return text;
}

ConsoleScanner::ConsoleScanner(std::size_t tailBytes, std::size_t maxErrorBytes)
    : _tailBytes(tailBytes), _maxErrorBytes(maxErrorBytes), _ring(tailBytes, '\0')
{
}

void ConsoleScanner::feed(const char* data, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i) {
        if (_tailBytes > 0)
            _ring[(_total + i) % _tailBytes] = data[i];
        if (data[i] == '\n') {
            line(std::move(_current));
            _current.clear();
        } else if (_current.size() < kMaxLineChars) {
            _current += data[i];
        }
    }
    _total += size;
}

void ConsoleScanner::keep(const std::string& text)
{
    if (_truncated)
        return;
    if (_excerpt.errorLines.size() + text.size() + 1 > _maxErrorBytes) {
        _excerpt.errorLines += "[... more error lines omitted]\n";
        _truncated = true;
        return;
    }
    _excerpt.errorLines += text + "\n";
}

void ConsoleScanner::line(std::string text)
{
    if (!text.empty() && text.back() == '\r')
        text.pop_back();
    if (_excerpt.childBuildLines.size() < kMaxChildLines && found(childBuildPattern(), text))
        _excerpt.childBuildLines.push_back(text);
    if (found(errorPattern(), text)) {
        if (_afterLeft == 0 && !_excerpt.errorLines.empty() && !_before.empty())
            keep("...");
        for (const auto& previous : _before)
            keep(previous);
        _before.clear();
        keep(text);
        _afterLeft = kContextLines;
        return;
    }
    if (_afterLeft > 0) {
        keep(text);
        --_afterLeft;
        return;
    }
    _before.push_back(std::move(text));
    if (_before.size() > static_cast<std::size_t>(kContextLines))
        _before.pop_front();
}

ConsoleExcerpt ConsoleScanner::finish()
{
    if (!_current.empty()) {
        line(std::move(_current));
        _current.clear();
    }
    _excerpt.totalBytes = _total;
    if (_tailBytes == 0) {
        _excerpt.tail.clear();
    } else if (_total <= _tailBytes) {
        _excerpt.tail = _ring.substr(0, _total);
    } else {
        std::size_t start = _total % _tailBytes;
        _excerpt.tail = _ring.substr(start) + _ring.substr(0, start);
    }
    return std::move(_excerpt);
}

} // namespace analysis
} // namespace jji
