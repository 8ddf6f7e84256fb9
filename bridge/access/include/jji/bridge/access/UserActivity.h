#ifndef JJI_BRIDGE_ACCESS_USERACTIVITY_H
#define JJI_BRIDGE_ACCESS_USERACTIVITY_H

#include "jji/storage/Database.h"

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace jji {
namespace bridge {

/// Tracks users who act with a username (created_at on first sight, last_seen after),
/// writing at most once a minute per user so busy pages do not write on every request.
class UserActivity
{
public:
    explicit UserActivity(storage::Database& db) : _db(db) {}

    void seen(const std::string& username);

private:
    storage::Database& _db;
    std::mutex _mutex;
    std::map<std::string, std::chrono::steady_clock::time_point> _lastWrite;
};

} // namespace bridge
} // namespace jji

#endif
