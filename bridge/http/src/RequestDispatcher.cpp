#include "jji/bridge/http/RequestDispatcher.h"

#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/storage/Metrics.h"
#include "jji/storage/StorageError.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Stopwatch.h>

namespace jji {
namespace bridge {

namespace {

std::string joinMethods(const std::set<std::string>& methods)
{
    std::string out;
    for (const auto& m : methods)
        out += (out.empty() ? "" : ", ") + m;
    return out;
}

class RoutedRequest : public Poco::Net::HTTPRequestHandler
{
public:
    RoutedRequest(const Router& router, std::size_t maxBodyBytes, MemoryBudget* budget)
        : _router(router), _maxBodyBytes(maxBodyBytes), _budget(budget)
    {
    }

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        Poco::Stopwatch watch;
        watch.start();
        Exchange exchange(request, response, _maxBodyBytes, _budget);
        std::string route = "unmatched"; // a route template, never the raw path (bounded label values)
        try {
            dispatch(exchange, route);
        } catch (const HttpError& e) {
            for (const auto& [name, value] : e.headers())
                exchange.response().set(name, value);
            reply(exchange, e.status(), e.detail());
        } catch (const storage::DatabaseBusy& e) {
            // Nothing was written: the client can simply try again.
            Poco::Logger::get("jji.http").warning("%s %s: %s", request.getMethod(), exchange.path(), std::string(e.what()));
            exchange.response().set("Retry-After", "2");
            reply(exchange, 503, std::string("The database is busy; try again shortly"));
        } catch (const storage::StorageFull& e) {
            Poco::Logger::get("jji.http").error("%s %s: %s", request.getMethod(), exchange.path(), std::string(e.what()));
            reply(exchange, 507, std::string("Insufficient storage: the database's disk is full; nothing was saved"));
        } catch (const storage::MissingParent&) {
            reply(exchange, 404, std::string("Job not found"));
        } catch (const Poco::Exception& e) {
            Poco::Logger::get("jji.http").error("%s %s failed: %s", request.getMethod(), exchange.path(), e.displayText());
            reply(exchange, 500, std::string("Internal server error"));
        } catch (const std::exception& e) {
            Poco::Logger::get("jji.http").error("%s %s failed: %s", request.getMethod(), exchange.path(), std::string(e.what()));
            reply(exchange, 500, std::string("Internal server error"));
        }
        const double seconds = static_cast<double>(watch.elapsed()) / 1e6;
        storage::Metrics& metrics = storage::Metrics::instance();
        metrics.count("jji_http_requests_total",
                      {{"method", request.getMethod()}, {"route", route}, {"status", std::to_string(exchange.status())}});
        metrics.observe("jji_http_request_duration_seconds", {{"route", route}}, seconds);
        Poco::Logger::get("jji.access").information("%s %s %d %.1fms", request.getMethod(), exchange.path(), exchange.status(),
                                                    seconds * 1000.0);
    }

private:
    void dispatch(Exchange& exchange, std::string& route)
    {
        if (!exchange.uriError().empty())
            throw HttpError(400, exchange.uriError());
        Router::Match match = _router.match(exchange.method(), exchange.path());
        if (!match.route) {
            if (!match.allowedMethods.empty()) {
                exchange.response().set("Allow", joinMethods(match.allowedMethods));
                throw HttpError(405, "Method Not Allowed");
            }
            throw HttpError(404, "Not Found");
        }
        route = match.route->pathTemplate;
        exchange.setPathParams(std::move(match.params));
        match.route->handler(exchange);
        if (!exchange.sent())
            throw std::logic_error("handler for " + match.route->pathTemplate + " sent no reply");
    }

    static void reply(Exchange& exchange, int status, const Poco::Dynamic::Var& detail)
    {
        if (exchange.sent())
            return; // headers already out; nothing more can be said
        exchange.sendError(status, detail);
    }

    const Router& _router;
    std::size_t _maxBodyBytes;
    MemoryBudget* _budget;
};

} // namespace

RequestDispatcher::RequestDispatcher(const Router& router, std::size_t maxBodyBytes, MemoryBudget* budget)
    : _router(router), _maxBodyBytes(maxBodyBytes), _budget(budget)
{
}

Poco::Net::HTTPRequestHandler* RequestDispatcher::createRequestHandler(const Poco::Net::HTTPServerRequest&)
{
    return new RoutedRequest(_router, _maxBodyBytes, _budget);
}

} // namespace bridge
} // namespace jji
