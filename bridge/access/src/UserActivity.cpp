#include "jji/bridge/access/UserActivity.h"

#include "jji/storage/UserStore.h"

#include <Poco/Logger.h>

namespace jji {
namespace bridge {

void UserActivity::seen(const std::string& username)
{
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard<std::mutex> lock(_mutex);
        auto it = _lastWrite.find(username);
        if (it != _lastWrite.end() && now - it->second < std::chrono::minutes(1))
            return;
        if (_lastWrite.size() > 100000)
            _lastWrite.clear(); // bounded: a flood of made-up names cannot grow it forever
        _lastWrite[username] = now;
    }
    try {
        storage::UserStore(_db).touch(username);
    } catch (const std::exception& e) {
        Poco::Logger::get("jji.users").warning("cannot record activity of %s: %s", username, std::string(e.what()));
    }
}

} // namespace bridge
} // namespace jji
