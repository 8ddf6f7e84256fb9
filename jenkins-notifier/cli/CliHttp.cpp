#include "CliHttp.h"

#include <Poco/Net/AcceptCertificateHandler.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>

namespace jji {
namespace cli {

namespace {

bool tracing()
{
    const char* v = std::getenv("JJI_DEBUG");
    return v && *v && std::string(v) != "0";
}

Poco::Net::Context::Ptr tlsContext(bool verify)
{
    static std::once_flag ssl;
    std::call_once(ssl, [] { Poco::Net::initializeSSL(); });
    // Verified against the system's CA store unless --no-verify-ssl / --insecure.
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "", "", "", verify ? Poco::Net::Context::VERIFY_RELAXED : Poco::Net::Context::VERIFY_NONE,
        9, verify);
    if (!verify) {
        Poco::SharedPtr<Poco::Net::InvalidCertificateHandler> accept = new Poco::Net::AcceptCertificateHandler(false);
        Poco::Net::SSLManager::instance().initializeClient(nullptr, accept, context);
    }
    return context;
}

} // namespace

CliHttp::CliHttp(std::string server, ClientIdentity identity) : _server(std::move(server)), _identity(std::move(identity))
{
    while (!_server.empty() && _server.back() == '/')
        _server.pop_back();
}

Reply CliHttp::request(const std::string& method, const std::string& pathAndQuery, const std::string& jsonBody, int timeoutSeconds) const
{
    if (tracing())
        std::cerr << "> " << method << " " << pathAndQuery << "\n";
    try {
        Poco::URI uri(_server + pathAndQuery);
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        if (uri.getScheme() == "https")
            session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), tlsContext(_identity.verifyTls));
        else
            session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        session->setTimeout(Poco::Timespan(timeoutSeconds, 0));
        Poco::Net::HTTPRequest req(method, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
        req.set("Accept", "application/json");
        req.set("User-Agent", "jji-cli");
        if (!_identity.apiKey.empty())
            req.set("Authorization", "Bearer " + _identity.apiKey);
        std::string cookies;
        if (!_identity.username.empty())
            cookies = "jji_username=" + _identity.username;
        if (!_identity.session.empty())
            cookies += (cookies.empty() ? "" : "; ") + std::string("jji_session=") + _identity.session;
        if (!cookies.empty())
            req.set("Cookie", cookies);
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
        for (auto it = response.find("Set-Cookie"); it != response.end() && Poco::icompare(it->first, "Set-Cookie") == 0; ++it)
            reply.setCookies.push_back(it->second);
        if (tracing())
            std::cerr << "< " << reply.status << "\n";
        return reply;
    } catch (const Poco::TimeoutException& e) {
        throw ConnectionError("Request timed out: " + e.displayText());
    } catch (const Poco::Exception& e) {
        throw ConnectionError("Cannot connect to " + _server + ": " + e.displayText());
    }
}

} // namespace cli
} // namespace jji
