#ifndef JJI_BRIDGE_ROUTES_REVIEWROUTES_H
#define JJI_BRIDGE_ROUTES_REVIEWROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// Comments, reviewed flags, review counters and classification overrides on the
/// failures of a stored analysis (/results/{job_id}/...).
void registerReviewRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
