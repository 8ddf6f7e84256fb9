#ifndef JJI_BRIDGE_HTTP_FIELDREADER_H
#define JJI_BRIDGE_HTTP_FIELDREADER_H

#include "jji/bridge/http/ValidationErrors.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace bridge {

/// Numeric constraints, as Pydantic's ge/gt/le.
struct IntBounds
{
    std::optional<long long> ge;
    std::optional<long long> gt;
    std::optional<long long> le;
};

/// Length constraints of a string field in characters, as Pydantic's min_length/max_length.
struct TextBounds
{
    std::optional<std::size_t> minLength;
    std::optional<std::size_t> maxLength;
};

/// Length constraints of a list field, as Pydantic's min_length/max_length.
struct ListBounds
{
    std::optional<std::size_t> minItems;
    std::optional<std::size_t> maxItems;
};

/// Reads typed fields out of a JSON object the way Pydantic's lax mode does (numeric
/// strings for integers, "true"/"yes"/1 for booleans, ...), recording every problem in
/// a shared ValidationErrors with its location, so one 422 lists them all.
/// Absent and null fields read as std::nullopt unless a getter says "required".
///
/// A describing reader (FieldReader::describing) reads no request: every getter records the
/// field it is asked for in a JSON Schema (type, required, bounds, maximum length, allowed
/// literals, nested objects and arrays) and answers as for an absent field, while has() says
/// every field is there and isNull() that none is null, so a request reader run on it walks
/// every branch. /openapi.json describes request bodies and queries this way, by running the
/// routes' own readers.
class FieldReader
{
public:
    FieldReader(Poco::JSON::Object::Ptr object, Location prefix, ValidationErrors& errors);

    /// A reader recording into `schema` (an object schema; "properties" and "required" are added).
    static FieldReader describing(Poco::JSON::Object::Ptr schema, Location prefix, ValidationErrors& errors);

    /// A reader of query parameters: `first` holds each parameter's first value (as text),
    /// `all` each parameter's values as an array, read by optStrings (?label=a&label=b).
    static FieldReader forQuery(Poco::JSON::Object::Ptr first, Poco::JSON::Object::Ptr all, ValidationErrors& errors);

    bool isDescribing() const { return static_cast<bool>(_schema); }

    bool has(const std::string& name) const;
    bool isNull(const std::string& name) const;

    /// Records "Field required" when the field is absent; true when it is there (null included).
    bool require(const std::string& name);

    /// `sparePercent` more capacity is reserved in the copy, for text that will grow in place.
    std::optional<std::string> optString(const std::string& name, std::optional<std::size_t> maxLength = std::nullopt,
                                         std::size_t sparePercent = 0);
    std::string string(const std::string& name, const std::string& fallback = "");
    std::string requiredString(const std::string& name);
    /// A string within `bounds` (string_too_short, string_too_long).
    std::optional<std::string> optText(const std::string& name, TextBounds bounds);
    std::string requiredText(const std::string& name, TextBounds bounds);

    std::optional<long long> optInt(const std::string& name, IntBounds bounds = {});
    long long integer(const std::string& name, long long fallback, IntBounds bounds = {});
    long long requiredInt(const std::string& name, IntBounds bounds = {});

    std::optional<double> optNumber(const std::string& name);
    std::optional<bool> optBool(const std::string& name);
    bool boolean(const std::string& name, bool fallback);
    bool requiredBool(const std::string& name);

    /// One of the allowed literals (exact match), or nullopt with a literal_error.
    std::optional<std::string> optLiteral(const std::string& name, const std::vector<std::string>& allowed);
    /// optLiteral of a field that must be there: "Field required" when absent, a literal_error when null.
    std::optional<std::string> requiredLiteral(const std::string& name, const std::vector<std::string>& allowed);

    /// The list, or nullptr when absent, null, not a list (list_type) or out of `bounds` (too_short, too_long).
    Poco::JSON::Array::Ptr optArray(const std::string& name, ListBounds bounds = {});
    Poco::JSON::Object::Ptr optObject(const std::string& name);

    /// A list of strings of at most `maxLength` characters each; nullopt when absent, null or
    /// invalid (each item that is not a string, or too long, is reported at its index).
    std::optional<std::vector<std::string>> optStrings(const std::string& name, ListBounds bounds = {},
                                                       std::optional<std::size_t> maxLength = std::nullopt);

    /// A list of integers (JSON numbers without a fraction; each other item is an int_type error).
    std::optional<std::vector<long long>> optIntegers(const std::string& name, ListBounds bounds = {});

    /// Readers for the object items of an array field (absent/null: none); items that are
    /// not objects are reported as "Input should be a valid dictionary or instance of <model>".
    std::vector<FieldReader> objectItems(const std::string& arrayName, const std::string& modelName, ListBounds bounds = {});

    /// Reader for a nested object below this one (suffix e.g. {"failures", 0}), sharing the error list.
    FieldReader nested(Poco::JSON::Object::Ptr object, const Location& suffix) const;

    Location at(const std::string& name) const;
    ValidationErrors& errors() const { return _errors; }
    Poco::JSON::Object::Ptr object() const { return _object; }

    /// Pydantic-like text for an allowed-literal list: "'a', 'b' or 'c'".
    static std::string literalList(const std::vector<std::string>& allowed);

private:
    void missing(const std::string& name);
    bool checkBounds(const std::string& name, long long value, const IntBounds& bounds);
    bool checkSize(const std::string& name, std::size_t size, const ListBounds& bounds);
    /// The text of a string value at `at`, checked (string_type, NUL, string_too_long).
    std::optional<std::string> text(const Location& at, const Poco::Dynamic::Var& value, std::optional<std::size_t> maxLength,
                                    std::size_t sparePercent);

    /// Describing mode: the schema of field `name` (created with `type` when new), and the field marked required.
    Poco::JSON::Object::Ptr describe(const std::string& name, const std::string& type);
    void describeRequired(const std::string& name);

    Poco::JSON::Object::Ptr _object;
    Location _prefix;
    ValidationErrors& _errors;
    Poco::JSON::Object::Ptr _schema; ///< describing mode: the object schema fields are recorded in
    Poco::JSON::Object::Ptr _lists;  ///< query mode: every value of each parameter
};

} // namespace bridge
} // namespace jji

#endif
