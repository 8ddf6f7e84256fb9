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

Poco::JSON::Object::Ptr schemaObject()
{
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

/// The member `name` of a schema, an object schema created when absent.
Poco::JSON::Object::Ptr memberOf(Poco::JSON::Object::Ptr schema, const std::string& name)
{
    Poco::JSON::Object::Ptr member = schema->getObject(name);
    if (!member) {
        member = schemaObject();
        schema->set(name, member);
    }
    return member;
}

/// The schema of an array's items, an object schema named `title` when it has none yet.
Poco::JSON::Object::Ptr itemsOf(Poco::JSON::Object::Ptr arraySchema, const std::string& title)
{
    arraySchema->set("type", "array");
    Poco::JSON::Object::Ptr items = memberOf(arraySchema, "items");
    if (!items->has("type"))
        items->set("type", "object");
    if (!title.empty())
        items->set("title", title);
    return items;
}

void describeBounds(Poco::JSON::Object::Ptr field, const IntBounds& bounds)
{
    if (bounds.ge)
        field->set("minimum", *bounds.ge);
    if (bounds.gt)
        field->set("exclusiveMinimum", *bounds.gt);
    if (bounds.le)
        field->set("maximum", *bounds.le);
}

void describeSize(Poco::JSON::Object::Ptr field, const ListBounds& bounds)
{
    if (bounds.minItems)
        field->set("minItems", static_cast<unsigned long long>(*bounds.minItems));
    if (bounds.maxItems)
        field->set("maxItems", static_cast<unsigned long long>(*bounds.maxItems));
}

} // namespace

FieldReader::FieldReader(Poco::JSON::Object::Ptr object, Location prefix, ValidationErrors& errors)
    : _object(std::move(object)), _prefix(std::move(prefix)), _errors(errors)
{
}

FieldReader FieldReader::describing(Poco::JSON::Object::Ptr schema, Location prefix, ValidationErrors& errors)
{
    FieldReader reader(new Poco::JSON::Object, std::move(prefix), errors);
    if (!schema->has("type"))
        schema->set("type", "object");
    reader._schema = std::move(schema);
    return reader;
}

FieldReader FieldReader::forQuery(Poco::JSON::Object::Ptr first, Poco::JSON::Object::Ptr all, ValidationErrors& errors)
{
    FieldReader reader(std::move(first), {"query"}, errors);
    reader._lists = std::move(all);
    return reader;
}

Poco::JSON::Object::Ptr FieldReader::describe(const std::string& name, const std::string& type)
{
    Poco::JSON::Object::Ptr field = memberOf(memberOf(_schema, "properties"), name);
    if (!type.empty())
        field->set("type", type);
    return field;
}

void FieldReader::describeRequired(const std::string& name)
{
    Poco::JSON::Array::Ptr required = _schema->getArray("required");
    if (!required) {
        required = new Poco::JSON::Array;
        _schema->set("required", required);
    }
    for (std::size_t i = 0; i < required->size(); ++i)
        if (required->getElement<std::string>(static_cast<unsigned>(i)) == name)
            return;
    required->add(name);
}

Location FieldReader::at(const std::string& name) const
{
    Location loc = _prefix;
    loc.emplace_back(name);
    return loc;
}

bool FieldReader::has(const std::string& name) const
{
    if (_schema)
        return true;
    return _object && _object->has(name);
}

bool FieldReader::isNull(const std::string& name) const
{
    if (_schema)
        return false;
    return !has(name) || _object->get(name).isEmpty();
}

void FieldReader::missing(const std::string& name)
{
    _errors.add("missing", at(name), "Field required", Poco::Dynamic::Var(_object));
}

bool FieldReader::require(const std::string& name)
{
    if (_schema) {
        describeRequired(name);
        return true;
    }
    if (has(name))
        return true;
    missing(name);
    return false;
}

std::optional<std::string> FieldReader::text(const Location& at, const Poco::Dynamic::Var& value,
                                           std::optional<std::size_t> maxLength, std::size_t sparePercent)
{
    if (!value.isString()) {
        _errors.add("string_type", at, "Input should be a valid string", value);
        return std::nullopt;
    }
    const std::string& source = value.extract<std::string>();
    std::string text;
    text.reserve(source.size() + source.size() / 100 * sparePercent); // untouched capacity costs no memory
    text.append(source);
    if (text.find('\0') != std::string::npos) {
        // Stored text ends at a NUL on the way back out of the database: refused, not cut.
        _errors.add("value_error", at, "Value error, text must not contain NUL characters (\\u0000)",
                    text.substr(0, std::min<std::size_t>(text.find('\0'), 100)));
        return std::nullopt;
    }
    if (maxLength && text.size() > *maxLength && utf8Length(text) > *maxLength) {
        // Echoing a 50 MB input back would be absurd; Pydantic truncates its input echo too.
        _errors.add("string_too_long", at, "String should have at most " + std::to_string(*maxLength) + " characters",
                    text.substr(0, 100) + "...");
        return std::nullopt;
    }
    return text;
}

