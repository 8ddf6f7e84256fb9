#ifndef JJI_BRIDGE_ROUTES_WEBROUTES_H
#define JJI_BRIDGE_ROUTES_WEBROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// The web UI: its pages (shells the embedded scripts render from the REST API) and
/// the embedded static assets. The report and test-history pages share their paths
/// with the JSON API and are chosen by the Accept header there.
void registerWebRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
