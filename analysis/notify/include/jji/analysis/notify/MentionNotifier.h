#ifndef JJI_ANALYSIS_NOTIFY_MENTIONNOTIFIER_H
#define JJI_ANALYSIS_NOTIFY_MENTIONNOTIFIER_H

#include "jji/analysis/runtime/JobQueue.h"
#include "jji/analysis/notify/WebPush.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

#include <memory>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Sends a Web Push message to every subscription of each mentioned user, in the
/// background (a comment is answered without waiting for push services). Gone
/// subscriptions (404/410) are deleted. Does nothing when push is not configured.
class MentionNotifier
{
public:
    MentionNotifier(const config::Settings& settings, storage::Database& db);

    /// nullptr when VAPID is not configured; throws WebPushKeyError when configured but unusable.
    const WebPush* push() const;

    void mentioned(const std::vector<std::string>& usernames, const std::string& author, const std::string& jobId,
                   const std::string& testName, const std::string& comment);

private:
    const config::Settings& _settings;
    storage::Database& _db;
    std::unique_ptr<WebPush> _push;
    std::string _keyError;
    JobQueue _queue{1};
};

} // namespace analysis
} // namespace jji

#endif
