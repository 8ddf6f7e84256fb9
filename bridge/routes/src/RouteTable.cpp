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
    router.group("Service", "Health, dependency checks, capabilities, metrics");
    registerServiceRoutes(router, context);
    router.group("Analysis", "Start analyses of Jenkins builds, of raw failures and of JUnit XML");
    registerAnalysisRoutes(router, context);
    router.group("AI", "AI providers, their models, and small AI questions");
    registerAiRoutes(router, context);
    router.group("Results", "Stored analyses: results, the dashboard, deletion");
    registerResultRoutes(router, context);
    router.group("Webhooks", "Build notifications from Jenkins");
    registerWebhookRoutes(router, context);
    router.group("Reviews", "Comments, reviewed states and classification overrides of failures");
    registerReviewRoutes(router, context);
    router.group("Trackers", "GitHub and Jira issues, Report Portal, tracker tokens");
    registerTrackerRoutes(router, context);
    router.group("Feedback", "Feedback on Job Insight itself, filed as a GitHub issue");
    registerFeedbackRoutes(router, context);
    router.group("History", "Failure history by test, error signature and job; test labels");
    registerHistoryRoutes(router, context);
    router.group("Metadata", "Job metadata (team, tier, version, labels) and the rules that assign it");
    registerMetadataRoutes(router, context);
    router.group("Rules", "The rules knowledge base that classifies known failures without AI");
    registerRuleRoutes(router, context);
    router.group("Users", "Sign-in, the caller's saved tokens, mentions and push notifications");
    registerUserRoutes(router, context);
    router.group("Admin", "Admin users, API keys, AI token usage and AI readiness");
    registerAdminRoutes(router, context);
    router.group("Web UI", "The web UI's pages and files");
    registerWebRoutes(router, context);
    router.group("Service");
    registerDocumentationRoutes(router);
}

} // namespace bridge
} // namespace jji