std::optional<std::string> FieldReader::optString(const std::string& name, std::optional<std::size_t> maxLength,
                                                std::size_t sparePercent)
{
    if (_schema) {
        Poco::JSON::Object::Ptr field = describe(name, "string");
        if (maxLength)
            field->set("maxLength", static_cast<unsigned long long>(*maxLength));
        return std::nullopt;
    }
    if (isNull(name))
        return std::nullopt;
    return text(at(name), valueIn(*_object, name), maxLength, sparePercent); // Object::get copies, a 50 MB report too
}

std::string FieldReader::string(const std::string& name, const std::string& fallback)
{
    if (_schema && !fallback.empty())
        describe(name, "string")->set("default", fallback);
    return optString(name).value_or(fallback);
}

std::string FieldReader::requiredString(const std::string& name)
{
    if (!require(name))
        return {};
    if (isNull(name)) {
        _errors.add("string_type", at(name), "Input should be a valid string", Poco::Dynamic::Var());
        return {};
    }
    return optString(name).value_or("");
}

std::optional<std::string> FieldReader::optText(const std::string& name, TextBounds bounds)
{
    auto text = optString(name, bounds.maxLength);
    if (_schema && bounds.minLength)
        describe(name, "string")->set("minLength", static_cast<unsigned long long>(*bounds.minLength));
    if (!text || !bounds.minLength || utf8Length(*text) >= *bounds.minLength)
        return text;
    const std::size_t min = *bounds.minLength;
    _errors.add("string_too_short", at(name),
                "String should have at least " + std::to_string(min) + (min == 1 ? " character" : " characters"), *text);
    return std::nullopt;
}

std::string FieldReader::requiredText(const std::string& name, TextBounds bounds)
{
    if (!require(name))
        return {};
    if (isNull(name)) {
        _errors.add("string_type", at(name), "Input should be a valid string", Poco::Dynamic::Var());
        return {};
    }
    return optText(name, bounds).value_or("");
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
    if (_schema) {
        describeBounds(describe(name, "integer"), bounds);
        return std::nullopt;
    }
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
    if (_schema)
        describe(name, "integer")->set("default", fallback);
    return optInt(name, bounds).value_or(fallback);
}

long long FieldReader::requiredInt(const std::string& name, IntBounds bounds)
{
    if (!require(name))
        return 0;
    if (isNull(name)) {
        _errors.add("int_type", at(name), "Input should be a valid integer", Poco::Dynamic::Var());
        return 0;
    }
    return optInt(name, bounds).value_or(0);
}

