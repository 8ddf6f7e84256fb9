#ifndef JJI_BRIDGE_ROUTES_FEEDBACKROUTES_H
#define JJI_BRIDGE_ROUTES_FEEDBACKROUTES_H

namespace jji {
namespace bridge {

class Router;
struct AppContext;

/// POST /api/feedback/preview and /api/feedback/create: the web UI's feedback, drafted by the
/// AI and filed as a GitHub issue on JJI_FEEDBACK_REPO_URL.
void registerFeedbackRoutes(Router& router, AppContext& context);

} // namespace bridge
} // namespace jji

#endif
