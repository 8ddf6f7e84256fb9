#ifndef JJI_BRIDGE_ACCESS_ACCESSCONTEXT_H
#define JJI_BRIDGE_ACCESS_ACCESSCONTEXT_H

#include "jji/bridge/access/AuthThrottle.h"
#include "jji/bridge/access/UserActivity.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

namespace jji {
namespace bridge {

/// What access decisions read: the settings (admin key, allow list), the database of
/// users and sessions, the activity tracker and the guessing throttle. Borrowed from the application context,
/// so access control knows nothing of the routes above it.
struct AccessContext
{
    const config::Settings& settings;
    storage::Database& db;
    UserActivity& userActivity;
    AuthThrottle& throttle; ///< failed sign-ins and keys per client address and username
};

} // namespace bridge
} // namespace jji

#endif
