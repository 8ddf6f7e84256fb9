#ifndef JJI_BRIDGE_ROUTES_CONTEXTROUTE_H
#define JJI_BRIDGE_ROUTES_CONTEXTROUTE_H

#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/Router.h"

namespace jji {
namespace bridge {

/// A route handler that borrows the application context.
using ContextHandler = void (*)(AppContext&, Exchange&);

/// Registers `handler` for method + path with the context bound, so route tables read
/// as one line per endpoint.
inline void addRoute(Router& router, AppContext& context, const char* method, const char* path, ContextHandler handler,
                     const char* summary)
{
    router.add(method, path, [&context, handler](Exchange& ex) { handler(context, ex); }, summary);
}

} // namespace bridge
} // namespace jji

#endif
