#include "jji/bridge/RouteTable.h"

#include "../routes/AdminRoutes.h"
#include "../routes/AnalysisRoutes.h"
#include "../routes/HistoryRoutes.h"
#include "../routes/MetadataRoutes.h"
#include "../routes/ResultRoutes.h"
#include "../routes/ReviewRoutes.h"
#include "../routes/TrackerRoutes.h"
#include "../routes/ServiceRoutes.h"
#include "../routes/UserRoutes.h"
#include "../routes/WebRoutes.h"
#include "../routes/WebhookRoutes.h"

namespace jji {
namespace bridge {

void registerAllRoutes(Router& router, AppContext& context)
{
    registerServiceRoutes(router, context);
    registerAnalysisRoutes(router, context);
    registerResultRoutes(router, context);
    registerWebhookRoutes(router, context);
    registerReviewRoutes(router, context);
    registerTrackerRoutes(router, context);
    registerHistoryRoutes(router, context);
    registerMetadataRoutes(router, context);
    registerUserRoutes(router, context);
    registerAdminRoutes(router, context);
    registerWebRoutes(router, context);
    registerDocumentationRoutes(router);
}

} // namespace bridge
} // namespace jji
