#include "jji/analysis/signature/VolatileText.h"

#include "TextViews.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace jji {
namespace analysis {

namespace {

using namespace text;

bool isHex(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool isAlpha(char c) { return isLower(c) || isUpper(c); }
/// Identifier characters; bytes of multi-byte UTF-8 count as letters.
bool isWordChar(char c) { return isAlpha(c) || isDigit(c) || c == '_' || (static_cast<unsigned char>(c) & 0x80); }
bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/// Characters that end a path inside a message.
bool endsPath(char c)
{
    return isBlank(c) || c == '\n' || std::strchr("'\"`,;()<>[]{}|", c) != nullptr || c == '\0';
}


bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

/// Words after which a number is an instance id, never the bug: `pid 4711`, `thread-3`.
bool namesVolatileNumber(std::string_view word)
{
    static const std::string_view words[] = {"pid",    "tid",  "port",   "thread", "goroutine", "worker",
                                                           "pool",   "conn", "connection", "session", "process", "attempt",
                                                           "request", "req", "job",    "client"};
    for (auto w : words)
        if (iequals(word, w))
            return true;
    return false;
}

/// Units that make a number a measured duration or size: always volatile.
bool isMeasureUnit(std::string_view unit)
{
    static const std::string_view units[] = {"ms",  "s",     "sec",     "secs",   "second",  "seconds", "us",
                                                           "ns",  "m",     "min",     "mins",   "minute",  "minutes", "h",
                                                           "msec", "millis", "milliseconds", "kb", "mb", "bytes"};
    for (auto u : units)
        if (iequals(unit, u))
            return true;
    return false;
}

bool isTimeUnit(std::string_view unit)
{
    return isMeasureUnit(unit) && !iequals(unit, "kb") && !iequals(unit, "mb") && !iequals(unit, "bytes");
}

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

/// Directory prefixes under which every path is scratch space of one run.
bool isTemporaryPath(std::string_view path)
{
    while (startsWith(path, "//"))
        path.remove_prefix(1);
    static const std::string_view prefixes[] = {"/tmp/",         "/var/tmp/",   "/dev/shm/",  "/private/tmp/",
                                                             "/private/var/folders/", "/var/folders/", "/run/user/"};
    for (auto p : prefixes)
        if (startsWith(path, p))
            return true;
    return path.find("/pytest-of-") != std::string_view::npos || path.find("/tmp/") != std::string_view::npos ||
           path.find("\\Temp\\") != std::string_view::npos || path.find("@tmp/") != std::string_view::npos;
}

/// A component ending in what mkdtemp and friends append (`gtest-cache-tXepoa`,
/// `cfg-dev-AHi7qP`, `tmpk3x9_a1`): after the last separator, 6 to 16 letters and digits
/// that either interleave (a letter after a digit, unlike `python311`) or are exactly six
/// letters with a lower-to-upper flip inside (mkdtemp's XXXXXX, unlike `fileName`).
bool isRandomComponent(std::string_view component)
{
    std::size_t start = component.find_last_of("-_.");
    std::string_view suffix = start == std::string_view::npos ? component : component.substr(start + 1);
    if (suffix.size() < 6 || suffix.size() > 16)
        return false;
    bool interleaved = false, flip = false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        const char c = suffix[i];
        if (!isAlpha(c) && !isDigit(c))
            return false;
        if (i > 0) {
            interleaved = interleaved || (isDigit(suffix[i - 1]) && isAlpha(c));
            flip = flip || (isLower(suffix[i - 1]) && isUpper(c));
        }
    }
    return interleaved || (flip && suffix.size() == 6);
}

class Scanner
{
public:
    Scanner(std::string_view text, VolatileText::Options options) : _in(text), _options(options) { _out.reserve(text.size()); }

    std::string run()
    {
        while (_i < _in.size()) {
            const char c = _in[_i];
            if (c == '\x1b') {
                skipAnsi();
            } else if (isBlank(c)) {
                while (_i < _in.size() && isBlank(_in[_i]))
                    ++_i;
                if (!_out.empty() && _out.back() != ' ' && _out.back() != '\n')
                    _out += ' ';
            } else if (_options.maskQuotedValues && (c == 'h' || c == 'H') && url()) {
                // masked inside url()
            } else if (c == '/' && pathMayStart()) {
                path();
            } else if (isAlpha(c) && _i + 2 < _in.size() && _in[_i + 1] == ':' && _in[_i + 2] == '\\' && pathMayStart()) {
                path(); // C:\Users\...\Temp\...
            } else if ((c == '\'' || c == '"') && _options.maskQuotedValues && quotedValue(c)) {
                // masked inside quotedValue()
            } else if (isWordChar(c)) {
                word();
            } else {
                _out += c;
                ++_i;
            }
        }
        return std::move(_out);
    }

private:
    bool pathMayStart() const
    {
        if (_i == 0)
            return true;
        const char p = _in[_i - 1];
        return !isWordChar(p) && p != '.' && p != '-' && p != '/' && p != '\\' ? true : p == ':';
    }

