#ifndef JJI_BRIDGE_SERVER_ESCAPINGFORMATTER_H
#define JJI_BRIDGE_SERVER_ESCAPINGFORMATTER_H

#include <Poco/PatternFormatter.h>

#include <string>

namespace jji {
namespace bridge {

/// The daemon's log line format, with every control character of the message (CR, LF,
/// ESC, ...) written as \r, \n or \xNN: paths, usernames and remote answers that callers
/// control cannot forge a log line or drive a terminal.
class EscapingFormatter : public Poco::PatternFormatter
{
public:
    explicit EscapingFormatter(const std::string& pattern) : Poco::PatternFormatter(pattern) {}

    void format(const Poco::Message& message, std::string& text) override;

    static std::string escape(const std::string& text);
};

} // namespace bridge
} // namespace jji

#endif
