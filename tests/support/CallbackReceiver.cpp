#include "jji/test/CallbackReceiver.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <sstream>

namespace jji {
namespace test {

namespace {

class Handler : public Poco::Net::HTTPRequestHandler
{
public:
    explicit Handler(std::shared_ptr<CallbackReceiver::State> state) : _state(std::move(state)) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        std::string body;
        Poco::StreamCopier::copyToString(request.stream(), body);
        const int call = ++_state->calls;
        {
            std::lock_guard<std::mutex> lock(_state->mutex);
            _state->lastBody = body;
            _state->lastPath = request.getMethod() + " " + request.getURI();
            std::ostringstream headers;
            for (const auto& [name, value] : request)
                headers << Poco::toLower(name) << ": " << value << "\n";
            _state->lastHeaders = headers.str();
        }
        response.setStatus(call <= _state->failures ? Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR
                                                    : Poco::Net::HTTPResponse::HTTP_OK);
        response.setContentLength(0);
        response.send();
    }

private:
    std::shared_ptr<CallbackReceiver::State> _state;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit Factory(std::shared_ptr<CallbackReceiver::State> state) : _state(std::move(state)) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new Handler(_state);
    }

private:
    std::shared_ptr<CallbackReceiver::State> _state;
};

} // namespace

CallbackReceiver::CallbackReceiver(int failFirst) : _state(std::make_shared<State>())
{
    _state->failures = failFirst;
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    _server = std::make_unique<Poco::Net::HTTPServer>(new Factory(_state), socket, new Poco::Net::HTTPServerParams);
    _server->start();
}

CallbackReceiver::~CallbackReceiver()
{
    _server->stopAll(true);
}

int CallbackReceiver::port() const
{
    return _server->port();
}

std::string CallbackReceiver::url(const std::string& pathAndQuery) const
{
    return "http://127.0.0.1:" + std::to_string(port()) + pathAndQuery;
}

std::string CallbackReceiver::lastBody() const
{
    std::lock_guard<std::mutex> lock(_state->mutex);
    return _state->lastBody;
}

std::string CallbackReceiver::lastPath() const
{
    std::lock_guard<std::mutex> lock(_state->mutex);
    return _state->lastPath;
}

std::string CallbackReceiver::lastHeader(const std::string& name) const
{
    std::lock_guard<std::mutex> lock(_state->mutex);
    const std::string key = Poco::toLower(name) + ": ";
    std::istringstream lines(_state->lastHeaders);
    std::string line;
    while (std::getline(lines, line))
        if (line.rfind(key, 0) == 0)
            return line.substr(key.size());
    return "";
}

} // namespace test
} // namespace jji
