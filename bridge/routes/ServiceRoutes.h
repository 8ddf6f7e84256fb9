#ifndef JJI_BRIDGE_ROUTES_SERVICEROUTES_H
#define JJI_BRIDGE_ROUTES_SERVICEROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// GET /health, GET /api/capabilities.
void registerServiceRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
