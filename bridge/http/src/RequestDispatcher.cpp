#include "jji/bridge/http/RequestDispatcher.h"

#include "jji/bridge/http/AccessLog.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/RequestBodyLog.h"
#include "jji/storage/Metrics.h"
#include "jji/storage/StorageError.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Stopwatch.h>

#include <map>
#include <string_view>
#include <tuple>

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

/// The request metrics' series for a route, method and status, looked up once per worker
/// thread: a request then updates two atomics and takes no lock.
struct RequestSeries
{
    storage::Metrics::Counter* requests;
    storage::Metrics::Histogram* duration;
};

RequestSeries& seriesFor(const std::string& route, const std::string& method, int status)
{
    thread_local std::map<std::tuple<std::string, std::string, int>, RequestSeries, std::less<>> known;
    auto it = known.find(std::make_tuple(std::string_view(route), std::string_view(method), status)); // no copies
    if (it == known.end()) {
        storage::Metrics& metrics = storage::Metrics::instance();
        RequestSeries series{&metrics.counter("jji_http_requests_total",
                                              {{"method", method}, {"route", route}, {"status", std::to_string(status)}}),
                             &metrics.histogram("jji_http_request_duration_seconds", {{"route", route}})};
        it = known.emplace(std::make_tuple(route, method, status), series).first;
    }
    return it->second;
}

const std::string kUnmatched = "unmatched";

class RoutedRequest : public Poco::Net::HTTPRequestHandler
{
public:
    RoutedRequest(const Router& router, std::size_t maxBodyBytes, MemoryBudget* budget, ErrorRates* errorRates,
                  analysis::AlertSender* alerts)
        : _router(router), _maxBodyBytes(maxBodyBytes), _budget(budget), _errorRates(errorRates), _alerts(alerts)
    {
    }

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        Poco::Stopwatch watch;
        watch.start();
        Exchange exchange(request, response, _maxBodyBytes, _budget);
        const std::string* route = &kUnmatched; // a route template, never the raw path (bounded label values)
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
        RequestSeries& series = seriesFor(*route, request.getMethod(), exchange.status());
        series.requests->add(1);
        series.duration->observe(seconds);
        AccessLog::instance().record(request.getMethod(), exchange.path(), exchange.status(), seconds * 1000.0);
        countError(exchange);
    }

private:
    /// The original's error-rate tracking and its one alert (a 5xx that leaves the last
    /// 5 minutes with more than half of at least 10 requests answered 5xx).
    void countError(const Exchange& exchange)
    {
        if (!_errorRates || !ErrorRates::tracks(exchange.path()))
            return;
        _errorRates->record(exchange.status());
        if (exchange.status() < 500 || !_alerts || !_alerts->enabled())
            return;
        if (const auto text = _errorRates->highServerErrorRate())
            _alerts->raise("high_error_rate", *text);
    }

    void dispatch(Exchange& exchange, const std::string*& route)
    {
        if (!exchange.uriError().empty())
            throw HttpError(400, exchange.uriError());
        if (RequestBodyLog::enabled() &&
            RequestBodyLog::wanted(exchange.method(), exchange.path(), exchange.request().getContentType()))
            RequestBodyLog::log(exchange.method(), exchange.path(), exchange.body());
        Router::Match match = _router.match(exchange.method(), exchange.path());
        if (!match.route) {
            if (!match.allowedMethods.empty()) {
                exchange.response().set("Allow", joinMethods(match.allowedMethods));
                throw HttpError(405, "Method Not Allowed");
            }
            if (const NotFoundHandler& notFound = _router.notFound()) {
                notFound(exchange);
                if (exchange.sent())
                    return;
            }
            throw HttpError(404, "Not Found");
        }
        route = &match.route->pathTemplate; // routes live as long as the router
        exchange.setPathParams(std::move(match.params));
        if (const RouteGuard& guard = _router.guard()) {
            guard(exchange, *match.route);
            if (exchange.sent())
                return;
        }
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
    ErrorRates* _errorRates;
    analysis::AlertSender* _alerts;
};

} // namespace

RequestDispatcher::RequestDispatcher(const Router& router, std::size_t maxBodyBytes, MemoryBudget* budget,
                                     ErrorRates* errorRates, analysis::AlertSender* alerts)
    : _router(router), _maxBodyBytes(maxBodyBytes), _budget(budget), _errorRates(errorRates), _alerts(alerts)
{
}

Poco::Net::HTTPRequestHandler* RequestDispatcher::createRequestHandler(const Poco::Net::HTTPServerRequest&)
{
    return new RoutedRequest(_router, _maxBodyBytes, _budget, _errorRates, _alerts);
}

} // namespace bridge
} // namespace jji
