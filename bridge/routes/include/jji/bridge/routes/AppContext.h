#ifndef JJI_BRIDGE_ROUTES_APPCONTEXT_H
#define JJI_BRIDGE_ROUTES_APPCONTEXT_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/jobs/AnalysisJobs.h"
#include "jji/analysis/jobs/JobLease.h"
#include "jji/analysis/jobs/ServiceHealth.h"
#include "jji/analysis/notify/AlertSender.h"
#include "jji/analysis/notify/MentionNotifier.h"
#include "jji/analysis/review/MetadataRules.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"
#include "jji/storage/ResultStore.h"
#include "jji/storage/SecretBox.h"
#include "jji/bridge/access/AccessContext.h"
#include "jji/bridge/access/UserActivity.h"
#include "jji/bridge/http/ErrorRates.h"
#include <Poco/Timestamp.h>

#include <string>

namespace jji {
namespace bridge {

/// What route handlers share: the settings and the long-lived services built from them.
/// Owned by the server application; handlers only borrow it.
struct AppContext
{
    AppContext(config::Settings s, storage::Database database)
        : settings(std::move(s)), db(std::move(database)), results(db), aiLimiter(settings.maxConcurrentAiCalls),
          lease(analysis::JobLease::forThisProcess(std::chrono::seconds(settings.jobLeaseSeconds))),
          metadataRules(analysis::MetadataRules::fromFile(settings.metadataRulesFile)),
          jobs(settings, db, aiLimiter, lease, metadataRules), secrets(storage::SecretBox::fromSettings(settings)),
          userActivity(db), notifier(settings, db), authThrottle(settings.authFailuresPerMinute)
    {
    }

    const config::Settings settings;
    storage::Database db;
    storage::ResultStore results;
    analysis::AiCallLimiter aiLimiter;
    const analysis::JobLease lease;
    const analysis::MetadataRules metadataRules; ///< METADATA_RULES_FILE, read once at start-up
    analysis::AnalysisJobs jobs;
    const storage::SecretBox secrets; ///< seals users' saved tracker tokens
    UserActivity userActivity;
    analysis::MentionNotifier notifier; ///< Web Push for mentions, when VAPID is configured
    AuthThrottle authThrottle;
    AccessContext access{settings, db, userActivity, authThrottle}; ///< what access control reads
    ErrorRates errorRates;                          ///< the original's rolling error rates (fed by RequestDispatcher)
    analysis::AlertSender alerts{settings};         ///< Slack and e-mail alerts, when configured
    analysis::ServiceHealth health{settings, db};   ///< GET /api/health and jji_health_up
    /// Names this start of the daemon in entity tags of what the settings shape.
    const std::string startedId = std::to_string(Poco::Timestamp().epochMicroseconds());
};

} // namespace bridge
} // namespace jji

#endif
