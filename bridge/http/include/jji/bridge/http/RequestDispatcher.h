#ifndef JJI_BRIDGE_HTTP_REQUESTDISPATCHER_H
#define JJI_BRIDGE_HTTP_REQUESTDISPATCHER_H

#include "jji/bridge/http/MemoryBudget.h"
#include "jji/bridge/http/Router.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace jji {
namespace bridge {

/// Turns each HTTP request into a routed handler call: 404/405 JSON for unknown
/// routes and methods, HttpError to a JSON {"detail": ...} reply, unexpected
/// exceptions to a logged 500, and one access-log line per request (path without
/// the query string, which may carry secrets).
class RequestDispatcher : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    RequestDispatcher(const Router& router, std::size_t maxBodyBytes, MemoryBudget* budget = nullptr);

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    const Router& _router;
    std::size_t _maxBodyBytes;
    MemoryBudget* _budget;
};

} // namespace bridge
} // namespace jji

#endif
