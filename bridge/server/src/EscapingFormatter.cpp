#include "jji/bridge/server/EscapingFormatter.h"

#include <Poco/Message.h>

#include <cstdio>

namespace jji {
namespace bridge {

std::string EscapingFormatter::escape(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (c == '\r')
            out += "\\r";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\\')
            out += "\\\\";
        else if (c < 0x20 || c == 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof(hex), "\\x%02x", c);
            out += hex;
        } else
            out += static_cast<char>(c);
    }
    return out;
}

void EscapingFormatter::format(const Poco::Message& message, std::string& text)
{
    Poco::Message escaped(message);
    escaped.setText(escape(message.getText()));
    Poco::PatternFormatter::format(escaped, text);
}

} // namespace bridge
} // namespace jji
