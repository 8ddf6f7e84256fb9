#include "jji/analysis/model/JsonText.h"

#include <Poco/JSON/Stringifier.h>

#include <ostream>
#include <streambuf>

namespace jji {
namespace analysis {

namespace {

/// An output buffer that appends to a std::string.
class StringAppendBuffer : public std::streambuf
{
public:
    explicit StringAppendBuffer(std::string& target) : _target(target) {}

protected:
    int_type overflow(int_type c) override
    {
        if (c != traits_type::eof())
            _target.push_back(static_cast<char>(c));
        return c;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override
    {
        _target.append(s, static_cast<std::size_t>(n));
        return n;
    }

private:
    std::string& _target;
};

} // namespace

std::string toJsonText(const Poco::Dynamic::Var& value)
{
    std::string text;
    StringAppendBuffer buffer(text);
    std::ostream out(&buffer);
    Poco::JSON::Stringifier::condense(value, out);
    return text;
}

std::string toJsonText(const Poco::JSON::Object::Ptr& object, const std::string& key, const std::string& largeValue)
{
    std::string text = toJsonText(Poco::Dynamic::Var(object));
    text.pop_back(); // the closing '}'
    text.reserve(text.size() + largeValue.size() + largeValue.size() / 8 + key.size() + 8);
    StringAppendBuffer buffer(text);
    std::ostream out(&buffer);
    if (object->size() > 0)
        out << ',';
    Poco::JSON::Stringifier::formatString(key, out);
    out << ':';
    Poco::JSON::Stringifier::formatString(largeValue, out);
    out << '}';
    return text;
}

Poco::JSON::Object::Ptr orderedObject()
{
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::string textField(const Poco::JSON::Object::Ptr& object, const std::string& name)
{
    if (!object || !object->has(name))
        return "";
    const Poco::Dynamic::Var& value = object->get(name);
    if (value.isEmpty() || value.isBoolean())
        return "";
    return value.isString() || value.isNumeric() ? value.convert<std::string>() : "";
}

} // namespace analysis
} // namespace jji
