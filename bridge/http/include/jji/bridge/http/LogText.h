#ifndef JJI_BRIDGE_HTTP_LOGTEXT_H
#define JJI_BRIDGE_HTTP_LOGTEXT_H

#include <string>
#include <string_view>

namespace jji {
namespace bridge {

/// Text for a log line with every control character (CR, LF, ESC, ...) written as \r, \n
/// or \xNN and backslashes doubled: paths, usernames and remote answers that callers
/// control cannot forge a log line or drive a terminal.
void appendEscapedForLog(std::string& out, std::string_view text);

inline std::string escapedForLog(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    appendEscapedForLog(out, text);
    return out;
}

} // namespace bridge
} // namespace jji

#endif
