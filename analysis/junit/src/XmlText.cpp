#include "XmlText.h"

namespace jji {
namespace analysis {
namespace xmltext {

namespace {

bool continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/// Length of the well-formed UTF-8 sequence at `i` that XML allows (Unicode table 3-7,
/// without surrogates and U+FFFE/U+FFFF), or 0.
std::size_t validSequence(const std::string& s, std::size_t i)
{
    const auto at = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
    const unsigned char lead = at(i);
    if (lead < 0x80)
        return lead >= 0x20 || lead == '\t' || lead == '\n' || lead == '\r' ? 1 : 0;
    if (lead >= 0xC2 && lead <= 0xDF)
        return continuation(at(i + 1)) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        const unsigned char second = at(i + 1);
        const bool secondOk = lead == 0xE0 ? (second >= 0xA0 && second <= 0xBF)
                              : lead == 0xED ? (second >= 0x80 && second <= 0x9F)
                                             : continuation(second);
        if (!secondOk || !continuation(at(i + 2)))
            return 0;
        if (lead == 0xEF && second == 0xBF && (at(i + 2) == 0xBE || at(i + 2) == 0xBF))
            return 0; // U+FFFE, U+FFFF
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        const unsigned char second = at(i + 1);
        const bool secondOk = lead == 0xF0 ? (second >= 0x90 && second <= 0xBF)
                              : lead == 0xF4 ? (second >= 0x80 && second <= 0x8F)
                                             : continuation(second);
        return secondOk && continuation(at(i + 2)) && continuation(at(i + 3)) ? 4 : 0;
    }
    return 0;
}

template <typename Escape>
std::string escaped(std::string_view value, Escape escape)
{
    std::string copy(value);
    repairInPlace(copy);
    std::string out;
    out.reserve(copy.size() + copy.size() / 8);
    for (char c : copy) {
        if (const char* entity = escape(c))
            out += entity;
        else
            out += c;
    }
    return out;
}

} // namespace

void repairInPlace(std::string& text)
{
    for (std::size_t i = 0; i < text.size();) {
        // ASCII runs are the common case: skip them without the table.
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x80) {
            ++i;
            continue;
        }
        const std::size_t length = validSequence(text, i);
        if (length == 0) {
            text[i++] = '?';
            continue;
        }
        i += length;
    }
}

std::string attributeEscaped(std::string_view value)
{
    return escaped(value, [](char c) -> const char* {
        switch (c) {
        case '&': return "&amp;";
        case '<': return "&lt;";
        case '"': return "&quot;";
        case '\n': return "&#10;";
        case '\r': return "&#13;";
        case '\t': return "&#9;";
        default: return nullptr;
        }
    });
}

std::string textEscaped(std::string_view value)
{
    return escaped(value, [](char c) -> const char* {
        switch (c) {
        case '&': return "&amp;";
        case '<': return "&lt;";
        case '>': return "&gt;";
        default: return nullptr;
        }
    });
}

} // namespace xmltext
} // namespace analysis
} // namespace jji
