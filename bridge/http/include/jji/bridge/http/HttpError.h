#ifndef JJI_BRIDGE_HTTP_HTTPERROR_H
#define JJI_BRIDGE_HTTP_HTTPERROR_H

#include <Poco/Dynamic/Var.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace jji {
namespace bridge {

/// An error reply a handler raises: the status and the value of the JSON "detail" field
/// (a message string, or the FastAPI-style validation array for 422).
class HttpError : public std::runtime_error
{
public:
    HttpError(int status, const std::string& message) : std::runtime_error(message), _status(status), _detail(message) {}
    HttpError(int status, Poco::Dynamic::Var detail, const std::string& summary)
        : std::runtime_error(summary), _status(status), _detail(std::move(detail))
    {
    }

    /// 429 or 503 with the Retry-After header.
    static HttpError retryAfter(int status, int seconds, const std::string& message)
    {
        HttpError e(status, message);
        e._headers.emplace_back("Retry-After", std::to_string(seconds));
        return e;
    }

    int status() const { return _status; }
    const Poco::Dynamic::Var& detail() const { return _detail; }
    /// Headers the reply carries besides the JSON body.
    const std::vector<std::pair<std::string, std::string>>& headers() const { return _headers; }

private:
    int _status;
    Poco::Dynamic::Var _detail;
    std::vector<std::pair<std::string, std::string>> _headers;
};

} // namespace bridge
} // namespace jji

#endif
