#include "jji/storage/UserStore.h"

#include "jji/storage/Guarded.h"
#include "jji/storage/Timestamp.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

namespace {

const char* kUserColumns = "id, username, role, api_key_hash, api_key_salt, created_at, last_seen, api_key_lookup";

std::vector<UserRow> usersOf(Poco::Data::Statement& select)
{
    select.execute();
    Poco::Data::RecordSet rs(select);
    std::vector<UserRow> rows;
    for (std::size_t i = 0; i < rs.rowCount(); ++i) {
        UserRow u;
        u.id = rs.value(0, i).convert<long long>();
        u.username = rs.value(1, i).convert<std::string>();
        u.role = rs.value(2, i).convert<std::string>();
        u.apiKeyHash = rs.value(3, i).convert<std::string>();
        u.apiKeySalt = rs.value(4, i).convert<std::string>();
        u.createdAt = rs.value(5, i).convert<std::string>();
        if (!rs.value(6, i).isEmpty())
            u.lastSeen = rs.value(6, i).convert<std::string>();
        u.apiKeyLookup = rs.value(7, i).convert<std::string>();
        rows.push_back(std::move(u));
    }
    return rows;
}

} // namespace

std::optional<UserRow> UserStore::find(const std::string& username)
{
    return guarded("cannot read user", [&]() -> std::optional<UserRow> {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?"), useRef(username);
        auto rows = usersOf(select);
        if (rows.empty())
            return std::nullopt;
        return rows.front();
    });
}

std::vector<UserRow> UserStore::list()
{
    return guarded("cannot list users", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username";
        return usersOf(select);
    });
}

std::vector<UserRow> UserStore::admins()
{
    return guarded("cannot list users", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << std::string("SELECT ") + kUserColumns + " FROM users WHERE role = 'admin' AND api_key_hash <> '' ORDER BY id";
        return usersOf(select);
    });
}

std::vector<UserRow> UserStore::adminKeyCandidates(const std::string& lookup)
{
    return guarded("cannot list users", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql(std::string("SELECT ") + kUserColumns +
                          " FROM users WHERE role = 'admin' AND api_key_hash <> '' AND api_key_lookup IN (?, '') ORDER BY id"),
            useRef(lookup);
        return usersOf(select);
    });
}

int UserStore::adminCount()
{
    return guarded("cannot count users", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Int64 n = 0;
        s << "SELECT COUNT(*) FROM users WHERE role = 'admin'", into(n), now;
        return static_cast<int>(n);
    });
}

bool UserStore::create(const UserRow& user)
{
    return guarded("cannot store user", [&] {
        Poco::Data::Session s = _db.session();
        const std::string createdAt = nowTimestamp();
        Poco::Data::Statement insert(s);
        insert << _db.sql("INSERT INTO users (username, role, api_key_hash, api_key_salt, created_at, api_key_lookup) "
                          "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING"),
            useRef(user.username), useRef(user.role), useRef(user.apiKeyHash), useRef(user.apiKeySalt), useRef(createdAt),
            useRef(user.apiKeyLookup);
        return insert.execute() > 0;
    });
}

void UserStore::touch(const std::string& username)
{
    guarded("cannot track user", [&] {
        Poco::Data::Session s = _db.session();
        const std::string ts = nowTimestamp();
        s << _db.sql("INSERT INTO users (username, role, created_at, last_seen) VALUES (?, 'user', ?, ?) "
                     "ON CONFLICT (username) DO UPDATE SET last_seen = excluded.last_seen"),
            useRef(username), useRef(ts), useRef(ts), now;
    });
}

bool UserStore::setRoleAndKey(const std::string& username, const std::string& role, const std::string& hash,
                              const std::string& salt, const std::string& lookup)
{
    return guarded("cannot update user", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement update(s);
        update << _db.sql("UPDATE users SET role = ?, api_key_hash = ?, api_key_salt = ?, api_key_lookup = ? WHERE username = ?"),
            useRef(role), useRef(hash), useRef(salt), useRef(lookup), useRef(username);
        return update.execute() > 0;
    });
}

