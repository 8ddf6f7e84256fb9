#include "jji/storage/MentionStore.h"

#include "jji/storage/Guarded.h"
#include "jji/storage/Timestamp.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

void MentionStore::add(long long commentId, const std::string& jobId, const std::vector<std::string>& usernames)
{
    if (usernames.empty())
        return;
    Poco::Data::Session s = _db.session();
    guarded("cannot store mentions", [&] {
        inTransaction(s, [&] {
            Poco::Int64 id = commentId;
            const std::string ts = nowTimestamp();
            for (const auto& username : usernames)
                s << _db.sql("INSERT INTO mentions (comment_id, job_id, username, is_read, created_at) VALUES (?, ?, ?, 0, ?)"),
                    use(id), useRef(jobId), useRef(username), useRef(ts), now;
        });
    });
}

std::vector<MentionRow> MentionStore::forUser(const std::string& username, bool unreadOnly, int limit, int offset)
{
    return guarded("cannot read mentions", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql(std::string("SELECT c.id, c.job_id, c.test_name, c.child_job_name, c.child_build_number, c.comment, "
                                      "c.error_signature, c.username, c.created_at, m.is_read FROM mentions m "
                                      "JOIN comments c ON c.id = m.comment_id WHERE m.username = ?") +
                          (unreadOnly ? " AND m.is_read = 0" : "") + " ORDER BY m.id DESC LIMIT ? OFFSET ?"),
            useRef(username), bind(limit), bind(offset);
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<MentionRow> rows;
        for (std::size_t i = 0; i < rs.rowCount(); ++i) {
            MentionRow m;
            m.comment = {rs.value(0, i).convert<long long>(), rs.value(1, i).convert<std::string>(),
                         rs.value(2, i).convert<std::string>(), rs.value(3, i).convert<std::string>(),
                         rs.value(4, i).convert<long long>(), rs.value(5, i).convert<std::string>(),
                         rs.value(6, i).convert<std::string>(), rs.value(7, i).convert<std::string>(),
                         rs.value(8, i).convert<std::string>()};
            m.isRead = rs.value(9, i).convert<int>() != 0;
            rows.push_back(std::move(m));
        }
        return rows;
    });
}

int MentionStore::count(const std::string& username, bool unreadOnly)
{
    return guarded("cannot count mentions", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Int64 n = 0;
        s << _db.sql(std::string("SELECT COUNT(*) FROM mentions WHERE username = ?") + (unreadOnly ? " AND is_read = 0" : "")),
            useRef(username), into(n), now;
        return static_cast<int>(n);
    });
}

int MentionStore::markRead(const std::string& username, const std::vector<long long>& commentIds)
{
    return guarded("cannot update mentions", [&] {
        Poco::Data::Session s = _db.session();
        int changed = 0;
        for (long long commentId : commentIds) {
            Poco::Int64 id = commentId;
            Poco::Data::Statement update(s);
            update << _db.sql("UPDATE mentions SET is_read = 1 WHERE username = ? AND comment_id = ? AND is_read = 0"),
                useRef(username), use(id);
            changed += static_cast<int>(update.execute());
        }
        return changed;
    });
}

int MentionStore::markAllRead(const std::string& username)
{
    return guarded("cannot update mentions", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement update(s);
        update << _db.sql("UPDATE mentions SET is_read = 1 WHERE username = ? AND is_read = 0"), useRef(username);
        return static_cast<int>(update.execute());
    });
}

void PushSubscriptionStore::subscribe(const PushSubscriptionRow& row, int maxPerUser)
{
    Poco::Data::Session s = _db.session();
    guarded("cannot store push subscription", [&] {
        inTransaction(s, [&] {
            const std::string ts = nowTimestamp();
            s << _db.sql("INSERT INTO push_subscriptions (username, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?) "
                         "ON CONFLICT (endpoint) DO UPDATE SET username = excluded.username, p256dh = excluded.p256dh, "
                         "auth = excluded.auth, created_at = excluded.created_at"),
                useRef(row.username), useRef(row.endpoint), useRef(row.p256dh), useRef(row.auth), useRef(ts), now;
            std::vector<Poco::Int64> extra;
            // Beyond the newest maxPerUser (SQLite needs a LIMIT before OFFSET; -1 is "all").
            const bool postgres = _db.dialect() == Database::Dialect::PostgreSQL;
            s << _db.sql(std::string("SELECT id FROM push_subscriptions WHERE username = ? ORDER BY created_at DESC, id DESC") +
                         (postgres ? " OFFSET ?" : " LIMIT -1 OFFSET ?")),
                useRef(row.username), bind(maxPerUser), into(extra), now;
            for (Poco::Int64 id : extra)
                s << _db.sql("DELETE FROM push_subscriptions WHERE id = ?"), use(id), now;
        });
    });
}

bool PushSubscriptionStore::unsubscribe(const std::string& username, const std::string& endpoint)
{
    return guarded("cannot delete push subscription", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement del(s);
        del << _db.sql("DELETE FROM push_subscriptions WHERE username = ? AND endpoint = ?"), useRef(username), useRef(endpoint);
        return del.execute() > 0;
    });
}

std::vector<PushSubscriptionRow> PushSubscriptionStore::forUser(const std::string& username)
{
    return guarded("cannot read push subscriptions", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT username, endpoint, p256dh, auth FROM push_subscriptions WHERE username = ? ORDER BY id"),
            useRef(username);
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<PushSubscriptionRow> rows;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            rows.push_back({rs.value(0, i).convert<std::string>(), rs.value(1, i).convert<std::string>(),
                            rs.value(2, i).convert<std::string>(), rs.value(3, i).convert<std::string>()});
        return rows;
    });
}

void PushSubscriptionStore::removeEndpoint(const std::string& endpoint)
{
    guarded("cannot delete push subscription", [&] {
        Poco::Data::Session s = _db.session();
        s << _db.sql("DELETE FROM push_subscriptions WHERE endpoint = ?"), useRef(endpoint), now;
    });
}

} // namespace storage
} // namespace jji
