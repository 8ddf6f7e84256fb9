#include "jji/bridge/http/LogText.h"

namespace jji {
namespace bridge {

void appendEscapedForLog(std::string& out, std::string_view text)
{
    static const char hex[] = "0123456789abcdef";
    for (unsigned char c : text) {
        if (c == '\r')
            out += "\\r";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\\')
            out += "\\\\";
        else if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        } else
            out += static_cast<char>(c);
    }
}

} // namespace bridge
} // namespace jji
