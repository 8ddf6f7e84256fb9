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

/// Reads typed fields out of a JSON object the way Pydantic's lax mode does (numeric
/// strings for integers, "true"/"yes"/1 for booleans, ...), recording every problem in
/// a shared ValidationErrors with its location, so one 422 lists them all.
/// Absent and null fields read as std::nullopt unless a getter says "required".
class FieldReader
{
public:
    FieldReader(Poco::JSON::Object::Ptr object, Location prefix, ValidationErrors& errors);

    bool has(const std::string& name) const;
    bool isNull(const std::string& name) const;

    /// `sparePercent` more capacity is reserved in the copy, for text that will grow in place.
    std::optional<std::string> optString(const std::string& name, std::optional<std::size_t> maxLength = std::nullopt,
                                         std::size_t sparePercent = 0);
    std::string string(const std::string& name, const std::string& fallback = "");
    std::string requiredString(const std::string& name);

    std::optional<long long> optInt(const std::string& name, IntBounds bounds = {});
    long long integer(const std::string& name, long long fallback, IntBounds bounds = {});
    long long requiredInt(const std::string& name, IntBounds bounds = {});

    std::optional<double> optNumber(const std::string& name);
    std::optional<bool> optBool(const std::string& name);
    bool requiredBool(const std::string& name);

    /// One of the allowed literals (exact match), or nullopt with a literal_error.
    std::optional<std::string> optLiteral(const std::string& name, const std::vector<std::string>& allowed);

    Poco::JSON::Array::Ptr optArray(const std::string& name);
    Poco::JSON::Object::Ptr optObject(const std::string& name);

    /// Readers for the object items of an array field (absent/null: none); items that are
    /// not objects are reported as "Input should be a valid dictionary or instance of <model>".
    std::vector<FieldReader> objectItems(const std::string& arrayName, const std::string& modelName);

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

    Poco::JSON::Object::Ptr _object;
    Location _prefix;
    ValidationErrors& _errors;
};

} // namespace bridge
} // namespace jji

#endif
