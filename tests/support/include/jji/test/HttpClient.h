#ifndef JJI_TEST_HTTPCLIENT_H
#define JJI_TEST_HTTPCLIENT_H

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>
#include <string>
#include <vector>

namespace jji {
namespace test {

struct HttpResponse
{
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    std::vector<std::string> setCookies; ///< every Set-Cookie header, in order

    Poco::JSON::Object::Ptr json() const;      ///< throws when the body is not an object
    Poco::JSON::Array::Ptr jsonArray() const;  ///< throws when the body is not an array
    std::string header(const std::string& name) const;
};

/// A plain HTTP/1.1 client for talking to a server under test on localhost.
class HttpClient
{
public:
    HttpClient(std::string host, int port) : _host(std::move(host)), _port(port) {}

    HttpResponse request(const std::string& method, const std::string& pathAndQuery, const std::string& body = "",
                         const std::map<std::string, std::string>& headers = {}, int timeoutSeconds = 60) const;

    HttpResponse get(const std::string& path, const std::map<std::string, std::string>& headers = {}) const
    {
        return request("GET", path, "", headers);
    }
    HttpResponse postJson(const std::string& path, const std::string& json,
                          const std::map<std::string, std::string>& headers = {}, int timeoutSeconds = 60) const;

private:
    std::string _host;
    int _port;
};

} // namespace test
} // namespace jji

#endif
