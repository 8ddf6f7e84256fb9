#include "ServiceRoutes.h"

#include "jji/bridge/AppContext.h"
#include "jji/bridge/CapabilitiesJson.h"
#include "jji/bridge/Exchange.h"
#include "jji/bridge/Router.h"

namespace jji {
namespace bridge {

void registerServiceRoutes(Router& router, AppContext& context)
{
    router.add("GET", "/health", [&context](Exchange& ex) {
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        if (context.db.ping()) {
            body->set("status", "healthy");
            ex.sendJson(200, body);
            return;
        }
        body->set("status", "unhealthy");
        body->set("detail", "database unreachable");
        ex.sendJson(503, body);
    }, "Health check (503 when the database is unreachable)");

    router.add("GET", "/api/capabilities", [&context](Exchange& ex) {
        ex.sendJson(200, capabilitiesJson(context.settings));
    }, "Server feature toggles and credential availability");
}

} // namespace bridge
} // namespace jji
