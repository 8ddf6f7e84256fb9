#ifndef JJI_CLI_SESSIONSTORE_H
#define JJI_CLI_SESSIONSTORE_H

#include <optional>
#include <string>

namespace jji {
namespace cli {

struct StoredSession
{
    std::string username;
    std::string token;   ///< the server's jji_session cookie, never the admin key
    std::string expires; ///< as the server set it (for `auth whoami`)
};

/// Sessions from `jji auth login`, one per server URL, in
/// $XDG_STATE_HOME/jji/sessions.json (~/.local/state/jji/sessions.json): the directory
/// 0700, the file 0600, written whole through a temporary file.
class SessionStore
{
public:
    static std::string path();
    static std::optional<StoredSession> find(const std::string& serverUrl);
    static void save(const std::string& serverUrl, const StoredSession& session);
    /// Whether there was one to remove.
    static bool remove(const std::string& serverUrl);
};

} // namespace cli
} // namespace jji

#endif