std::optional<double> FieldReader::optNumber(const std::string& name)
{
    if (_schema) {
        describe(name, "number");
        return std::nullopt;
    }
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
    if (_schema) {
        describe(name, "boolean");
        return std::nullopt;
    }
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

bool FieldReader::boolean(const std::string& name, bool fallback)
{
    if (_schema)
        describe(name, "boolean")->set("default", fallback);
    return optBool(name).value_or(fallback);
}

bool FieldReader::requiredBool(const std::string& name)
{
    if (!require(name))
        return false;
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
    if (_schema) {
        Poco::JSON::Array::Ptr literals = new Poco::JSON::Array;
        for (const auto& literal : allowed)
            literals->add(literal);
        describe(name, "string")->set("enum", literals);
        return std::nullopt;
    }
    auto text = optString(name);
    if (!text)
        return std::nullopt;
    for (const auto& candidate : allowed)
        if (candidate == *text)
            return text;
    _errors.add("literal_error", at(name), "Input should be " + literalList(allowed), *text);
    return std::nullopt;
}

std::optional<std::string> FieldReader::requiredLiteral(const std::string& name, const std::vector<std::string>& allowed)
{
    if (!require(name))
        return std::nullopt;
    if (isNull(name)) {
        _errors.add("literal_error", at(name), "Input should be " + literalList(allowed), Poco::Dynamic::Var());
        return std::nullopt;
    }
    return optLiteral(name, allowed);
}

bool FieldReader::checkSize(const std::string& name, std::size_t size, const ListBounds& bounds)
{
    if (bounds.minItems && size < *bounds.minItems) {
        const std::size_t min = *bounds.minItems;
        _errors.add("too_short", at(name),
                    "List should have at least " + std::to_string(min) + (min == 1 ? " item" : " items") +
                        " after validation, not " + std::to_string(size),
                    Poco::Dynamic::Var());
        return false;
    }
    if (bounds.maxItems && size > *bounds.maxItems) {
        _errors.add("too_long", at(name),
                    "List should have at most " + std::to_string(*bounds.maxItems) + " items after validation, not " +
                        std::to_string(size),
                    Poco::Dynamic::Var());
        return false;
    }
    return true;
}

Poco::JSON::Array::Ptr FieldReader::optArray(const std::string& name, ListBounds bounds)
{
    if (_schema) {
        describeSize(describe(name, "array"), bounds);
        return nullptr;
    }
    if (isNull(name))
        return nullptr;
    const Poco::Dynamic::Var value = _object->get(name);
    if (value.type() != typeid(Poco::JSON::Array::Ptr)) {
        _errors.add("list_type", at(name), "Input should be a valid list", value);
        return nullptr;
    }
    Poco::JSON::Array::Ptr array = value.extract<Poco::JSON::Array::Ptr>();
    return checkSize(name, array->size(), bounds) ? array : nullptr;
}

std::optional<std::vector<std::string>> FieldReader::optStrings(const std::string& name, ListBounds bounds,
                                                               std::optional<std::size_t> maxLength)
{
    if (_schema) {
        Poco::JSON::Object::Ptr field = describe(name, "array");
        describeSize(field, bounds);
        Poco::JSON::Object::Ptr items = memberOf(field, "items");
        items->set("type", "string");
        if (maxLength)
            items->set("maxLength", static_cast<unsigned long long>(*maxLength));
        return std::nullopt;
    }
    Poco::JSON::Array::Ptr items;
    if (_lists) { // query parameters: every value given
        items = _lists->getArray(name);
        if (items && !checkSize(name, items->size(), bounds))
            return std::nullopt;
    } else {
        items = optArray(name, bounds);
    }
    if (!items)
        return std::nullopt;
    std::vector<std::string> out;
    bool valid = true;
    for (unsigned i = 0; i < items->size(); ++i) {
        Location where = at(name);
        where.emplace_back(static_cast<int>(i));
        auto item = text(where, items->get(i), maxLength, 0);
        valid = valid && item.has_value();
        if (item)
            out.push_back(std::move(*item));
    }
    if (!valid)
        return std::nullopt;
    return out;
}

std::optional<std::vector<long long>> FieldReader::optIntegers(const std::string& name, ListBounds bounds)
{
    if (_schema) {
        Poco::JSON::Object::Ptr field = describe(name, "array");
        describeSize(field, bounds);
        memberOf(field, "items")->set("type", "integer");
        return std::nullopt;
    }
    Poco::JSON::Array::Ptr items = optArray(name, bounds);
    if (!items)
        return std::nullopt;
    std::vector<long long> out;
    for (unsigned i = 0; i < items->size(); ++i) {
        const Poco::Dynamic::Var value = items->get(i);
        if (value.isBoolean() || !value.isInteger()) {
            Location where = at(name);
            where.emplace_back(static_cast<int>(i));
            _errors.add("int_type", where, "Input should be a valid integer", value);
            continue;
        }
        out.push_back(value.convert<long long>());
    }
    if (out.size() != items->size())
        return std::nullopt;
    return out;
}

Poco::JSON::Object::Ptr FieldReader::optObject(const std::string& name)
{
    if (_schema) {
        describe(name, "object");
        return new Poco::JSON::Object; // present and empty, so readers describe what they read inside
    }
    if (isNull(name))
        return nullptr;
    const Poco::Dynamic::Var value = _object->get(name);
    if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
        _errors.add("dict_type", at(name), "Input should be a valid dictionary", value);
        return nullptr;
    }
    return value.extract<Poco::JSON::Object::Ptr>();
}

std::vector<FieldReader> FieldReader::objectItems(const std::string& arrayName, const std::string& modelName, ListBounds bounds)
{
    std::vector<FieldReader> readers;
    if (_schema) {
        Poco::JSON::Object::Ptr field = describe(arrayName, "array");
        describeSize(field, bounds);
        Location where = at(arrayName);
        where.emplace_back(0);
        readers.push_back(describing(itemsOf(field, modelName), where, _errors));
        return readers;
    }
    Poco::JSON::Array::Ptr items = optArray(arrayName, bounds);
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
    if (!_schema)
        return FieldReader(std::move(object), std::move(loc), _errors);
    // Describing: the object schema of the property (or array items) the suffix names.
    Poco::JSON::Object::Ptr schema = _schema;
    for (const auto& part : suffix) {
        if (part.isString()) {
            schema = memberOf(memberOf(schema, "properties"), part.toString());
            if (!schema->has("type"))
                schema->set("type", "object");
        } else {
            schema = itemsOf(schema, "");
        }
    }
    return describing(schema, std::move(loc), _errors);
}

} // namespace bridge
} // namespace jji
