#ifndef JJI_BRIDGE_ROUTES_RESULTROUTES_H
#define JJI_BRIDGE_ROUTES_RESULTROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// GET /results/{job_id}, GET /results, GET /api/dashboard, GET /ai-configs.
void registerResultRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