    /// http(s)://... up to the next blank, quote or bracket, as one value.
    bool url()
    {
        if ((_i > 0 && isWordChar(_in[_i - 1])) ||
            !(startsWithNoCase(_in.substr(_i), "http://") || startsWithNoCase(_in.substr(_i), "https://")))
            return false;
        std::size_t end = _i;
        while (end < _in.size() && !endsPath(_in[end]))
            ++end;
        _out += "<URL>";
        _i = end;
        return true;
    }

    /// 'value' of up to 60 characters on one line, not an apostrophe inside a word (don't);
    /// "value" only when it holds a digit or is one plain word (`"C-07"`, `"se"`), and no code
    /// (not `"Map.get(Object)"`).
    bool quotedValue(char quote)
    {
        if (_i > 0 && isWordChar(_in[_i - 1]))
            return false;
        const std::size_t close = _in.find(quote, _i + 1);
        if (close == std::string_view::npos || close - _i > 61)
            return false;
        const std::string_view value = _in.substr(_i + 1, close - _i - 1);
        if (value.find('\n') != std::string_view::npos || (close + 1 < _in.size() && isWordChar(_in[close + 1])))
            return false;
        if (quote == '"') {
            const bool plainWord = !value.empty() && value.size() <= 30 &&
                                   std::all_of(value.begin(), value.end(), [](char v) { return isWordChar(v) || v == '-'; });
            if ((value.find_first_of("0123456789") == std::string_view::npos && !plainWord) || value.find_first_of(" ()") != std::string_view::npos)
                return false;
        }
        _out += quote;
        _out += "<S>";
        _out += quote;
        _i = close + 1;
        return true;
    }

    void skipAnsi()
    {
        ++_i;
        if (_i < _in.size() && _in[_i] == '[') {
            ++_i;
            while (_i < _in.size() && !isAlpha(_in[_i]))
                ++_i;
        }
        if (_i < _in.size())
            ++_i;
    }

    void path()
    {
        std::size_t end = _i;
        while (end < _in.size() && !endsPath(_in[end])) {
            // file.py:12 or url:8080 — the ':' and digits after it are not part of the path
            if (_in[end] == ':' && end + 1 < _in.size() && isDigit(_in[end + 1]))
                break;
            ++end;
        }
        std::string_view token = _in.substr(_i, end - _i);
        _i = end;
        emitPath(token);
    }

    void emitPath(std::string_view token)
    {
        if (isTemporaryPath(token)) {
            _out += "<TMP>";
            return;
        }
        // Where a checkout lives differs between agents and workspaces (job@2): only the
        // last two components say which file it is.
        std::size_t pos = 0;
        std::size_t components = 0;
        for (char c : token)
            components += c == '/' || c == '\\';
        if (components > 2) {
            std::size_t cut = token.size();
            for (int k = 0; k < 2 && cut != std::string_view::npos && cut > 0; ++k)
                cut = token.find_last_of("/\\", cut - 1);
            if (cut != std::string_view::npos && cut > 0) {
                _out += "...";
                pos = cut;
                _out += token[pos];
                ++pos;
            }
        }
        while (pos <= token.size()) {
            std::size_t slash = token.find_first_of("/\\", pos);
            std::string_view component = token.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
            if (isRandomComponent(component))
                _out += "<RND>";
            else
                _out += Scanner(component, VolatileText::Options{}).runWords();
            if (slash == std::string_view::npos)
                break;
            _out += token[slash];
            pos = slash + 1;
        }
    }

    /// A path component: words and numbers only, no nested paths.
    std::string runWords()
    {
        while (_i < _in.size()) {
            if (isWordChar(_in[_i]))
                word();
            else
                _out += _in[_i++];
        }
        return std::move(_out);
    }

    /// The last word written, if the text since it is only separators (`thread-`, `pid `, `port=`).
    std::string_view previousWord() const
    {
        std::size_t end = _out.size();
        std::size_t seps = 0;
        while (end > 0 && seps < 3 && std::strchr(" -=:#_", _out[end - 1]) != nullptr) {
            --end;
            ++seps;
        }
        if (seps == 0 && end > 0)
            return {};
        std::size_t start = end;
        while (start > 0 && isAlpha(_out[start - 1]))
            --start;
        return std::string_view(_out).substr(start, end - start);
    }

