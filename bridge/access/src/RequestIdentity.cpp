#include "jji/bridge/access/RequestIdentity.h"

#include "jji/bridge/access/AccessContext.h"
#include "jji/bridge/access/Caller.h"

#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/String.h>

#include <array>
#include <string_view>

namespace jji {
namespace bridge {

namespace {

bool isPublic(const std::string& pathTemplate)
{
    static constexpr std::array<std::string_view, 7> kPublic = {
        "/health", "/api/health", "/metrics", "/favicon.ico", "/sw.js", "/static/{file:path}", "/openapi.json"};
    for (const auto& path : kPublic)
        if (pathTemplate == path)
            return true;
    return false;
}

/// Pages a browser without a username may still open: choosing one, and the admin sign-in.
bool opensWithoutUsername(const std::string& path)
{
    return path == "/register" || path == "/login" || path == "/docs" || path.rfind("/api/", 0) == 0;
}

/// A browser's Accept: HTML named, and before JSON (a client asking for both, JSON first, gets JSON).
bool wantsPage(const std::string& accept)
{
    const std::size_t html = accept.find("text/html");
    const std::size_t json = accept.find("application/json");
    return html != std::string::npos && (json == std::string::npos || html < json);
}

void redirect(Exchange& ex, const std::string& location)
{
    ex.response().set("Location", location);
    ex.response().set("Cache-Control", "no-store");
    ex.sendText(303, "text/plain; charset=utf-8", "See " + location + "\n");
}

void setUsernameCookie(Exchange& ex, const config::Settings& settings, const std::string& username)
{
    Poco::Net::HTTPCookie cookie("jji_username", username);
    cookie.setPath("/");
    cookie.setMaxAge(365 * 24 * 3600);
    cookie.setSecure(settings.secureCookies);
    cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_LAX); // the web UI reads it: not HttpOnly
    ex.response().addCookie(cookie);
}

} // namespace

void admitRequest(Exchange& ex, const Route& route, AccessContext& context)
{
    if (isPublic(route.pathTemplate))
        return;
    const std::string proxied = proxyUser(ex, context.settings);
    std::string username = proxied;
    if (!proxied.empty()) {
        if (ex.cookie("jji_username") != proxied)
            setUsernameCookie(ex, context.settings, proxied);
    } else {
        username = Poco::trim(ex.cookie("jji_username"));
        if (Poco::icompare(username, "admin") == 0)
            username.clear();
    }
    // Made-up names that break the username rule are not recorded (they could not register either).
    if (isValidUsername(username))
        context.userActivity.seen(username);

    const bool signedIn = !ex.cookie("jji_session").empty() || !ex.header("Authorization").empty();
    if (ex.method() != "GET" && ex.method() != "HEAD")
        return;
    if (!proxied.empty() && ex.path() == "/register" && !signedIn) {
        redirect(ex, "/");
        return;
    }
    if (username.empty() && !signedIn && !opensWithoutUsername(ex.path()) && wantsPage(ex.header("Accept")))
        redirect(ex, "/register");
}

} // namespace bridge
} // namespace jji
