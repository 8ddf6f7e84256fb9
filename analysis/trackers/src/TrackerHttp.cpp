#include "jji/analysis/trackers/TrackerHttp.h"

#include "jji/analysis/runtime/HttpSession.h"
#include "jji/storage/Metrics.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <chrono>
#include <sstream>

namespace jji {
namespace analysis {

namespace {

constexpr std::size_t kMaxReplyBytes = 16 * 1024 * 1024; // a tracker page is far smaller
constexpr std::size_t kMaxMessageChars = 300;

std::string readCapped(std::istream& in, std::chrono::steady_clock::time_point deadline)
{
    std::string body;
    char chunk[8192];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        body.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (body.size() > kMaxReplyBytes)
            throw Poco::DataException("reply larger than 16 MB");
        if (std::chrono::steady_clock::now() > deadline)
            throw Poco::TimeoutException("reply too slow");
    }
    return body;
}

/// The error text trackers put in their bodies: GitHub/Report Portal "message", Jira
/// "errorMessages" and "errors".
std::string upstreamMessage(const std::string& body)
{
    std::string message;
    try {
        Poco::JSON::Object::Ptr o = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        if (o->has("message") && o->get("message").isString())
            message = o->getValue<std::string>("message");
        if (Poco::JSON::Array::Ptr list = o->getArray("errorMessages"))
            for (unsigned i = 0; i < list->size(); ++i)
                message += (message.empty() ? "" : "; ") + list->get(i).toString();
        if (Poco::JSON::Object::Ptr errors = o->getObject("errors"))
            for (const auto& [field, text] : *errors)
                message += (message.empty() ? "" : "; ") + field + ": " + text.toString();
    } catch (const std::exception&) {
        // not JSON (an HTML error page, a proxy): no message worth repeating
    }
    if (message.size() > kMaxMessageChars)
        message = message.substr(0, kMaxMessageChars) + "...";
    return message;
}

} // namespace

Poco::JSON::Object::Ptr TrackerReply::object() const
{
    return json.type() == typeid(Poco::JSON::Object::Ptr) ? json.extract<Poco::JSON::Object::Ptr>() : nullptr;
}

Poco::JSON::Array::Ptr TrackerReply::array() const
{
    return json.type() == typeid(Poco::JSON::Array::Ptr) ? json.extract<Poco::JSON::Array::Ptr>() : nullptr;
}

TrackerHttp::TrackerHttp(std::string tracker, std::string baseUrl, bool sslVerify, int timeoutSeconds)
    : _tracker(std::move(tracker)), _baseUrl(std::move(baseUrl)), _sslVerify(sslVerify), _timeoutSeconds(timeoutSeconds)
{
    while (!_baseUrl.empty() && _baseUrl.back() == '/')
        _baseUrl.pop_back();
    _shownUrl = _baseUrl;
    try {
        Poco::URI uri(_baseUrl);
        if (!uri.getUserInfo().empty()) {
            uri.setUserInfo("");
            _shownUrl = uri.toString();
        }
    } catch (const Poco::Exception&) {
        _shownUrl = "the configured URL";
    }
}

void TrackerHttp::secret(const std::string& value)
{
    if (!value.empty())
        _secrets.push_back(value);
}

void TrackerHttp::header(const std::string& name, const std::string& value, bool secret)
{
    _headers.emplace_back(name, value);
    if (secret && !value.empty())
        _secrets.push_back(value);
}

std::string TrackerHttp::encode(const std::string& value)
{
    std::string out;
    Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]\"<>{}|\\^`% ", out);
    return out;
}

TrackerError TrackerHttp::fail(TrackerError::Kind kind, const std::string& message, int status) const
{
    std::string text = message;
    for (const auto& secret : _secrets)
        Poco::replaceInPlace(text, secret, std::string("***"));
    std::string label = Poco::toLower(_tracker);
    Poco::replaceInPlace(label, std::string(" "), std::string(""));
    const char* kindLabel = kind == TrackerError::Kind::Unauthorized ? "unauthorized"
                            : kind == TrackerError::Kind::Unreachable ? "unreachable"
                                                                      : "http_error";
    storage::Metrics::instance().count("jji_tracker_errors_total", {{"tracker", label}, {"kind", kindLabel}});
    return TrackerError(kind, text, status);
}

TrackerReply TrackerHttp::send(const std::string& method, const std::string& pathAndQuery, const Poco::Dynamic::Var& body) const
{
    if (_baseUrl.empty())
        throw TrackerError(TrackerError::Kind::Config, _tracker + " URL is not configured");
    const std::string where = _baseUrl + pathAndQuery;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2 * _timeoutSeconds);
    int status = 0;
    std::string text;
    try {
        Poco::URI uri(where);
        auto session = openHttpSession(uri, _sslVerify);
        session->setTimeout(Poco::Timespan(_timeoutSeconds, 0));
        Poco::Net::HTTPRequest request(method, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Accept", "application/json");
        request.set("User-Agent", "jenkins-job-insight");
        for (const auto& [name, value] : _headers)
            request.set(name, value);
        std::string payload;
        if (!body.isEmpty()) {
            std::ostringstream out;
            Poco::JSON::Stringifier::condense(body, out);
            payload = out.str();
            request.setContentType("application/json");
            request.setContentLength64(static_cast<Poco::Int64>(payload.size()));
        }
        session->sendRequest(request) << payload;
        Poco::Net::HTTPResponse response;
        std::istream& in = session->receiveResponse(response);
        status = response.getStatus();
        text = readCapped(in, deadline);
    } catch (const Poco::Exception& e) {
        throw fail(TrackerError::Kind::Unreachable, "cannot reach " + _tracker + " at " + _shownUrl + ": " + e.displayText(), 0);
    } catch (const std::exception& e) {
        throw fail(TrackerError::Kind::Unreachable, "cannot reach " + _tracker + " at " + _shownUrl + ": " + e.what(), 0);
    }
    if (status == 401)
        throw fail(TrackerError::Kind::Unauthorized, _tracker + " rejected the token (HTTP 401): invalid or expired", status);
    if (status < 200 || status >= 300) {
        const std::string why = upstreamMessage(text);
        throw fail(TrackerError::Kind::Upstream,
                   _tracker + " answered HTTP " + std::to_string(status) + " for " + method + " " +
                       pathAndQuery.substr(0, pathAndQuery.find('?')) + (why.empty() ? "" : ": " + why),
                   status);
    }
    TrackerReply reply;
    reply.status = status;
    if (text.find_first_not_of(" \t\r\n") != std::string::npos) {
        try {
            reply.json = Poco::JSON::Parser().parse(text);
        } catch (const std::exception&) {
            throw fail(TrackerError::Kind::Upstream, _tracker + " sent a reply that is not JSON", status);
        }
    }
    return reply;
}

} // namespace analysis
} // namespace jji
