#include "jji/bridge/http/FieldReader.h"

#include <algorithm>

#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <cmath>
#include <limits>

namespace jji {
namespace bridge {

namespace {

/// The stored value itself: Poco's Object::get answers a copy.
const Poco::Dynamic::Var& valueIn(const Poco::JSON::Object& object, const std::string& name)
{
    static const Poco::Dynamic::Var empty;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it->first == name)
            return it->second;
    return empty;
}

/// Characters, as Pydantic counts them (UTF-8 code points, not bytes).
std::size_t utf8Length(const std::string& text)
{
    std::size_t n = 0;
    for (unsigned char c : text)
        n += (c & 0xC0) != 0x80;
    return n;
}

} // namespace

FieldReader::FieldReader(Poco::JSON::Object::Ptr object, Location prefix, ValidationErrors& errors)
    : _object(std::move(object)), _prefix(std::move(prefix)), _errors(errors)
{
}

Location FieldReader::at(const std::string& name) const
{
    Location loc = _prefix;
    loc.emplace_back(name);
    return loc;
}

bool FieldReader::has(const std::string& name) const
{
    return _object && _object->has(name);
}

bool FieldReader::isNull(const std::string& name) const
{
    return !has(name) || _object->get(name).isEmpty();
}

void FieldReader::missing(const std::string& name)
{
    _errors.add("missing", at(name), "Field required", Poco::Dynamic::Var(_object));
}

std::optional<std::string> FieldReader::optString(const std::string& name, std::optional<std::size_t> maxLength,
                                                std::size_t sparePercent)
{
    if (isNull(name))
        return std::nullopt;
    const Poco::Dynamic::Var& value = valueIn(*_object, name); // Object::get copies, a 50 MB report too
    if (!value.isString()) {
        _errors.add("string_type", at(name), "Input should be a valid string", value);
        return std::nullopt;
    }
    const std::string& source = value.extract<std::string>();
    std::string text;
    text.reserve(source.size() + source.size() / 100 * sparePercent); // untouched capacity costs no memory
    text.append(source);
    if (text.find('\0') != std::string::npos) {
        // Stored text ends at a NUL on the way back out of the database: refused, not cut.
        _errors.add("value_error", at(name), "Value error, text must not contain NUL characters (\\u0000)",
                    text.substr(0, std::min<std::size_t>(text.find('\0'), 100)));
        return std::nullopt;
    }
    if (maxLength && text.size() > *maxLength && utf8Length(text) > *maxLength) {
        // Echoing a 50 MB input back would be absurd; Pydantic truncates its input echo too.
        _errors.add("string_too_long", at(name),
                    "String should have at most " + std::to_string(*maxLength) + " characters",
                    text.substr(0, 100) + "...");
        return std::nullopt;
    }
    return text;
}

std::string FieldReader::string(const std::string& name, const std::string& fallback)
{
    return optString(name).value_or(fallback);
}

std::string FieldReader::requiredString(const std::string& name)
{
    if (!has(name)) {
        missing(name);
        return {};
    }
    if (isNull(name)) {
        _errors.add("string_type", at(name), "Input should be a valid string", Poco::Dynamic::Var());
        return {};
    }
    return optString(name).value_or("");
}

bool FieldReader::checkBounds(const std::string& name, long long value, const IntBounds& bounds)
{
    if (bounds.gt && value <= *bounds.gt) {
        _errors.add("greater_than", at(name), "Input should be greater than " + std::to_string(*bounds.gt), value);
        return false;
    }
    if (bounds.ge && value < *bounds.ge) {
        _errors.add("greater_than_equal", at(name),
                    "Input should be greater than or equal to " + std::to_string(*bounds.ge), value);
        return false;
    }
    if (bounds.le && value > *bounds.le) {
        _errors.add("less_than_equal", at(name), "Input should be less than or equal to " + std::to_string(*bounds.le),
                    value);
        return false;
    }
    return true;
}

std::optional<long long> FieldReader::optInt(const std::string& name, IntBounds bounds)
{
    if (isNull(name))
        return std::nullopt;
    const Poco::Dynamic::Var value = _object->get(name);
    long long result = 0;
    if (value.isBoolean()) {
        result = value.extract<bool>() ? 1 : 0;
    } else if (value.isInteger()) {
        try {
            result = value.convert<long long>();
        } catch (const Poco::Exception&) {
            _errors.add("int_type", at(name), "Input should be a valid integer", value);
            return std::nullopt;
        }
    } else if (value.isNumeric()) {
        double d = value.convert<double>();
        if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9.0e18) {
            _errors.add("int_from_float", at(name), "Input should be a valid integer, got a number with a fractional part",
                        value);
            return std::nullopt;
        }
        result = static_cast<long long>(d);
    } else if (value.isString()) {
        Poco::Int64 parsed = 0;
        if (!Poco::NumberParser::tryParse64(Poco::trim(value.extract<std::string>()), parsed)) {
            _errors.add("int_parsing", at(name), "Input should be a valid integer, unable to parse string as an integer",
                        value);
            return std::nullopt;
        }
        result = parsed;
    } else {
        _errors.add("int_type", at(name), "Input should be a valid integer", value);
        return std::nullopt;
    }
    if (!checkBounds(name, result, bounds))
        return std::nullopt;
    return result;
}

