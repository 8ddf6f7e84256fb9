#ifndef JJI_CLI_CLIHTTP_H
#define JJI_CLI_CLIHTTP_H

#include <stdexcept>
#include <string>

namespace jji {
namespace cli {

/// The server could not be reached (exit code 2).
class ConnectionError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct Reply
{
    int status = 0;
    std::string body;
};

/// The CLI's own small HTTP client over Poco: JSON requests to one jji-server, with
/// the admin key (JJI_API_KEY) as a bearer token and the username (JJI_USERNAME) as
/// the jji_username cookie when given.
class CliHttp
{
public:
    CliHttp(std::string server, std::string apiKey, std::string username, int timeoutSeconds = 600);

    Reply request(const std::string& method, const std::string& pathAndQuery, const std::string& jsonBody = "") const;

    const std::string& server() const { return _server; }

private:
    std::string _server;
    std::string _apiKey;
    std::string _username;
    int _timeoutSeconds;
};

} // namespace cli
} // namespace jji

#endif
