#ifndef JJI_BRIDGE_ROUTES_ANALYSISROUTES_H
#define JJI_BRIDGE_ROUTES_ANALYSISROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// POST /analyze-failures.
void registerAnalysisRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
