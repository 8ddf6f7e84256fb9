#ifndef JJI_BRIDGE_ROUTES_HISTORYROUTES_H
#define JJI_BRIDGE_ROUTES_HISTORYROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// Failure history across analyses and the classifications people give tests (/history/...).
void registerHistoryRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
