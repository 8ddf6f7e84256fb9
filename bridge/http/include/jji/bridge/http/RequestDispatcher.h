#ifndef JJI_BRIDGE_HTTP_REQUESTDISPATCHER_H
#define JJI_BRIDGE_HTTP_REQUESTDISPATCHER_H

#include "jji/analysis/notify/AlertSender.h"
#include "jji/bridge/http/ErrorRates.h"
#include "jji/bridge/http/MemoryBudget.h"
#include "jji/bridge/http/Router.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace jji {
namespace bridge {

/// Turns each HTTP request into a routed handler call: 404/405 JSON for unknown
/// routes and methods, HttpError to a JSON {"detail": ...} reply, unexpected
/// exceptions to a logged 500, and one access-log line per request (path without
/// the query string, which may carry secrets). With `errorRates` each answer outside the
/// monitoring paths is counted there, and a 5xx that makes the rate high raises the
/// "high_error_rate" alert on `alerts`; at debug level JSON bodies are logged, masked
/// (RequestBodyLog).
class RequestDispatcher : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    RequestDispatcher(const Router& router, std::size_t maxBodyBytes, MemoryBudget* budget = nullptr,
                      ErrorRates* errorRates = nullptr, analysis::AlertSender* alerts = nullptr);

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    const Router& _router;
    std::size_t _maxBodyBytes;
    MemoryBudget* _budget;
    ErrorRates* _errorRates;
    analysis::AlertSender* _alerts;
};

} // namespace bridge
} // namespace jji

#endif