bool UserStore::rotateAdminKey(const std::string& username, const std::string& hash, const std::string& salt,
                               const std::string& lookup)
{
    return guarded("cannot update user", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement update(s);
        // Only while still an admin: a rotation racing a demotion must not re-arm the account.
        update << _db.sql("UPDATE users SET api_key_hash = ?, api_key_salt = ?, api_key_lookup = ? WHERE username = ? AND role = 'admin'"),
            useRef(hash), useRef(salt), useRef(lookup), useRef(username);
        return update.execute() > 0;
    });
}

bool UserStore::remove(const std::string& username)
{
    Poco::Data::Session s = _db.session();
    return guarded("cannot delete user", [&] {
        return inTransaction(s, [&] {
            s << _db.sql("DELETE FROM admin_sessions WHERE username = ?"), useRef(username), now;
            s << _db.sql("DELETE FROM user_tokens WHERE username = ?"), useRef(username), now;
            s << _db.sql("DELETE FROM push_subscriptions WHERE username = ?"), useRef(username), now;
            Poco::Data::Statement del(s);
            del << _db.sql("DELETE FROM users WHERE username = ?"), useRef(username);
            const bool deleted = del.execute() > 0;
            return deleted;
        });
    });
}

void UserStore::addSession(const SessionRow& session)
{
    guarded("cannot store session", [&] {
        Poco::Data::Session s = _db.session();
        const std::string createdAt = nowTimestamp();
        s << _db.sql("DELETE FROM admin_sessions WHERE expires_at < ?"), useRef(createdAt), now; // keep the table small
        s << _db.sql("INSERT INTO admin_sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)"),
            useRef(session.tokenHash), useRef(session.username), useRef(createdAt), useRef(session.expiresAt), now;
    });
}

std::optional<std::string> UserStore::sessionUser(const std::string& tokenHash)
{
    return guarded("cannot read session", [&]() -> std::optional<std::string> {
        Poco::Data::Session s = _db.session();
        Poco::Nullable<std::string> username;
        const std::string ts = nowTimestamp();
        s << _db.sql("SELECT username FROM admin_sessions WHERE token_hash = ? AND expires_at > ?"), useRef(tokenHash),
            useRef(ts), into(username), now;
        if (username.isNull())
            return std::nullopt;
        return username.value();
    });
}

void UserStore::removeSession(const std::string& tokenHash)
{
    guarded("cannot delete session", [&] {
        Poco::Data::Session s = _db.session();
        s << _db.sql("DELETE FROM admin_sessions WHERE token_hash = ?"), useRef(tokenHash), now;
    });
}

void UserStore::removeSessionsOf(const std::string& username)
{
    guarded("cannot delete sessions", [&] {
        Poco::Data::Session s = _db.session();
        s << _db.sql("DELETE FROM admin_sessions WHERE username = ?"), useRef(username), now;
    });
}

std::optional<UserStore::SavedTokens> UserStore::tokens(const std::string& username)
{
    return guarded("cannot read saved tokens", [&]() -> std::optional<SavedTokens> {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT github_token_enc, jira_email, jira_token_enc FROM user_tokens WHERE username = ?"),
            useRef(username);
        select.execute();
        Poco::Data::RecordSet rs(select);
        if (rs.rowCount() == 0)
            return std::nullopt;
        return SavedTokens{rs.value(0, 0).convert<std::string>(), rs.value(1, 0).convert<std::string>(),
                           rs.value(2, 0).convert<std::string>()};
    });
}

void UserStore::saveTokens(const std::string& username, const SavedTokens& tokens)
{
    guarded("cannot store saved tokens", [&] {
        Poco::Data::Session s = _db.session();
        const std::string ts = nowTimestamp();
        s << _db.sql("INSERT INTO user_tokens (username, github_token_enc, jira_email, jira_token_enc, updated_at) "
                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO UPDATE SET github_token_enc = excluded.github_token_enc, "
                     "jira_email = excluded.jira_email, jira_token_enc = excluded.jira_token_enc, updated_at = excluded.updated_at"),
            useRef(username), useRef(tokens.githubTokenSealed), useRef(tokens.jiraEmail), useRef(tokens.jiraTokenSealed),
            useRef(ts), now;
    });
}

} // namespace storage
} // namespace jji
