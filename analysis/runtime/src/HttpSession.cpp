#include "jji/analysis/runtime/HttpSession.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>

#include <mutex>
#include <sstream>

namespace jji {
namespace analysis {

Poco::Net::Context::Ptr tlsClientContext(bool sslVerify, const std::string& caFile)
{
    static std::once_flag once;
    std::call_once(once, [] { Poco::Net::initializeSSL(); });
    return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", caFile,
                                  sslVerify ? Poco::Net::Context::VERIFY_RELAXED : Poco::Net::Context::VERIFY_NONE, 9,
                                  caFile.empty());
}

std::unique_ptr<Poco::Net::HTTPClientSession> openHttpSession(const Poco::URI& uri, bool sslVerify, const std::string& caFile)
{
    if (uri.getScheme() != "https")
        return std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    return std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), tlsClientContext(sslVerify, caFile));
}

std::string basicAuthorization(const std::string& user, const std::string& secret)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << user << ':' << secret;
    encoder.close();
    return "Basic " + out.str();
}

int postJsonOnce(const Poco::URI& uri, const std::vector<std::pair<std::string, std::string>>& headers,
                 const std::string& body, int timeoutSeconds)
{
    auto session = openHttpSession(uri);
    session->setTimeout(Poco::Timespan(timeoutSeconds, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers)
        request.set(name, value);
    request.setContentType("application/json");
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    session->sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    Poco::NullOutputStream discard;
    Poco::StreamCopier::copyStream(session->receiveResponse(response), discard);
    return response.getStatus();
}

} // namespace analysis
} // namespace jji
