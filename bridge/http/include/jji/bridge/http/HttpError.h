#ifndef JJI_BRIDGE_HTTP_HTTPERROR_H
#define JJI_BRIDGE_HTTP_HTTPERROR_H

#include <Poco/Dynamic/Var.h>

#include <stdexcept>
#include <string>

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

    int status() const { return _status; }
    const Poco::Dynamic::Var& detail() const { return _detail; }

private:
    int _status;
    Poco::Dynamic::Var _detail;
};

} // namespace bridge
} // namespace jji

#endif
