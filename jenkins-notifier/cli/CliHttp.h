#ifndef JJI_CLI_CLIHTTP_H
#define JJI_CLI_CLIHTTP_H

#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace cli {

/// The server could not be reached (the original's "Connection error": exit code 1).
class ConnectionError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct Reply
{
    int status = 0;
    std::string body;
    std::vector<std::string> setCookies; ///< Set-Cookie values, for `auth login`
};

struct ClientIdentity
{
    std::string username;   ///< sent as the jji_username cookie
    std::string apiKey;     ///< sent as a bearer token
    std::string session;    ///< a stored `auth login` session, sent as the jji_session cookie
    bool verifyTls = true;
};

/// The CLI's HTTP client over Poco: JSON requests to one jji-server. JJI_DEBUG=1 traces
/// each request and status on stderr ("> GET /results/abc", "< 404").
class CliHttp
{
public:
    CliHttp(std::string server, ClientIdentity identity);

    Reply request(const std::string& method, const std::string& pathAndQuery, const std::string& jsonBody = "",
                  int timeoutSeconds = 60) const;

    const std::string& server() const { return _server; }

private:
    std::string _server;
    ClientIdentity _identity;
};

} // namespace cli
} // namespace jji

#endif