    void word()
    {
        std::size_t end = _i;
        while (end < _in.size() && isWordChar(_in[end]))
            ++end;
        std::string_view w = _in.substr(_i, end - _i);
        const std::size_t start = _i;
        _i = end;

        if (uuid(start) || timestamp(start))
            return;
        if (w.size() > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X') && isHex(w[2])) {
            _out += "<HEX>";
            return;
        }
        if (isHexId(w) || (isHexRun(w) && namesVolatileNumber(previousWord()))) {
            _out += "<N>"; // the same as a number: an id that drew no letter is still the id
            return;
        }
        if (isDigit(w[0])) {
            number(start, w);
            return;
        }
        _out.append(w);
    }

    /// Letters and digits that can only be an id: hex digits with at least one digit and one
    /// letter, four or more of them (`7f13d6e`, `3a7f`); or a long run of hex (12+).
    static bool isHexId(std::string_view w)
    {
        if (w.size() < 4)
            return false;
        bool digit = false, letter = false;
        for (char c : w) {
            if (!isHex(c))
                return false;
            digit = digit || isDigit(c);
            letter = letter || !isDigit(c);
        }
        return digit && letter;
    }

    /// 4 to 16 hex digits, letters only allowed (`cbde`): an id only after a word that names
    /// one (`[pool-cbde]`), since alone it may be a word (`face`, `decade`).
    static bool isHexRun(std::string_view w)
    {
        if (w.size() < 4 || w.size() > 16)
            return false;
        for (char c : w)
            if (!isHex(c))
                return false;
        return true;
    }

    /// Go's durations: 1h7m37.5s, 2m49.152s, 350ms, 12µs.
    bool goDuration(std::size_t start)
    {
        std::size_t k = start;
        bool unit = false, digit = false;
        while (k < _in.size()) {
            const char c = _in[k];
            if (isDigit(c) || c == '.') {
                digit = digit || isDigit(c);
                ++k;
            } else if (c == 'h' || c == 'm' || c == 's' || c == 'n' || c == 'u') {
                unit = true;
                ++k;
            } else if (c == '\xc2' && k + 1 < _in.size() && _in[k + 1] == '\xb5') { // µ
                unit = true;
                k += 2;
            } else {
                break;
            }
        }
        if (!unit || !digit || (k < _in.size() && isWordChar(_in[k])) || !std::strchr("hmsn", _in[k - 1]) ||
            _in.substr(start, k - start).find_first_of("hmn") == std::string_view::npos || k - start < 4)
            return false;
        _i = k;
        _out += "<N>";
        return true;
    }

    /// A number, maybe with a fraction and a unit glued to it (`12ms`, `0.25s`, `3.14`).
    void number(std::size_t start, std::string_view w)
    {
        if (goDuration(start))
            return;
        std::size_t digits = 0;
        while (digits < w.size() && isDigit(w[digits]))
            ++digits;
        // Fractions and dotted numbers (versions, IPv4 addresses) are one number.
        std::size_t end = start + digits;
        bool dotted = false;
        if (digits == w.size()) {
            while (end + 1 < _in.size() && _in[end] == '.' && isDigit(_in[end + 1])) {
                std::size_t next = end + 1;
                while (next < _in.size() && isDigit(_in[next]))
                    ++next;
                if (next < _in.size() && isWordChar(_in[next]) && !isAlpha(_in[next]))
                    break;
                dotted = true;
                end = next;
                if (next < _in.size() && isAlpha(_in[next])) { // 0.25s
                    std::size_t unitEnd = next;
                    while (unitEnd < _in.size() && isWordChar(_in[unitEnd]))
                        ++unitEnd;
                    w = _in.substr(start, unitEnd - start);
                    digits = next - start;
                    _i = unitEnd;
                    break;
                }
                _i = end;
            }
        }
        std::string_view unit = w.substr(std::min(digits, w.size()));
        std::string_view spacedUnit;
        if (unit.empty()) {
            std::size_t u = _i;
            if (u < _in.size() && _in[u] == ' ')
                ++u;
            std::size_t ue = u;
            while (ue < _in.size() && isAlpha(_in[ue]))
                ++ue;
            spacedUnit = _in.substr(u, ue - u);
        }
        const bool measured = isMeasureUnit(unit) || (!spacedUnit.empty() && isMeasureUnit(spacedUnit));
        const bool large = digits >= 4;
        const bool named = namesVolatileNumber(previousWord());
        const bool fraction = dotted && !isIpLike(start, _i);
        if (large || measured || named || fraction || dotted || _options.maskSmallNumbers) {
            // Numbers joined by a dash are one value (`2024-06`, a range): `<N>`, like `2024`.
            if (_out.size() >= 4 && _out.compare(_out.size() - 4, 4, "<N>-") == 0)
                _out.pop_back();
            else
                _out += "<N>";
        } else
            _out.append(_in.substr(start, digits));
        // A duration's unit is as volatile as its number (`32s` and `1m4s` are one thing).
        if (!isTimeUnit(unit))
            _out.append(unit);
    }

