#ifndef JJI_BRIDGE_ROUTES_USERROUTES_H
#define JJI_BRIDGE_ROUTES_USERROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// Login state (/api/auth/...), the caller's saved tracker tokens (/api/user/tokens)
/// and mentions (/api/users/...).
void registerUserRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
