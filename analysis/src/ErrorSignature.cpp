#include "jji/analysis/ErrorSignature.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/String.h>

#include <regex>
#include <sstream>
#include <utility>
#include <vector>

namespace jji {
namespace analysis {

namespace {

/// Masks applied in order: the specific shapes first, so a UUID is not eaten as numbers.
const std::vector<std::pair<std::regex, std::string>>& masks()
{
    static const std::vector<std::pair<std::regex, std::string>> rules{
        {std::regex(R"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"), "<UUID>"},
        {std::regex(R"(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)"), "<TIMESTAMP>"},
        {std::regex(R"(\b\d{2}:\d{2}:\d{2}(\.\d+)?\b)"), "<TIME>"},
        {std::regex(R"(0x[0-9a-fA-F]+)"), "<HEX>"},
        {std::regex(R"((/tmp|/var/tmp|/private/var/folders|/var/folders)/[^\s'":,)\]]+)"), "<TMPPATH>"},
        {std::regex(R"([A-Za-z]:\\Users\\[^\\\s]+\\AppData\\Local\\Temp\\[^\s'":,)\]]+)"), "<TMPPATH>"},
        {std::regex(R"(\bport\s*[=:]?\s*\d{1,5}\b)", std::regex::icase), "port <PORT>"},
        {std::regex(R"(:\d{2,5}\b)"), ":<PORT>"},
        {std::regex(R"(\b\d+(\.\d+)?\s*(ms|msec|milliseconds?|s|sec|seconds?|m|min|minutes?|h|hours?)\b)", std::regex::icase), "<DURATION>"},
        {std::regex(R"(\b[0-9a-fA-F]{12,}\b)"), "<HEX>"},
        {std::regex(R"(\d+)"), "<N>"},
    };
    return rules;
}

// Bounds keep regex work (and libstdc++'s recursive matcher) small on hostile input.
constexpr std::size_t kMaxMessageChars = 4000;
constexpr std::size_t kMaxLineChars = 500;

std::string topStackLines(const std::string& stackTrace)
{
    std::istringstream in(stackTrace);
    std::string line, out;
    int kept = 0;
    while (kept < ErrorSignature::kStackLines && std::getline(in, line)) {
        std::string trimmed = Poco::trim(line.substr(0, kMaxLineChars));
        if (trimmed.empty())
            continue;
        out += trimmed + "\n";
        ++kept;
    }
    return out;
}

} // namespace

std::string ErrorSignature::normalize(const std::string& errorMessage, const std::string& stackTrace)
{
    std::string text = Poco::trim(errorMessage.substr(0, kMaxMessageChars)) + "\n" + topStackLines(stackTrace);
    for (const auto& [pattern, replacement] : masks())
        text = std::regex_replace(text, pattern, replacement);
    // Collapse runs of blanks so re-wrapped messages still match.
    static const std::regex blanks(R"([ \t]+)");
    return std::regex_replace(text, blanks, " ");
}

std::string ErrorSignature::compute(const std::string& errorMessage, const std::string& stackTrace)
{
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(normalize(errorMessage, stackTrace));
    return Poco::DigestEngine::digestToHex(sha.digest());
}

} // namespace analysis
} // namespace jji