    bool isIpLike(std::size_t start, std::size_t end) const
    {
        int dots = 0;
        for (std::size_t k = start; k < end; ++k)
            dots += _in[k] == '.';
        return dots == 3;
    }

    /// 8-4-4-4-12 hex, or a shortened one (`ca4a1055-453...-d62c8bfd0d20`).
    bool uuid(std::size_t start)
    {
        std::size_t k = start;
        std::size_t head = 0;
        while (k < _in.size() && isHex(_in[k]))
            ++k, ++head;
        if (head != 8 || k >= _in.size() || _in[k] != '-')
            return false;
        std::size_t end = k;
        std::size_t lastGroup = 0;
        bool shortened = false;
        std::size_t groups = 1;
        while (end < _in.size() && end - start <= 48) {
            const char c = _in[end];
            if (isHex(c)) {
                ++lastGroup;
            } else if (c == '-') {
                ++groups;
                lastGroup = 0;
            } else if (c == '.') {
                shortened = true;
                lastGroup = 0;
            } else if (c == '\xe2' && end + 2 < _in.size() && _in[end + 1] == '\x80' && _in[end + 2] == '\xa6') { // …
                shortened = true;
                lastGroup = 0;
                end += 2;
            } else {
                break;
            }
            ++end;
        }
        // Trailing separators are not part of it.
        while (end > k && !isHex(_in[end - 1]))
            --end, lastGroup = 0;
        std::size_t trailing = 0;
        while (trailing < end - start && isHex(_in[end - 1 - trailing]))
            ++trailing;
        const bool full = groups >= 5 && trailing == 12 && end - start == 36;
        const bool cut = shortened && (trailing == 12 || trailing >= 3);
        if (!full && !cut)
            return false;
        _i = end;
        _out += "<UUID>";
        return true;
    }

    /// 2026-11-25T10:00:01.123Z, 2026-11-25 10:00:01, 10:00:01.123, 2026-11-25.
    bool timestamp(std::size_t start)
    {
        auto digitsAt = [&](std::size_t at, std::size_t n) {
            if (at + n > _in.size())
                return false;
            for (std::size_t k = 0; k < n; ++k)
                if (!isDigit(_in[at + k]))
                    return false;
            return true;
        };
        std::size_t k = start;
        bool date = false;
        if (digitsAt(k, 4) && k + 4 < _in.size() && _in[k + 4] == '-' && digitsAt(k + 5, 2) && k + 7 < _in.size() &&
            _in[k + 7] == '-' && digitsAt(k + 8, 2)) {
            date = true;
            k += 10;
            if (k < _in.size() && (_in[k] == 'T' || _in[k] == ' ') && digitsAt(k + 1, 2) && k + 3 < _in.size() && _in[k + 3] == ':')
                ++k;
        }
        bool time = false;
        if (digitsAt(k, 2) && k + 2 < _in.size() && _in[k + 2] == ':' && digitsAt(k + 3, 2)) {
            time = true;
            k += 5;
            if (k < _in.size() && _in[k] == ':' && digitsAt(k + 1, 2))
                k += 3;
            if (k + 1 < _in.size() && (_in[k] == '.' || _in[k] == ',') && isDigit(_in[k + 1])) {
                ++k;
                while (k < _in.size() && isDigit(_in[k]))
                    ++k;
            }
            if (k < _in.size() && _in[k] == 'Z')
                ++k;
            else if (k + 5 < _in.size() + 0 && (_in[k] == '+' || _in[k] == '-') && digitsAt(k + 1, 2) &&
                     (_in[k + 3] == ':' ? digitsAt(k + 4, 2) : digitsAt(k + 3, 2)) && date)
                k += _in[k + 3] == ':' ? 6 : 5;
        }
        // A clock time needs its seconds (10:00:01) unless a date precedes it: "12:30" alone
        // may be a ratio or a line:column.
        if (!date && !(time && k - start >= 8))
            return false;
        _i = k;
        _out += date ? "<TS>" : "<TIME>";
        return true;
    }

    std::string_view _in;
    VolatileText::Options _options;
    std::size_t _i = 0;
    std::string _out;
};

} // namespace

std::string VolatileText::mask(std::string_view text, Options options)
{
    return Scanner(text, options).run();
}

} // namespace analysis
} // namespace jji
