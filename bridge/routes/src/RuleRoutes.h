#ifndef JJI_BRIDGE_ROUTES_RULEROUTES_H
#define JJI_BRIDGE_ROUTES_RULEROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// The rules knowledge base, for admins (/api/rules...): rules that classify failures
/// without an AI call, and a dry run of a pattern over recent failures.
void registerRuleRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
