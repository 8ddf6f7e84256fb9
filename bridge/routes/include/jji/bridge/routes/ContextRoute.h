#ifndef JJI_BRIDGE_ROUTES_CONTEXTROUTE_H
#define JJI_BRIDGE_ROUTES_CONTEXTROUTE_H

#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/RequestFields.h"
#include "jji/bridge/http/Router.h"

namespace jji {
namespace bridge {

/// A route handler that borrows the application context.
using ContextHandler = void (*)(AppContext&, Exchange&);

/// Registers `handler` for method + path with the context bound, so route tables read
/// as one line per endpoint (plus what /openapi.json says of it, on the RouteDoc answered).
inline RouteDoc& addRoute(Router& router, AppContext& context, const char* method, const char* path, ContextHandler handler,
                          const char* summary)
{
    return router.add(method, path, [&context, handler](Exchange& ex) { handler(context, ex); }, summary);
}

/// A request reader that needs the settings, bound to the context's: what readBody() and
/// RouteDoc::body() take.
template <typename Result>
auto withSettings(const AppContext& context, Result (*read)(FieldReader&, const config::Settings&))
{
    return [&context, read](FieldReader& reader) { return read(reader, context.settings); };
}

} // namespace bridge
} // namespace jji

#endif
