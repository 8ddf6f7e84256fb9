#include "jji/test/HttpClient.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

namespace jji {
namespace test {

Poco::JSON::Object::Ptr HttpResponse::json() const
{
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr HttpResponse::jsonArray() const
{
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Array::Ptr>();
}

std::string HttpResponse::header(const std::string& name) const
{
    for (const auto& [key, value] : headers)
        if (Poco::icompare(key, name) == 0)
            return value;
    return "";
}

HttpResponse HttpClient::request(const std::string& method, const std::string& pathAndQuery, const std::string& body,
                                 const std::map<std::string, std::string>& headers, int timeoutSeconds) const
{
    Poco::Net::HTTPClientSession session(_host, static_cast<Poco::UInt16>(_port));
    session.setTimeout(Poco::Timespan(timeoutSeconds, 0));
    Poco::Net::HTTPRequest request(method, pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers)
        request.set(name, value);
    if (!body.empty() || method == "POST" || method == "PUT")
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    std::ostream& out = session.sendRequest(request);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpResponse result;
    result.status = response.getStatus();
    Poco::StreamCopier::copyToString(in, result.body);
    for (const auto& [name, value] : response) {
        result.headers[name] = value;
        if (Poco::icompare(name, "Set-Cookie") == 0)
            result.setCookies.push_back(value);
    }
    return result;
}

HttpResponse HttpClient::postJson(const std::string& path, const std::string& json,
                                  const std::map<std::string, std::string>& headers, int timeoutSeconds) const
{
    auto all = headers;
    all["Content-Type"] = "application/json";
    return request("POST", path, json, all, timeoutSeconds);
}

} // namespace test
} // namespace jji
