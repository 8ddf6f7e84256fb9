#include "jji/bridge/RouteTable.h"

#include "../routes/ServiceRoutes.h"

namespace jji {
namespace bridge {

void registerAllRoutes(Router& router, AppContext& context)
{
    registerServiceRoutes(router, context);
}

} // namespace bridge
} // namespace jji
