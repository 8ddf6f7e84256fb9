#ifndef JJI_BRIDGE_ACCESS_CALLER_H
#define JJI_BRIDGE_ACCESS_CALLER_H

#include "jji/bridge/http/Exchange.h"
#include "jji/config/Settings.h"

#include <string>

namespace jji {
namespace bridge {

struct AccessContext;

/// Who is calling, strongest first: `Authorization: Bearer <key>` (the bootstrap ADMIN_KEY,
/// user "admin", or an admin user's API key), the `jji_session` cookie of an admin login,
/// `X-Forwarded-User` from an SSO proxy when TRUST_PROXY_HEADERS is on, and the
/// `jji_username` cookie, an unauthenticated username context ("admin" there is ignored).
/// Keys are compared in constant time.
struct Caller
{
    std::string username;
    bool admin = false;
    bool fromProxy = false; ///< named by the trusted proxy's X-Forwarded-User

    /// The identity is proven (an admin key or a signed-in session), not just claimed by the
    /// jji_username cookie. Only admins sign in today.
    bool authenticated() const { return admin; }

    std::string role() const { return admin ? "admin" : "user"; }

    /// Resolves the caller (admitRequest records people as seen).
    static Caller of(const Exchange& ex, AccessContext& context);
};

/// The user a trusted SSO proxy names in X-Forwarded-User, or "" (setting off, header absent,
/// or "admin", which a proxy may not claim).
std::string proxyUser(const Exchange& ex, const config::Settings& settings);

/// 403 {"detail": "Admin access required"} unless the caller is an admin.
Caller requireAdmin(const Exchange& ex, AccessContext& context);

/// The caller of a write endpoint: 403 when ALLOWED_USERS is set and does not list
/// them (admins always pass).
Caller requireAllowed(const Exchange& ex, AccessContext& context);

/// 403 when ALLOWED_USERS is set and does not list this (non-admin) caller.
void checkAllowed(const Caller& caller, const config::Settings& settings);

/// The caller of a per-user endpoint: 401 without a username, 403 as requireAllowed.
Caller requireUser(const Exchange& ex, AccessContext& context);

/// The user whose saved tracker tokens this caller may act with: their own, except an
/// admin account's, which only that admin, signed in, may use (the username cookie is
/// not authentication). "" when none.
std::string savedTokenOwner(const Caller& caller, AccessContext& context);

/// The admin-username rule: 2-50 characters, alphanumeric first, then letters, digits, '.', '_' or '-'.
bool isValidUsername(const std::string& username);

} // namespace bridge
} // namespace jji

#endif
