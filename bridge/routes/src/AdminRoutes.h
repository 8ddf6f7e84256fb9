#ifndef JJI_BRIDGE_ROUTES_ADMINROUTES_H
#define JJI_BRIDGE_ROUTES_ADMINROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// Admin users and their keys, and AI token-usage reports (/api/admin/...).
void registerAdminRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
