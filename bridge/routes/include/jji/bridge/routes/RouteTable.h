#ifndef JJI_BRIDGE_ROUTES_ROUTETABLE_H
#define JJI_BRIDGE_ROUTES_ROUTETABLE_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// Registers every resource group's routes (one table per group in bridge/routes/src/).
void registerAllRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
