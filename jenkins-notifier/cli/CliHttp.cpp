#include "CliHttp.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <memory>
#include <mutex>

namespace jji {
namespace cli {

CliHttp::CliHttp(std::string server, std::string apiKey, std::string username, int timeoutSeconds)
    : _server(std::move(server)), _apiKey(std::move(apiKey)), _username(std::move(username)), _timeoutSeconds(timeoutSeconds)
{
    while (!_server.empty() && _server.back() == '/')
        _server.pop_back();
}

Reply CliHttp::request(const std::string& method, const std::string& pathAndQuery, const std::string& jsonBody) const
{
    try {
        Poco::URI uri(_server + pathAndQuery);
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        if (uri.getScheme() == "https") {
            static std::once_flag ssl;
            std::call_once(ssl, [] { Poco::Net::initializeSSL(); });
            Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                                                     Poco::Net::Context::VERIFY_RELAXED, 9, true);
            session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
        } else {
            session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        }
        session->setTimeout(Poco::Timespan(_timeoutSeconds, 0));
        Poco::Net::HTTPRequest req(method, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
        req.set("Accept", "application/json");
        if (!_apiKey.empty())
            req.set("Authorization", "Bearer " + _apiKey);
        if (!_username.empty())
            req.set("Cookie", "jji_username=" + _username);
        if (!jsonBody.empty() || method == "POST" || method == "PUT") {
            req.setContentType("application/json");
            req.setContentLength(static_cast<std::streamsize>(jsonBody.size()));
            session->sendRequest(req) << jsonBody;
        } else {
            session->sendRequest(req);
        }
        Poco::Net::HTTPResponse response;
        std::istream& in = session->receiveResponse(response);
        Reply reply;
        reply.status = response.getStatus();
        Poco::StreamCopier::copyToString(in, reply.body);
        return reply;
    } catch (const Poco::Exception& e) {
        throw ConnectionError("cannot reach " + _server + ": " + e.displayText());
    }
}

} // namespace cli
} // namespace jji
