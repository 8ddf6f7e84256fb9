#ifndef JJI_BRIDGE_HTTP_EXCHANGE_H
#define JJI_BRIDGE_HTTP_EXCHANGE_H

#include "jji/bridge/http/MemoryBudget.h"
#include "jji/bridge/http/FieldReader.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace bridge {

/// One request/response pair as a handler sees it: path parameters, query, cookies,
/// a size-limited body, and helpers to reply with JSON. Every error is raised as an
/// HttpError and turned into a JSON reply by the dispatcher.
class Exchange
{
public:
    /// With a `budget`, a body over 1 MB is read only when its cost fits in it (else 503
    /// with Retry-After, or 413 when it could never fit); the cost is held until the
    /// exchange ends, covering what the handler parses from it.
    Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, std::size_t maxBodyBytes,
             MemoryBudget* budget = nullptr);

    Poco::Net::HTTPServerRequest& request() { return _request; }
    Poco::Net::HTTPServerResponse& response() { return _response; }

    const std::string& method() const { return _request.getMethod(); }
    const std::string& path() const { return _path; }
    /// Non-empty when the request URI could not be parsed (the dispatcher answers 400).
    const std::string& uriError() const { return _uriError; }

    void setPathParams(std::map<std::string, std::string> params) { _pathParams = std::move(params); }
    const std::string& pathParam(const std::string& name) const;
    /// An integer path parameter; a 422 (int_parsing, as FastAPI) when it is not one.
    long long pathInt(const std::string& name) const;

    /// The query string value, or nullopt.
    std::optional<std::string> query(const std::string& name) const;
    /// Every value of a repeated query parameter (?label=a&label=b), in order.
    std::vector<std::string> queryAll(const std::string& name) const;
    /// A query integer with FastAPI-style 422 (loc ["query", name]) when invalid or out of bounds.
    long long queryInt(const std::string& name, long long fallback, IntBounds bounds = {}) const;
    /// A query boolean (true/false/1/0/yes/no/on/off) with a 422 when unreadable.
    bool queryBool(const std::string& name, bool fallback) const;
    /// A reader of every query parameter (errors located at ["query", name]).
    FieldReader queryFields(ValidationErrors& errors) const;

    std::string cookie(const std::string& name) const;
    std::string header(const std::string& name) const;
    /// The peer's IP address (the proxy's, behind one).
    std::string clientAddress() const;

    /// The body, read at most once; 413 when larger than the limit.
    const std::string& body();
    /// The body parsed as a JSON object: 400 for malformed JSON, 422 for a non-object.
    /// An empty body reads as an empty object when allowEmpty. The raw body is released
    /// once parsed (large reports should not be held twice).
    Poco::JSON::Object::Ptr jsonObject(bool allowEmpty = false);

    /// jsonObject() for the object-parsed endpoints the spec answers with 400 (not 422)
    /// when the body is not a JSON object.
    Poco::JSON::Object::Ptr jsonObjectOr400(bool allowEmpty = false);

    void sendJson(int status, const Poco::Dynamic::Var& value);
    /// Gzipped when the client accepts it and the body is text worth compressing (1 kB and up).
    void sendText(int status, const std::string& contentType, const std::string& text);
    void sendJsonText(int status, const std::string& json) { sendText(status, "application/json", json); }
    /// Sets `etag` (a quoted entity tag) on the reply; when the request's If-None-Match names
    /// it, answers 304 Not Modified and returns true.
    bool answeredNotModified(const std::string& etag);
    /// {"detail": detail}
    void sendError(int status, const Poco::Dynamic::Var& detail);

    bool sent() const { return _sent; }
    int status() const { return _status; }
    /// True when the request body was not consumed (the connection must then close).
    bool bodyUnread() const { return !_bodyRead && (_request.getChunkedTransferEncoding() || _request.getContentLength64() > 0); }

private:
    /// Takes the cost of a body of this size (and `ahead` bytes more, when its end is not
    /// known yet) from the budget, or throws 503/413.
    void reserveFor(std::size_t bodyBytes, std::size_t ahead = 0);

    Poco::Net::HTTPServerRequest& _request;
    Poco::Net::HTTPServerResponse& _response;
    std::size_t _maxBodyBytes;
    MemoryBudget* _budget;
    std::vector<MemoryBudget::Reservation> _reservations; ///< what the body holds of the budget
    std::size_t _reservedBodyBytes = 0;                    ///< the body size they cover
    std::string _path;
    std::string _uriError;
    std::multimap<std::string, std::string> _query;
    std::map<std::string, std::string> _pathParams;
    std::optional<std::string> _body;
    bool _bodyRead = false;
    bool _sent = false;
    int _status = 0;
};

} // namespace bridge
} // namespace jji

#endif
