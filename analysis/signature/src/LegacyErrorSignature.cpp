#include "jji/analysis/signature/LegacyErrorSignature.h"

#include <Poco/DigestEngine.h>
#include <Poco/RegularExpression.h>
#include <Poco/TextConverter.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/SHA2Engine.h>
#include <Poco/String.h>

#include <memory>
#include <sstream>
#include <utility>
#include <vector>

namespace jji {
namespace analysis {

namespace {

/// One masking rule: PCRE (Poco::RegularExpression), far faster than std::regex on
/// the tens of thousands of failures a large report can hold.
struct Mask
{
    std::unique_ptr<Poco::RegularExpression> pattern; // not copyable: held by pointer
    std::string replacement;
};

/// Masks applied in order: the specific shapes first, so a UUID is not eaten as numbers.
/// Digits inside identifiers (module12, test_case_7) are kept: only standalone numbers go.
const std::vector<Mask>& masks()
{
    static const std::vector<Mask> rules = [] {
        std::vector<Mask> r;
        auto add = [&r](const char* pattern, const char* replacement, int options = 0) {
            r.push_back({std::make_unique<Poco::RegularExpression>(pattern, options | Poco::RegularExpression::RE_UTF8), replacement});
        };
        add(R"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})", "<UUID>");
        add(R"(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)", "<TIMESTAMP>");
        add(R"(\b\d{2}:\d{2}:\d{2}(\.\d+)?\b)", "<TIME>");
        add(R"(0x[0-9a-fA-F]+)", "<HEX>");
        add(R"((/tmp|/var/tmp|/private/var/folders|/var/folders)/[^\s'":,)\]]+)", "<TMPPATH>");
        add(R"([A-Za-z]:\\Users\\[^\\\s]+\\AppData\\Local\\Temp\\[^\s'":,)\]]+)", "<TMPPATH>");
        add(R"(\bport\s*[=:]?\s*\d{1,5}\b)", "port <PORT>", Poco::RegularExpression::RE_CASELESS);
        add(R"(:\d{2,5}\b)", ":<PORT>");
        add(R"(\b\d+(\.\d+)?\s*(ms|msec|milliseconds?|s|sec|seconds?|m|min|minutes?|h|hours?)\b)", "<DURATION>",
            Poco::RegularExpression::RE_CASELESS);
        add(R"(\b[0-9a-fA-F]{12,}\b)", "<HEX>");
        add(R"(\b\d+(\.\d+)*\b)", "<N>");
        add(R"([ \t]+)", " ");
        return r;
    }();
    return rules;
}

// Bounds keep regex work small on hostile input.
constexpr std::size_t kMaxMessageChars = 4000;
constexpr std::size_t kMaxLineChars = 500;

/// At most `max` bytes, never cutting a UTF-8 sequence in half (PCRE rejects broken UTF-8).
std::string utf8Prefix(const std::string& text, std::size_t max)
{
    if (text.size() <= max)
        return text;
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

std::string topStackLines(const std::string& stackTrace)
{
    std::istringstream in(stackTrace);
    std::string line, out;
    int kept = 0;
    while (kept < LegacyErrorSignature::kStackLines && std::getline(in, line)) {
        std::string trimmed = Poco::trim(utf8Prefix(line, kMaxLineChars));
        if (trimmed.empty())
            continue;
        out += trimmed + "\n";
        ++kept;
    }
    return out;
}

} // namespace

std::string LegacyErrorSignature::normalize(const std::string& errorMessage, const std::string& stackTrace)
{
    const std::string raw = Poco::trim(utf8Prefix(errorMessage, kMaxMessageChars)) + "\n" + topStackLines(stackTrace);
    // The masks are UTF-8 patterns, which PCRE refuses to run on invalid UTF-8 (a test's
    // binary output): invalid bytes become '?' first (found by tests/fuzz/SignatureFuzz).
    Poco::UTF8Encoding utf8;
    Poco::TextConverter toValid(utf8, utf8, '?');
    std::string text;
    toValid.convert(raw, text);
    // The last rule collapses runs of blanks so re-wrapped messages still match.
    for (const auto& mask : masks())
        mask.pattern->subst(text, mask.replacement, Poco::RegularExpression::RE_GLOBAL | Poco::RegularExpression::RE_NO_VARS);
    return text;
}

std::string LegacyErrorSignature::compute(const std::string& errorMessage, const std::string& stackTrace)
{
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(normalize(errorMessage, stackTrace));
    return Poco::DigestEngine::digestToHex(sha.digest());
}

} // namespace analysis
} // namespace jji
