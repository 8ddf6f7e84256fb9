#ifndef JJI_BRIDGE_ROUTES_AIROUTES_H
#define JJI_BRIDGE_ROUTES_AIROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// The AI questions outside an analysis: GET /api/ai-models (models per provider, for
/// pickers) and POST /api/analyze-comment-intent (does a comment mean "reviewed"?).
void registerAiRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
