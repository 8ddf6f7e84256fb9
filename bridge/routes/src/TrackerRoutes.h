#ifndef JJI_BRIDGE_ROUTES_TRACKERROUTES_H
#define JJI_BRIDGE_ROUTES_TRACKERROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// GitHub issues, Jira bugs, comment reference statuses, Report Portal push and the
/// Jira/token helper endpoints.
void registerTrackerRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
