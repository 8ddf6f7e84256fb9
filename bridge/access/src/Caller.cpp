#include "jji/bridge/access/Caller.h"

#include "jji/bridge/access/ApiKeys.h"
#include "jji/bridge/access/AccessContext.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/access/SecretCompare.h"
#include "jji/storage/UserStore.h"

#include <Poco/RegularExpression.h>
#include <Poco/String.h>

#include <algorithm>

namespace jji {
namespace bridge {

namespace {

constexpr std::size_t kMaxUsernameChars = 100;

std::string bearerToken(const Exchange& ex)
{
    const std::string auth = ex.header("Authorization");
    if (auth.size() < 7 || Poco::icompare(auth.substr(0, 7), "Bearer ") != 0)
        return "";
    return Poco::trim(auth.substr(7));
}

/// The admin a bearer key belongs to, or "". The key's lookup digest finds its admin, so
/// one PBKDF2 check is made whatever the number of admins (one per admin whose key predates
/// lookups), and one against a dummy hash when none is found: the time taken tells nothing.
std::string adminForKey(const std::string& key, AccessContext& context)
{
    if (!context.settings.adminKey.empty() && secretsEqual(key, context.settings.adminKey))
        return "admin";
    const auto candidates = storage::UserStore(context.db).adminKeyCandidates(ApiKeys::lookupDigest(key));
    if (candidates.empty()) {
        ApiKeys::verify(key, ApiKeys::unmatchable());
        return "";
    }
    std::string found;
    for (const auto& user : candidates)
        if (ApiKeys::verify(key, {user.apiKeyHash, user.apiKeySalt, ""}) && found.empty())
            found = user.username;
    return found;
}

} // namespace

bool isValidUsername(const std::string& username)
{
    static const Poco::RegularExpression pattern("^[A-Za-z0-9][A-Za-z0-9._-]{1,49}$");
    return pattern.match(username);
}

Caller Caller::of(const Exchange& ex, AccessContext& context)
{
    Caller caller;
    if (const std::string key = bearerToken(ex); !key.empty()) {
        const std::string address = ex.clientAddress();
        if (const int wait = context.throttle.admit(address, ""))
            throw HttpError::retryAfter(429, wait, "Too many failed sign-ins or keys; retry in " + std::to_string(wait) + " s");
        caller.username = adminForKey(key, context);
        caller.admin = !caller.username.empty();
        if (caller.admin) {
            context.throttle.succeeded(address, "");
            return caller;
        }
        context.throttle.failed(address, "", "bearer key");
    }
    if (const std::string token = ex.cookie("jji_session"); !token.empty()) {
        if (auto username = storage::UserStore(context.db).sessionUser(ApiKeys::sessionDigest(token))) {
            // Demotion and deletion remove sessions; the bootstrap admin has no user row.
            auto user = storage::UserStore(context.db).find(*username);
            if ((user && user->role == "admin") || (*username == "admin" && !context.settings.adminKey.empty()))
                return {*username, true};
        }
    }
    caller.admin = false;
    if (std::string proxied = proxyUser(ex, context.settings); !proxied.empty()) {
        caller.username = std::move(proxied);
        caller.fromProxy = true;
        return caller;
    }
    caller.username = Poco::trim(ex.cookie("jji_username")).substr(0, kMaxUsernameChars);
    if (Poco::icompare(caller.username, "admin") == 0)
        caller.username.clear(); // "admin" is the bootstrap admin's: it needs the key or a session
    return caller;
}

std::string proxyUser(const Exchange& ex, const config::Settings& settings)
{
    if (!settings.trustProxyHeaders)
        return "";
    std::string user = Poco::trim(ex.header("X-Forwarded-User")).substr(0, kMaxUsernameChars);
    return Poco::icompare(user, "admin") == 0 ? "" : user; // a proxy never makes anyone an admin
}

Caller requireAdmin(const Exchange& ex, AccessContext& context)
{
    Caller caller = Caller::of(ex, context);
    if (!caller.admin)
        throw HttpError(403, "Admin access required");
    return caller;
}

void checkAllowed(const Caller& caller, const config::Settings& settings)
{
    const auto& allowed = settings.allowedUsers;
    if (caller.admin || allowed.empty())
        return;
    // Names compare without case, as the original's list (which it lowercases) does.
    const bool listed = !caller.username.empty() && std::any_of(allowed.begin(), allowed.end(), [&](const std::string& name) {
        return Poco::icompare(name, caller.username) == 0;
    });
    if (!listed)
        throw HttpError(403, "User not allowed. Contact an administrator to be added to the allow list.");
}

Caller requireAllowed(const Exchange& ex, AccessContext& context)
{
    Caller caller = Caller::of(ex, context);
    checkAllowed(caller, context.settings);
    return caller;
}

Caller requireUser(const Exchange& ex, AccessContext& context)
{
    Caller caller = Caller::of(ex, context);
    if (caller.username.empty())
        throw HttpError(401, "Username required: set the jji_username cookie");
    checkAllowed(caller, context.settings);
    return caller;
}

std::string savedTokenOwner(const Caller& caller, AccessContext& context)
{
    if (caller.username.empty() || caller.admin)
        return caller.username;
    auto user = storage::UserStore(context.db).find(caller.username);
    return user && user->role == "admin" ? "" : caller.username;
}

} // namespace bridge
} // namespace jji
