#ifndef JJI_BRIDGE_HTTP_VALIDATIONERRORS_H
#define JJI_BRIDGE_HTTP_VALIDATIONERRORS_H

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>

#include <string>
#include <vector>

namespace jji {
namespace bridge {

/// A location in the request, e.g. {"body", "failures", 0, "test_name"} or {"query", "limit"}.
using Location = std::vector<Poco::Dynamic::Var>;

/// Collects validation problems in the FastAPI/Pydantic shape
/// {"detail": [{"type", "loc", "msg", "input"}]} and raises them as one 422.
class ValidationErrors
{
public:
    ValidationErrors() = default;

    /// A list that keeps nothing: for readers run only to describe a request (FieldReader::describing).
    static ValidationErrors discarding();

    void add(const std::string& type, const Location& loc, const std::string& msg, const Poco::Dynamic::Var& input);

    bool empty() const { return _items->size() == 0; }

    /// The field the first problem is about (the second part of its location), or "".
    std::string firstField() const;
    /// The type of the first problem (missing, string_type, ...), or "".
    std::string firstType() const;

    /// Throws HttpError(422) when anything was added.
    void raiseIfAny() const;

    /// Convenience: a single 422 right away.
    [[noreturn]] static void fail(const std::string& type, const Location& loc, const std::string& msg,
                                  const Poco::Dynamic::Var& input);

private:
    Poco::JSON::Array::Ptr _items = new Poco::JSON::Array;
    bool _discard = false;
};

} // namespace bridge
} // namespace jji

#endif
