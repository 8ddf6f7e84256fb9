#include "WebRoutes.h"

#include "jji/bridge/routes/AppContext.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/HttpError.h"
#include "jji/bridge/http/Router.h"
#include "jji/bridge/web/WebAssets.h"
#include "jji/bridge/web/WebPages.h"

namespace jji {
namespace bridge {

namespace {

void serveAsset(Exchange& ex, const std::string& name, const std::string& cacheControl)
{
    auto asset = findWebAsset(name);
    if (!asset)
        throw HttpError(404, "No such asset: " + name);
    auto& response = ex.response();
    response.set("ETag", asset->etag);
    response.set("Cache-Control", cacheControl);
    response.set("X-Content-Type-Options", "nosniff");
    if (ex.header("If-None-Match") == asset->etag) {
        ex.sendText(304, asset->contentType, "");
        return;
    }
    ex.sendText(200, asset->contentType, std::string(asset->content));
}

/// A page without path parameters.
void addPage(Router& router, const char* path, const char* page, const char* summary)
{
    const std::string name = page;
    router.add("GET", path, [name](Exchange& ex) { sendPage(ex, 200, name); }, summary).answers(200, "", "text/html");
}

} // namespace

void registerWebRoutes(Router& router, AppContext&)
{
    addPage(router, "/", "dashboard", "Web UI: dashboard of the newest analyses");
    addPage(router, "/history", "history", "Web UI: failure history search");
    addPage(router, "/login", "login", "Web UI: admin sign-in");
    addPage(router, "/profile", "profile", "Web UI: username, saved tracker tokens, push notifications");
    addPage(router, "/register", "profile", "Web UI: choose a username (where a browser without one is sent)");
    addPage(router, "/mentions", "mentions", "Web UI: mentions inbox");
    addPage(router, "/admin/users", "admin-users", "Web UI: admin users");
    addPage(router, "/admin/token-usage", "admin-token-usage", "Web UI: AI token usage");
    addPage(router, "/admin/rules", "admin-rules", "Web UI: the rules knowledge base");
    addPage(router, "/new", "new-analysis", "Web UI: start an analysis of a Jenkins build or a JUnit XML report");
    // An unknown path in a browser is a page too (API clients keep the JSON 404).
    router.setNotFound([](Exchange& ex) {
        if (ex.method() == "GET" && prefersHtml(ex))
            sendPage(ex, 404, "not-found", {{"what", "page at " + ex.path()}});
    });
    router.add("GET", "/status/{job_id}", [](Exchange& ex) {
        sendPage(ex, 200, "status", {{"job-id", ex.pathParam("job_id")}});
    }, "Web UI: live progress of an analysis").answers(200, "", "text/html");
    router.add("GET", "/history/job/{job_name:path}", [](Exchange& ex) {
        sendPage(ex, 200, "job-stats", {{"job-name", ex.pathParam("job_name")}});
    }, "Web UI: failure statistics and trend of a job").answers(200, "", "text/html");
    // Assets are revalidated (ETag) rather than cached blind: pages name them with a version query anyway.
    router.add("GET", "/static/{file:path}", [](Exchange& ex) { serveAsset(ex, ex.pathParam("file"), "no-cache"); },
               "Web UI: embedded static assets")
        .answers(200, "", "application/octet-stream").answers(304).fails({404});
    router.add("GET", "/docs", [](Exchange& ex) { sendApiDocsPage(ex); }, "Interactive API documentation (Swagger UI)")
        .answers(200, "", "text/html");
    // Browsers ask for it on their own; the original answers an SVG icon cached for a day.
    router.add("GET", "/favicon.ico", [](Exchange& ex) { serveAsset(ex, "favicon.svg", "public, max-age=86400"); },
               "Web UI: the icon browsers ask for")
        .answers(200, "", "image/svg+xml").answers(304);
    router.add("GET", "/sw.js", [](Exchange& ex) { serveAsset(ex, "sw.js", "no-cache"); },
               "Web UI: service worker for push notifications")
        .answers(200, "", "text/javascript").answers(304);
}

} // namespace bridge
} // namespace jji
