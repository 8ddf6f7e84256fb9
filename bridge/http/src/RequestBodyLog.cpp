#include "jji/bridge/http/RequestBodyLog.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/String.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace jji {
namespace bridge {

namespace {

Poco::Logger& requestLog()
{
    static Poco::Logger& log = Poco::Logger::get("jji.request"); // get() locks a global registry
    return log;
}

struct NotUtf8 : std::runtime_error
{
    NotUtf8() : std::runtime_error("not UTF-8") {}
};

/// The next code point of UTF-8 text; throws NotUtf8 on a malformed sequence.
char32_t nextCodePoint(const std::string& s, std::size_t& i)
{
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(s[at]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    const int extra = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size())
        throw NotUtf8();
    char32_t cp = lead & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        const unsigned char c = byte(i + static_cast<std::size_t>(k));
        if ((c & 0xC0) != 0x80)
            throw NotUtf8();
        cp = (cp << 6) | (c & 0x3F);
    }
    static const char32_t minimum[] = {0, 0x80, 0x800, 0x10000};
    if (cp < minimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        throw NotUtf8();
    i += static_cast<std::size_t>(extra) + 1;
    return cp;
}

void appendUnicodeEscape(std::string& out, unsigned value)
{
    static const char hex[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += hex[(value >> shift) & 0xF];
}

/// A JSON string as json.dumps(ensure_ascii=True) writes it.
void appendString(std::string& out, const std::string& s)
{
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = nextCodePoint(s, i);
        switch (cp) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (cp < 0x20 || (cp >= 0x7F && cp < 0x10000))
                appendUnicodeEscape(out, cp);
            else if (cp >= 0x10000) {
                const char32_t v = cp - 0x10000;
                appendUnicodeEscape(out, 0xD800 + (v >> 10));
                appendUnicodeEscape(out, 0xDC00 + (v & 0x3FF));
            } else
                out += static_cast<char>(cp);
        }
    }
    out += '"';
}

/// A float as Python's repr writes it (shortest round trip, "2.0" for whole numbers).
void appendDouble(std::string& out, double value)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, result.ptr);
    if (text.find_first_of(".eEn") == std::string::npos) // not 1e+16, inf or nan
        text += ".0";
    out += text;
}

bool truthy(const Poco::Dynamic::Var& v)
{
    if (v.isEmpty())
        return false;
    if (v.type() == typeid(Poco::JSON::Object::Ptr))
        return v.extract<Poco::JSON::Object::Ptr>()->size() > 0;
    if (v.type() == typeid(Poco::JSON::Array::Ptr))
        return v.extract<Poco::JSON::Array::Ptr>()->size() > 0;
    if (v.isString())
        return !v.extract<std::string>().empty();
    if (v.isBoolean())
        return v.convert<bool>();
    if (v.isNumeric())
        return v.convert<double>() != 0.0;
    return true;
}

void appendMasked(std::string& out, const Poco::Dynamic::Var& v);

void appendObject(std::string& out, const Poco::JSON::Object::Ptr& object)
{
    out += '{';
    bool first = true;
    for (const auto& name : object->getNames()) {
        if (!first)
            out += ", ";
        first = false;
        appendString(out, name);
        out += ": ";
        const Poco::Dynamic::Var value = object->get(name);
        if (RequestBodyLog::isSensitiveKey(name) && truthy(value))
            out += "\"***\"";
        else
            appendMasked(out, value);
    }
    out += '}';
}

void appendMasked(std::string& out, const Poco::Dynamic::Var& v)
{
    if (v.isEmpty()) {
        out += "null";
    } else if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
        appendObject(out, v.extract<Poco::JSON::Object::Ptr>());
    } else if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
        const Poco::JSON::Array::Ptr array = v.extract<Poco::JSON::Array::Ptr>();
        out += '[';
        for (std::size_t i = 0; i < array->size(); ++i) {
            if (i > 0)
                out += ", ";
            appendMasked(out, array->get(static_cast<unsigned>(i)));
        }
        out += ']';
    } else if (v.isString()) {
        appendString(out, v.extract<std::string>());
    } else if (v.isBoolean()) {
        out += v.convert<bool>() ? "true" : "false";
    } else if (v.isInteger()) {
        out += v.convert<std::string>();
    } else if (v.isNumeric()) {
        appendDouble(out, v.convert<double>());
    } else {
        appendString(out, v.convert<std::string>());
    }
}

} // namespace

bool RequestBodyLog::isSensitiveKey(std::string_view key)
{
    static const char* const listed[] = {"jenkins_password", "jenkins_user", "jira_api_token",
                                         "jira_pat",         "jira_email",   "github_token"};
    for (const char* name : listed)
        if (key == name)
            return true;
    const std::string lower = Poco::toLower(std::string(key));
    for (const char* part : {"password", "token", "secret", "key"})
        if (lower.find(part) != std::string::npos)
            return true;
    return false;
}

bool RequestBodyLog::wanted(std::string_view method, std::string_view path, std::string_view contentType)
{
    if (method != "POST" && method != "PUT" && method != "PATCH")
        return false;
    if (path == "/api/feedback/preview" || path == "/api/feedback/create")
        return false;
    return Poco::toLower(std::string(contentType)).find("application/json") != std::string::npos;
}

bool RequestBodyLog::enabled()
{
    return requestLog().debug();
}

std::string RequestBodyLog::maskedText(const std::string& body)
{
    const std::string notJson = "<non-JSON, " + std::to_string(body.size()) + " bytes>";
    try {
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true)); // keeps the keys' order
        const Poco::Dynamic::Var document = parser.parse(body);
        std::string out;
        out.reserve(body.size() + 16);
        appendMasked(out, document);
        return out;
    } catch (const NotUtf8&) {
        return notJson;
    } catch (const Poco::Exception&) {
        return notJson;
    } catch (const std::exception&) {
        return notJson;
    }
}

std::string RequestBodyLog::line(const std::string& method, const std::string& path, const std::string& body)
{
    return "Incoming " + method + " " + path + " body: " + maskedText(body);
}

void RequestBodyLog::log(const std::string& method, const std::string& path, const std::string& body)
{
    if (body.empty() || !enabled())
        return;
    requestLog().debug(line(method, path, body));
}

} // namespace bridge
} // namespace jji
