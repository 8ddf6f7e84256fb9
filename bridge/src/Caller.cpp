#include "jji/bridge/Caller.h"

#include "jji/bridge/HttpError.h"
#include "jji/bridge/SecretCompare.h"

#include <Poco/String.h>

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

} // namespace

Caller Caller::of(const Exchange& ex, const config::Settings& settings)
{
    Caller caller;
    caller.username = Poco::trim(ex.cookie("jji_username")).substr(0, kMaxUsernameChars);
    const std::string token = bearerToken(ex);
    caller.admin = !settings.adminKey.empty() && !token.empty() && secretsEqual(token, settings.adminKey);
    return caller;
}

void requireAdmin(const Exchange& ex, const config::Settings& settings)
{
    if (!Caller::of(ex, settings).admin)
        throw HttpError(403, "Admin access required");
}

} // namespace bridge
} // namespace jji
