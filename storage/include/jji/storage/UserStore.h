#ifndef JJI_STORAGE_USERSTORE_H
#define JJI_STORAGE_USERSTORE_H

#include "jji/storage/Database.h"

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace storage {

/// A tracked user: everyone who acted with a username, and the admins with API keys.
struct UserRow
{
    long long id = 0;
    std::string username;
    std::string role;          ///< "admin" or "user"
    std::string apiKeyHash;    ///< "" unless an admin
    std::string apiKeySalt;
    std::string createdAt;
    std::optional<std::string> lastSeen;
    std::string apiKeyLookup;  ///< SHA-256 of the key, to find its admin without trying every hash; "" before schema 7
};

/// Admin sessions (the jji_session cookie), stored by the hash of their token only.
struct SessionRow
{
    std::string tokenHash;
    std::string username;
    std::string expiresAt;
};

/// The users aggregate: users, their admin sessions and saved tracker tokens.
class UserStore
{
public:
    explicit UserStore(Database& db) : _db(db) {}

    std::optional<UserRow> find(const std::string& username);
    std::vector<UserRow> list();
    std::vector<UserRow> admins();
    /// The admins a key may belong to: the one whose key has this lookup digest, and any
    /// whose key predates lookups.
    std::vector<UserRow> adminKeyCandidates(const std::string& lookup);
    int adminCount();

    /// Creates the user; false when the name is taken.
    bool create(const UserRow& user);
    /// Records activity: creates a plain user on first sight, else updates last_seen.
    void touch(const std::string& username);
    /// Sets role and key (an empty key removes it); false when there is no such user.
    bool setRoleAndKey(const std::string& username, const std::string& role, const std::string& hash, const std::string& salt,
                       const std::string& lookup);
    /// Replaces an admin's key; false when the user is not (or no longer) an admin.
    bool rotateAdminKey(const std::string& username, const std::string& hash, const std::string& salt,
                        const std::string& lookup);
    /// Deletes the user with its sessions, saved tokens and push subscriptions.
    bool remove(const std::string& username);

    void addSession(const SessionRow& session);
    /// The session's username while it has not expired.
    std::optional<std::string> sessionUser(const std::string& tokenHash);
    void removeSession(const std::string& tokenHash);
    void removeSessionsOf(const std::string& username);

    struct SavedTokens
    {
        std::string githubTokenSealed, jiraEmail, jiraTokenSealed;
    };
    std::optional<SavedTokens> tokens(const std::string& username);
    void saveTokens(const std::string& username, const SavedTokens& tokens);

private:
    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
