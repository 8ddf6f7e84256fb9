#ifndef JJI_BRIDGE_ROUTES_SERVICEROUTES_H
#define JJI_BRIDGE_ROUTES_SERVICEROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// GET /health, GET /api/capabilities, GET /metrics.
void registerServiceRoutes(Router& router, AppContext& context);

/// GET /openapi.json (register after every other route).
void registerDocumentationRoutes(Router& router);

} // namespace bridge
} // namespace jji

#endif