long long FieldReader::integer(const std::string& name, long long fallback, IntBounds bounds)
{
    return optInt(name, bounds).value_or(fallback);
}

long long FieldReader::requiredInt(const std::string& name, IntBounds bounds)
{
    if (!has(name)) {
        missing(name);
        return 0;
    }
    if (isNull(name)) {
        _errors.add("int_type", at(name), "Input should be a valid integer", Poco::Dynamic::Var());
        return 0;
    }
    return optInt(name, bounds).value_or(0);
}

std::optional<double> FieldReader::optNumber(const std::string& name)
{
    if (isNull(name))
        return std::nullopt;
    const Poco::Dynamic::Var value = _object->get(name);
    if (value.isNumeric() && !value.isBoolean())
        return value.convert<double>();
    if (value.isString()) {
        double parsed = 0;
        if (Poco::NumberParser::tryParseFloat(Poco::trim(value.extract<std::string>()), parsed))
            return parsed;
        _errors.add("float_parsing", at(name), "Input should be a valid number, unable to parse string as a number", value);
        return std::nullopt;
    }
    _errors.add("float_type", at(name), "Input should be a valid number", value);
    return std::nullopt;
}

std::optional<bool> FieldReader::optBool(const std::string& name)
{
    if (isNull(name))
        return std::nullopt;
    const Poco::Dynamic::Var value = _object->get(name);
    if (value.isBoolean())
        return value.extract<bool>();
    if (value.isInteger()) {
        if (value.toString() == "0" || value.toString() == "1")
            return value.toString() == "1";
    } else if (value.isString()) {
        std::string t = Poco::toLower(Poco::trim(value.extract<std::string>()));
        if (t == "true" || t == "1" || t == "yes" || t == "on" || t == "t" || t == "y")
            return true;
        if (t == "false" || t == "0" || t == "no" || t == "off" || t == "f" || t == "n")
            return false;
        _errors.add("bool_parsing", at(name), "Input should be a valid boolean, unable to interpret input", value);
        return std::nullopt;
    }
    _errors.add("bool_type", at(name), "Input should be a valid boolean", value);
    return std::nullopt;
}

bool FieldReader::requiredBool(const std::string& name)
{
    if (!has(name)) {
        missing(name);
        return false;
    }
    if (isNull(name)) {
        _errors.add("bool_type", at(name), "Input should be a valid boolean", Poco::Dynamic::Var());
        return false;
    }
    return optBool(name).value_or(false);
}

std::string FieldReader::literalList(const std::vector<std::string>& allowed)
{
    std::string text;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
        if (i > 0)
            text += (i + 1 == allowed.size()) ? " or " : ", ";
        text += "'" + allowed[i] + "'";
    }
    return text;
}

std::optional<std::string> FieldReader::optLiteral(const std::string& name, const std::vector<std::string>& allowed)
{
    auto text = optString(name);
    if (!text)
        return std::nullopt;
    for (const auto& candidate : allowed)
        if (candidate == *text)
            return text;
    _errors.add("literal_error", at(name), "Input should be " + literalList(allowed), *text);
    return std::nullopt;
}

Poco::JSON::Array::Ptr FieldReader::optArray(const std::string& name)
{
    if (isNull(name))
        return nullptr;
    const Poco::Dynamic::Var value = _object->get(name);
    if (value.type() != typeid(Poco::JSON::Array::Ptr)) {
        _errors.add("list_type", at(name), "Input should be a valid list", value);
        return nullptr;
    }
    return value.extract<Poco::JSON::Array::Ptr>();
}

Poco::JSON::Object::Ptr FieldReader::optObject(const std::string& name)
{
    if (isNull(name))
        return nullptr;
    const Poco::Dynamic::Var value = _object->get(name);
    if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
        _errors.add("dict_type", at(name), "Input should be a valid dictionary", value);
        return nullptr;
    }
    return value.extract<Poco::JSON::Object::Ptr>();
}

std::vector<FieldReader> FieldReader::objectItems(const std::string& arrayName, const std::string& modelName)
{
    std::vector<FieldReader> readers;
    Poco::JSON::Array::Ptr items = optArray(arrayName);
    if (!items)
        return readers;
    for (unsigned i = 0; i < items->size(); ++i) {
        Poco::JSON::Object::Ptr item = items->getObject(i);
        Location where = at(arrayName);
        where.emplace_back(static_cast<int>(i));
        if (!item) {
            _errors.add("model_type", where, "Input should be a valid dictionary or instance of " + modelName, items->get(i));
            continue;
        }
        readers.emplace_back(item, where, _errors);
    }
    return readers;
}

FieldReader FieldReader::nested(Poco::JSON::Object::Ptr object, const Location& suffix) const
{
    Location loc = _prefix;
    loc.insert(loc.end(), suffix.begin(), suffix.end());
    return FieldReader(std::move(object), std::move(loc), _errors);
}

} // namespace bridge
} // namespace jji
