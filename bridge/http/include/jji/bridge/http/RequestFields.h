#ifndef JJI_BRIDGE_HTTP_REQUESTFIELDS_H
#define JJI_BRIDGE_HTTP_REQUESTFIELDS_H

#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/ValidationErrors.h"

#include <type_traits>

namespace jji {
namespace bridge {

/// Runs a request reader (a callable taking a FieldReader&), then raises the one 422 that
/// lists every problem it found; answers what the reader returns.
template <typename Read>
auto readFields(FieldReader& reader, ValidationErrors& errors, Read& read)
{
    if constexpr (std::is_void_v<decltype(read(reader))>) {
        read(reader);
        errors.raiseIfAny();
    } else {
        auto value = read(reader);
        errors.raiseIfAny();
        return value;
    }
}

/// The JSON object body read by `read`, the reader the route's RouteDoc::body names.
template <typename Read>
auto readBody(Exchange& ex, Read read)
{
    ValidationErrors errors;
    FieldReader reader(ex.jsonObject(), {"body"}, errors);
    return readFields(reader, errors, read);
}

/// readBody() for a route that takes an empty body as {} (RouteDoc::optionalBody).
template <typename Read>
auto readOptionalBody(Exchange& ex, Read read)
{
    ValidationErrors errors;
    FieldReader reader(ex.jsonObject(true), {"body"}, errors);
    return readFields(reader, errors, read);
}

/// The query parameters read by `read`, the reader the route's RouteDoc::query names.
template <typename Read>
auto readQuery(const Exchange& ex, Read read)
{
    ValidationErrors errors;
    FieldReader reader = ex.queryFields(errors);
    return readFields(reader, errors, read);
}

/// readFields(), with its 422 turned into a 400 saying `message(errors)`.
template <typename Read, typename Message>
auto readFieldsOr400(FieldReader& reader, ValidationErrors& errors, Read read, Message message)
{
    try {
        return readFields(reader, errors, read);
    } catch (const HttpError& e) {
        if (e.status() != 422)
            throw;
        throw HttpError(400, message(errors));
    }
}

/// For the spec's object-parsed endpoints, which answer 400 {"detail": ...} rather than 422
/// (RouteDoc::invalidIs400): `read` as readBody, then a 400 with the text `message` makes of
/// the problems found (a callable taking the ValidationErrors).
template <typename Read, typename Message>
auto readBodyOr400(Exchange& ex, Read read, Message message, bool allowEmpty = false)
{
    ValidationErrors errors;
    FieldReader reader(ex.jsonObjectOr400(allowEmpty), {"body"}, errors);
    return readFieldsOr400(reader, errors, read, message);
}

/// readQuery(), answering 400 as readBodyOr400 does.
template <typename Read, typename Message>
auto readQueryOr400(const Exchange& ex, Read read, Message message)
{
    ValidationErrors errors;
    FieldReader reader = ex.queryFields(errors);
    return readFieldsOr400(reader, errors, read, message);
}

} // namespace bridge
} // namespace jji

#endif
