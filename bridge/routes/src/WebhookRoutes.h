#ifndef JJI_BRIDGE_ROUTES_WEBHOOKROUTES_H
#define JJI_BRIDGE_ROUTES_WEBHOOKROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// POST /api/jenkins/notify: build-finished notifications from Jenkins.
void registerWebhookRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
