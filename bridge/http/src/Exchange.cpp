#include "jji/bridge/http/Exchange.h"

#include "jji/storage/Metrics.h"

#include "jji/analysis/model/JsonText.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/ValidationErrors.h"

#include <Poco/DeflatingStream.h>
#include <Poco/Exception.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/MemoryStream.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include <algorithm>
#include <sstream>

namespace jji {
namespace bridge {

namespace {

/// "/results/abc-1": a path with no query, escapes or dot segments, the usual request.
bool isPlainPath(const std::string& uri)
{
    if (uri.empty() || uri[0] != '/' || uri.compare(0, 2, "//") == 0) // "//x" names an authority
        return false;
    for (std::size_t i = 0; i < uri.size(); ++i) {
        const char c = uri[i];
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                           c == '-' || c == '_' || (c == '.' && uri[i - 1] != '/');
        if (!plain)
            return false;
    }
    return true;
}

} // namespace

Exchange::Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, std::size_t maxBodyBytes,
                   MemoryBudget* budget)
    : _request(request), _response(response), _maxBodyBytes(maxBodyBytes), _budget(budget)
{
    if (isPlainPath(request.getURI())) {
        _path = request.getURI(); // what Poco::URI would decode it to, without its parse
        return;
    }
    try {
        Poco::URI uri(request.getURI());
        _path = uri.getPath();
        for (const auto& [name, value] : uri.getQueryParameters())
            _query.emplace(name, value);
    } catch (const Poco::Exception& e) {
        _path = request.getURI().substr(0, request.getURI().find('?'));
        _uriError = "Malformed request URI: " + e.message();
    }
}

const std::string& Exchange::pathParam(const std::string& name) const
{
    static const std::string empty;
    auto it = _pathParams.find(name);
    return it == _pathParams.end() ? empty : it->second;
}

std::optional<std::string> Exchange::query(const std::string& name) const
{
    auto it = _query.find(name);
    if (it == _query.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> Exchange::queryAll(const std::string& name) const
{
    std::vector<std::string> values;
    auto range = _query.equal_range(name);
    for (auto it = range.first; it != range.second; ++it)
        values.push_back(it->second);
    return values;
}

namespace {

/// Query values are text; reuse the body field rules by wrapping them in a JSON object.
Poco::JSON::Object::Ptr queryObject(const std::string& name, const std::string& value)
{
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
    object->set(name, value);
    return object;
}

} // namespace

long long Exchange::queryInt(const std::string& name, long long fallback, IntBounds bounds) const
{
    auto value = query(name);
    if (!value)
        return fallback;
    ValidationErrors errors;
    FieldReader reader(queryObject(name, *value), {"query"}, errors);
    long long result = reader.integer(name, fallback, bounds);
    errors.raiseIfAny();
    return result;
}

bool Exchange::queryBool(const std::string& name, bool fallback) const
{
    auto value = query(name);
    if (!value)
        return fallback;
    ValidationErrors errors;
    FieldReader reader(queryObject(name, *value), {"query"}, errors);
    std::optional<bool> result = reader.optBool(name);
    errors.raiseIfAny();
    return result.value_or(fallback);
}

FieldReader Exchange::queryFields(ValidationErrors& errors) const
{
    Poco::JSON::Object::Ptr first = new Poco::JSON::Object, all = new Poco::JSON::Object;
    for (const auto& [name, value] : _query) {
        if (!first->has(name)) {
            first->set(name, value);
            all->set(name, Poco::JSON::Array::Ptr(new Poco::JSON::Array));
        }
        all->getArray(name)->add(value);
    }
    return FieldReader::forQuery(first, all, errors);
}

std::string Exchange::cookie(const std::string& name) const
{
    Poco::Net::NameValueCollection cookies;
    _request.getCookies(cookies);
    return cookies.get(name, "");
}

std::string Exchange::clientAddress() const
{
    return _request.clientAddress().host().toString();
}

std::string Exchange::header(const std::string& name) const
{
    return _request.get(name, "");
}

namespace {

// An oversize body is still read (and dropped) up to this much beyond the limit, so
// the client finishes sending and can read our 413 instead of a connection reset.
constexpr std::size_t kDrainAllowance = 16 * 1024 * 1024;

std::size_t drain(std::istream& in, std::size_t maxBytes)
{
    char buffer[65536];
    std::size_t total = 0;
    while (in && total < maxBytes) {
        in.read(buffer, static_cast<std::streamsize>(std::min(sizeof(buffer), maxBytes - total)));
        total += static_cast<std::size_t>(in.gcount());
    }
    return total;
}

/// Bodies up to this size are not counted: small requests keep working at the budget.
constexpr std::size_t kSmallBody = 1024 * 1024;

/// A chunked body (no Content-Length) reserves as it grows, this much ahead at a time.
constexpr std::size_t kChunkedStep = 8 * 1024 * 1024;

} // namespace

/// Poco's parser refuses a bare scalar (42, "x", true) outright; such a body is valid JSON
/// of the wrong type, answered 422 like an array. Anything else is a 400.
static Poco::Dynamic::Var scalarOr400(const std::string& text, const std::string& error)
{
    try {
        Poco::Dynamic::Var wrapped = Poco::JSON::Parser().parse("[" + text + "]");
        if (auto array = wrapped.extract<Poco::JSON::Array::Ptr>(); array && array->size() == 1)
            return array->get(0);
    } catch (const std::exception&) {
    }
    throw HttpError(400, "Invalid JSON body: " + error);
}

void Exchange::reserveFor(std::size_t bodyBytes, std::size_t ahead)
{
    if (!_budget || bodyBytes <= kSmallBody || bodyBytes <= _reservedBodyBytes)
        return;
    const std::size_t perByte = MemoryBudget::kCostPerBodyByte;
    if (bodyBytes * perByte > _budget->limit())
        throw HttpError(413, "Request body too large for this server's memory budget (JJI_MEMORY_BUDGET_MB)");
    const std::size_t target = std::min({bodyBytes + ahead, _maxBodyBytes, _budget->limit() / perByte});
    auto more = _budget->tryReserve((std::max(target, bodyBytes) - _reservedBodyBytes) * perByte);
    if (!more) {
        storage::Metrics::instance().count("jji_memory_budget_refusals_total");
        // Read and dropped (a buffer at a time), so the client can read the answer instead of a reset.
        std::istream& in = _request.stream();
        if (!_request.hasContentLength()) {
            drain(in, kDrainAllowance);
            _bodyRead = !in.good() || in.peek() == std::char_traits<char>::eof();
        } else if (bodyBytes <= _maxBodyBytes + kDrainAllowance) {
            _bodyRead = drain(in, bodyBytes) == bodyBytes;
        }
        throw HttpError::retryAfter(503, 10, "The server is at its memory budget for request bodies; try again shortly");
    }
    _reservations.push_back(std::move(*more));
    _reservedBodyBytes = std::max(target, bodyBytes);
}

const std::string& Exchange::body()
{
    if (_body)
        return *_body;
    const std::string tooLarge = "Request body too large: limit is " + std::to_string(_maxBodyBytes / (1024 * 1024)) + " MB";
    std::istream& in = _request.stream();
    if (_request.hasContentLength() && static_cast<std::size_t>(_request.getContentLength64()) > _maxBodyBytes) {
        auto length = static_cast<std::size_t>(_request.getContentLength64());
        if (length <= _maxBodyBytes + kDrainAllowance)
            _bodyRead = drain(in, length) == length;
        throw HttpError(413, tooLarge);
    }
    std::string data;
    if (_request.hasContentLength()) {
        reserveFor(static_cast<std::size_t>(_request.getContentLength64()));
        data.reserve(static_cast<std::size_t>(_request.getContentLength64()));
    }
    char buffer[65536];
    while (in) {
        in.read(buffer, sizeof(buffer));
        data.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (!_request.hasContentLength() && data.size() > kSmallBody && data.size() > _reservedBodyBytes)
            reserveFor(data.size(), kChunkedStep); // its size is known only at its end: reserve a step ahead
        if (data.size() > _maxBodyBytes) {
            data.clear();
            drain(in, kDrainAllowance);
            _bodyRead = !in.good() || in.peek() == std::char_traits<char>::eof();
            throw HttpError(413, tooLarge);
        }
    }
    _bodyRead = true;
    _body = std::move(data);
    return *_body;
}

Poco::JSON::Object::Ptr Exchange::jsonObject(bool allowEmpty)
{
    const std::string& text = body();
    if (allowEmpty && text.find_first_not_of(" \t\r\n") == std::string::npos)
        return new Poco::JSON::Object;
    Poco::Dynamic::Var parsed;
    try {
        Poco::JSON::Parser parser; // default depth limit (128) guards against nesting bombs
        Poco::MemoryInputStream in(text.data(), text.size()); // parse(std::string) would copy it first
        parsed = parser.parse(in);
        std::string().swap(*_body); // the parsed object now holds the content: free the raw text
    } catch (const Poco::Exception& e) {
        parsed = scalarOr400(text, e.message());
    } catch (const std::exception& e) {
        parsed = scalarOr400(text, e.what());
    }
    if (parsed.type() != typeid(Poco::JSON::Object::Ptr))
        ValidationErrors::fail("model_attributes_type", {"body"},
                               "Input should be a valid dictionary or object to extract fields from", parsed);
    return parsed.extract<Poco::JSON::Object::Ptr>();
}

namespace {

constexpr std::size_t kGzipFrom = 1024; // smaller bodies gain less than the compression costs

bool acceptsGzip(const Poco::Net::HTTPServerRequest& request)
{
    const std::string accepted = Poco::toLower(request.get("Accept-Encoding", ""));
    Poco::StringTokenizer codings(accepted, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& coding : codings) {
        const std::size_t semi = coding.find(';');
        if (Poco::trim(coding.substr(0, semi)) != "gzip")
            continue;
        const std::size_t q = coding.find("q=", semi == std::string::npos ? coding.size() : semi);
        double weight = 1.0;
        if (q != std::string::npos && !Poco::NumberParser::tryParseFloat(Poco::trim(coding.substr(q + 2)), weight))
            weight = 0.0;
        return weight > 0.0;
    }
    return false;
}

bool compressible(const std::string& contentType)
{
    return contentType.rfind("application/json", 0) == 0 || contentType.rfind("text/", 0) == 0 ||
           contentType.rfind("application/javascript", 0) == 0 || contentType.rfind("application/xml", 0) == 0;
}

std::string gzip(const std::string& text)
{
    std::ostringstream packed;
    Poco::DeflatingOutputStream deflate(packed, Poco::DeflatingStreamBuf::STREAM_GZIP, 1); // fastest level
    deflate.write(text.data(), static_cast<std::streamsize>(text.size()));
    deflate.close();
    return packed.str();
}

} // namespace

long long Exchange::pathInt(const std::string& name) const
{
    Poco::Int64 value = 0;
    if (!Poco::NumberParser::tryParse64(pathParam(name), value))
        ValidationErrors::fail("int_parsing", {"path", name}, "Input should be a valid integer, unable to parse string as an integer",
                               pathParam(name));
    return value;
}

bool Exchange::answeredNotModified(const std::string& etag)
{
    _response.set("ETag", etag);
    const std::string wanted = _request.get("If-None-Match", "");
    if (wanted.empty())
        return false;
    Poco::StringTokenizer tags(wanted, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    const bool match = std::any_of(tags.begin(), tags.end(), [&](const std::string& tag) {
        return tag == "*" || tag == etag || tag == "W/" + etag;
    });
    if (!match)
        return false;
    _response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
    _response.setContentLength64(0);
    if (bodyUnread())
        _response.setKeepAlive(false);
    _response.send().flush();
    _sent = true;
    _status = 304;
    return true;
}

void Exchange::sendText(int status, const std::string& contentType, const std::string& text)
{
    _response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status)); // "404 Not Found", not "404 OK"
    _response.setContentType(contentType);
    std::string packed;
    const bool zipped = text.size() >= kGzipFrom && compressible(contentType) && acceptsGzip(_request);
    if (compressible(contentType) && text.size() >= kGzipFrom) {
        const std::string vary = _response.get("Vary", "");
        _response.set("Vary", vary.empty() ? "Accept-Encoding" : vary + ", Accept-Encoding");
    }
    if (zipped) {
        packed = gzip(text);
        _response.set("Content-Encoding", "gzip");
    }
    const std::string& body = zipped ? packed : text;
    _response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    if (bodyUnread())
        _response.setKeepAlive(false);
    std::ostream& out = _response.send();
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    // Into the kernel now: once the handler returns, the connection counts as idle and may
    // be closed to free its thread (KeepAliveConnections), which must not cut this reply.
    out.flush();
    _sent = true;
    _status = status;
}

Poco::JSON::Object::Ptr Exchange::jsonObjectOr400(bool allowEmpty)
{
    try {
        return jsonObject(allowEmpty);
    } catch (const HttpError& e) {
        if (e.status() == 413)
            throw;
        throw HttpError(400, "Invalid JSON body: expected an object");
    }
}

void Exchange::sendJson(int status, const Poco::Dynamic::Var& value)
{
    sendText(status, "application/json", analysis::toJsonText(value));
}

void Exchange::sendError(int status, const Poco::Dynamic::Var& detail)
{
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("detail", detail);
    sendJson(status, body);
}

} // namespace bridge
} // namespace jji
