#ifndef JJI_BRIDGE_WEB_WEBPAGES_H
#define JJI_BRIDGE_WEB_WEBPAGES_H

#include "jji/bridge/http/Exchange.h"

#include <map>
#include <string>

namespace jji {
namespace bridge {

/// The Content-Security-Policy of every HTML page: scripts, styles and connections
/// from this origin only, no inline code, no framing.
extern const char* const kPageContentSecurityPolicy;

/// Sends the web UI shell for `page` (the script renders it from the REST API); `data`
/// becomes data-* attributes of <body> (escaped). Security headers included.
void sendPage(Exchange& ex, int status, const std::string& page, const std::map<std::string, std::string>& data = {});

/// The interactive API page (/docs): Swagger UI, embedded from the pinned npm package, on
/// /openapi.json, under the same security headers as every page.
void sendApiDocsPage(Exchange& ex);

/// A 302 to `location` (a path on this server).
void sendRedirect(Exchange& ex, const std::string& location);

/// Whether the client asks for HTML rather than JSON: its Accept names text/html before
/// (or without) application/json. API clients without an Accept header get JSON.
bool prefersHtml(const Exchange& ex);

/// Text safe inside HTML element content and quoted attribute values.
std::string escapeHtml(const std::string& text);

} // namespace bridge
} // namespace jji

#endif
