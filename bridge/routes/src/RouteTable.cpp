#include "jji/bridge/routes/RouteTable.h"

#include "AdminRoutes.h"
#include "AiRoutes.h"
#include "FeedbackRoutes.h"
#include "jji/bridge/access/RequestIdentity.h"
#include "jji/bridge/routes/AppContext.h"
#include "AnalysisRoutes.h"
#include "HistoryRoutes.h"
#include "MetadataRoutes.h"
#include "RuleRoutes.h"
#include "ResultRoutes.h"
#include "ReviewRoutes.h"
#include "TrackerRoutes.h"
#include "ServiceRoutes.h"
#include "UserRoutes.h"
#include "WebRoutes.h"
#include "WebhookRoutes.h"

namespace jji {
namespace bridge {

void registerAllRoutes(Router& router, AppContext& context)
{
    router.setGuard([&context](Exchange& ex, const Route& route) { admitRequest(ex, route, context.access); });
    registerServiceRoutes(router, context);
    registerAnalysisRoutes(router, context);
    registerAiRoutes(router, context);
    registerResultRoutes(router, context);
    registerWebhookRoutes(router, context);
    registerReviewRoutes(router, context);
    registerTrackerRoutes(router, context);
    registerFeedbackRoutes(router, context);
    registerHistoryRoutes(router, context);
    registerMetadataRoutes(router, context);
    registerRuleRoutes(router, context);
    registerUserRoutes(router, context);
    registerAdminRoutes(router, context);
    registerWebRoutes(router, context);
    registerDocumentationRoutes(router);
}

} // namespace bridge
} // namespace jji
