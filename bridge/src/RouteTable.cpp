#include "jji/bridge/RouteTable.h"

#include "../routes/AnalysisRoutes.h"
#include "../routes/ResultRoutes.h"
#include "../routes/ServiceRoutes.h"
#include "../routes/WebhookRoutes.h"

namespace jji {
namespace bridge {

void registerAllRoutes(Router& router, AppContext& context)
{
    registerServiceRoutes(router, context);
    registerAnalysisRoutes(router, context);
    registerResultRoutes(router, context);
    registerWebhookRoutes(router, context);
}

} // namespace bridge
} // namespace jji
