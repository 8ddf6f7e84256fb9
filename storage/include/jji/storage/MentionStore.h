#ifndef JJI_STORAGE_MENTIONSTORE_H
#define JJI_STORAGE_MENTIONSTORE_H

#include "jji/storage/CommentStore.h"
#include "jji/storage/Database.h"

#include <string>
#include <vector>

namespace jji {
namespace storage {

/// A comment that mentions a user (the comment fields plus the reader's is_read flag).
struct MentionRow
{
    CommentRow comment;
    bool isRead = false;
};

/// "@username" mentions in comments; they go when their comment goes.
class MentionStore
{
public:
    explicit MentionStore(Database& db) : _db(db) {}

    void add(long long commentId, const std::string& jobId, const std::vector<std::string>& usernames);

    /// Newest first.
    std::vector<MentionRow> forUser(const std::string& username, bool unreadOnly, int limit, int offset);
    int count(const std::string& username, bool unreadOnly);
    /// Marks the mentions of these comments read; the number changed.
    int markRead(const std::string& username, const std::vector<long long>& commentIds);
    int markAllRead(const std::string& username);

private:
    Database& _db;
};

/// A browser's Web Push subscription.
struct PushSubscriptionRow
{
    std::string username;
    std::string endpoint;
    std::string p256dh;
    std::string auth;
};

class PushSubscriptionStore
{
public:
    explicit PushSubscriptionStore(Database& db) : _db(db) {}

    /// Upserts by endpoint, then keeps only the user's `maxPerUser` newest subscriptions.
    void subscribe(const PushSubscriptionRow& row, int maxPerUser);
    /// False when the endpoint is not the user's.
    bool unsubscribe(const std::string& username, const std::string& endpoint);
    std::vector<PushSubscriptionRow> forUser(const std::string& username);
    void removeEndpoint(const std::string& endpoint);

private:
    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
