#ifndef JJI_BRIDGE_ROUTES_METADATAROUTES_H
#define JJI_BRIDGE_ROUTES_METADATAROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// Job metadata (team, tier, version, labels) and the rules that assign it (/api/jobs/...).
void registerMetadataRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
