#include "jji/bridge/server/EscapingFormatter.h"

#include "jji/bridge/http/LogText.h"

#include <Poco/Message.h>

namespace jji {
namespace bridge {

std::string EscapingFormatter::escape(const std::string& text)
{
    return escapedForLog(text);
}

void EscapingFormatter::format(const Poco::Message& message, std::string& text)
{
    Poco::Message escaped(message);
    escaped.setText(escape(message.getText()));
    Poco::PatternFormatter::format(escaped, text);
}

} // namespace bridge
} // namespace jji
