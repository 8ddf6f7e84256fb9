#ifndef JJI_BRIDGE_CALLER_H
#define JJI_BRIDGE_CALLER_H

#include "jji/bridge/Exchange.h"
#include "jji/config/Settings.h"

#include <string>

namespace jji {
namespace bridge {

/// Who is calling, as the spec's conventions define it: the `jji_username` cookie is
/// an unauthenticated username context (comments, reviews), and `Authorization: Bearer
/// <ADMIN_KEY>` makes the caller an admin (checked in constant time).
struct Caller
{
    std::string username;
    bool admin = false;

    static Caller of(const Exchange& ex, const config::Settings& settings);
};

/// 403 {"detail": "Admin access required"} unless the caller is an admin.
void requireAdmin(const Exchange& ex, const config::Settings& settings);

} // namespace bridge
} // namespace jji

#endif
