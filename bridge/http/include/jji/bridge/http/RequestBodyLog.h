#ifndef JJI_BRIDGE_HTTP_REQUESTBODYLOG_H
#define JJI_BRIDGE_HTTP_REQUESTBODYLOG_H

#include <string>
#include <string_view>

namespace jji {
namespace bridge {

/// The original service's debug log of request bodies: with LOG_LEVEL=debug the JSON body
/// of each POST, PUT and PATCH is logged as "Incoming POST /analyze body: {...}", written
/// as Python's json.dumps writes it, with the value of every secret-looking key (the
/// original's list, or any key containing password, token, secret or key, in any case)
/// replaced by "***" when it is not empty. The log formatter escapes the line like all
/// caller-controlled text (LogText).
class RequestBodyLog
{
public:
    /// True when such a request's body is logged (debug level aside): POST, PUT or PATCH
    /// with a JSON content type, except the feedback paths (the original skips them).
    static bool wanted(std::string_view method, std::string_view path, std::string_view contentType);

    /// Logs the body at debug level on "jji.request" (nothing for an empty body).
    static void log(const std::string& method, const std::string& path, const std::string& body);

    /// True when the logger "jji.request" writes debug lines.
    static bool enabled();

    /// "Incoming <method> <path> body: <masked JSON>", or "... body: <non-JSON, N bytes>".
    static std::string line(const std::string& method, const std::string& path, const std::string& body);

    /// The body masked and written as json.dumps does (", " and ": ", non-ASCII as \uXXXX);
    /// "<non-JSON, N bytes>" when it is not JSON in UTF-8.
    static std::string maskedText(const std::string& body);

    static bool isSensitiveKey(std::string_view key);
};

} // namespace bridge
} // namespace jji

#endif
