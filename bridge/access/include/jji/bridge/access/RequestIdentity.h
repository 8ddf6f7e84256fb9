#ifndef JJI_BRIDGE_ACCESS_REQUESTIDENTITY_H
#define JJI_BRIDGE_ACCESS_REQUESTIDENTITY_H

#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/Router.h"

namespace jji {
namespace bridge {

struct AccessContext;

/// What happens to every routed request before its handler, as the original's middleware does:
/// - a caller with a username (SSO proxy or the jji_username cookie) is recorded as seen, so the
///   people list, mentions and saved tokens know them from their first visit;
/// - an SSO proxy user gets the jji_username cookie the web UI reads, and is sent from /register
///   to "/" (the proxy already named them);
/// - a browser asking for a page without any username is sent to /register (303) to choose one.
/// Health, metrics, the favicon, the service worker and static assets skip all of it.
/// Replies only on a redirect; the handler runs when nothing was sent.
void admitRequest(Exchange& ex, const Route& route, AccessContext& context);

} // namespace bridge
} // namespace jji

#endif
