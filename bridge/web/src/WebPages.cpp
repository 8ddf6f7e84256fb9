#include "jji/bridge/web/WebPages.h"

#include "jji/bridge/web/WebAssets.h"

namespace jji {
namespace bridge {

const char* const kPageContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

namespace {

void securityHeaders(Exchange& ex)
{
    auto& response = ex.response();
    response.set("Content-Security-Policy", kPageContentSecurityPolicy);
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "same-origin");
    response.set("Cache-Control", "no-store");
}

/// Cache-busting query for the embedded assets, so a new binary's UI is never mixed
/// with a cached old one.
std::string assetVersion()
{
    auto app = findWebAsset("app.js");
    return app ? app->etag.substr(1, 12) : "0";
}

} // namespace

std::string escapeHtml(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

bool prefersHtml(const Exchange& ex)
{
    const std::string accept = ex.header("Accept");
    const std::size_t html = accept.find("text/html");
    if (html == std::string::npos)
        return false;
    const std::size_t json = accept.find("application/json");
    return json == std::string::npos || html < json;
}

void sendPage(Exchange& ex, int status, const std::string& page, const std::map<std::string, std::string>& data)
{
    const std::string version = assetVersion();
    std::string attributes = " data-page=\"" + escapeHtml(page) + "\"";
    for (const auto& [name, value] : data)
        attributes += " data-" + name + "=\"" + escapeHtml(value) + "\"";
    const std::string html =
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Job Insight</title>\n"
        "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
        "<link rel=\"stylesheet\" href=\"/static/app.css?v=" + version + "\">\n"
        "<script type=\"module\" src=\"/static/app.js?v=" + version + "\"></script>\n"
        "</head>\n<body" + attributes + ">\n"
        "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
        "<header id=\"top\" class=\"top\"></header>\n"
        "<main id=\"main\" tabindex=\"-1\"><p class=\"loading\">Loading…</p>"
        "<noscript>Job Insight's pages need JavaScript; the REST API works without it.</noscript></main>\n"
        "<div id=\"notice\" class=\"notice\" role=\"status\" aria-live=\"polite\"></div>\n"
        "</body>\n</html>\n";
    securityHeaders(ex);
    ex.sendText(status, "text/html; charset=utf-8", html);
}

void sendApiDocsPage(Exchange& ex)
{
    const std::string version = assetVersion();
    const std::string html =
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>Job Insight API</title>\n"
        "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
        "<link rel=\"stylesheet\" href=\"/static/docs/swagger-ui.css?v=" + version + "\">\n"
        "</head>\n<body>\n<div id=\"swagger-ui\"></div>\n"
        "<script src=\"/static/docs/swagger-ui-bundle.js?v=" + version + "\"></script>\n"
        "<script src=\"/static/api-docs.js?v=" + version + "\"></script>\n"
        "</body>\n</html>\n";
    securityHeaders(ex);
    ex.sendText(200, "text/html; charset=utf-8", html);
}

void sendRedirect(Exchange& ex, const std::string& location)
{
    securityHeaders(ex);
    ex.response().set("Location", location);
    ex.sendText(302, "text/plain; charset=utf-8", "See " + location + "\n");
}

} // namespace bridge
} // namespace jji
