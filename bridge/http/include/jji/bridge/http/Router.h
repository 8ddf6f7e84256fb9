#ifndef JJI_BRIDGE_HTTP_ROUTER_H
#define JJI_BRIDGE_HTTP_ROUTER_H

#include "jji/bridge/http/RouteDoc.h"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jji {
namespace bridge {

class Exchange;

using Handler = std::function<void(Exchange&)>;
struct Route;
/// Runs before every matched route's handler; the handler is skipped when it replied.
using RouteGuard = std::function<void(Exchange&, const Route&)>;
/// Answers a request no route matches (a browser gets an HTML page); may leave it unsent
/// for the JSON 404.
using NotFoundHandler = std::function<void(Exchange&)>;

/// One registered endpoint. The template uses {name} for one path segment and
/// {name:path} for the rest of the path, slashes included (it must come last).
struct Route
{
    std::string method;
    std::string pathTemplate;
    Handler handler;
    std::string summary; ///< one line, for the route listing
    RouteDoc doc;        ///< what /openapi.json says of it besides the summary
};

/// A resource group of routes: the tag /openapi.json files them under.
struct RouteGroup
{
    std::string name;
    std::string description;
};

/// Maps (method, path) to a route. Tells "no such path" (404) from "path exists,
/// other method" (405, with the allowed methods). Literal segments win over
/// parameters when several templates match.
class Router
{
public:
    struct Match
    {
        const Route* route = nullptr;
        std::map<std::string, std::string> params;
        std::set<std::string> allowedMethods; ///< non-empty when the path matched but the method did not
    };

    /// Adds a route, in the current group; answers its documentation to fill in (valid until
    /// the next add: fill it in the same statement).
    RouteDoc& add(Route route);
    RouteDoc& add(const std::string& method, const std::string& pathTemplate, Handler handler, const std::string& summary = "");

    /// Routes added from now on belong to this group (named again: the description given first stays).
    void group(std::string name, std::string description = "");
    const std::vector<RouteGroup>& groups() const { return _groups; }

    Match match(const std::string& method, const std::string& path) const;

    const std::vector<Route>& routes() const { return _routes; }

    void setGuard(RouteGuard guard) { _guard = std::move(guard); }
    const RouteGuard& guard() const { return _guard; }
    void setNotFound(NotFoundHandler handler) { _notFound = std::move(handler); }
    const NotFoundHandler& notFound() const { return _notFound; }

private:
    /// A route's template, split once when it is added (a request splits only its path).
    using Segments = std::vector<std::string>;

    /// A specificity score (higher = more literal) or -1 when the template does not match;
    /// fills `params` when given (only the winner's are wanted).
    static int matchSegments(const Segments& pathTemplate, const std::vector<std::string_view>& path,
                             std::map<std::string, std::string>* params);

    std::vector<Route> _routes;
    std::vector<RouteGroup> _groups;
    std::string _group; ///< the group routes are added to
    RouteGuard _guard;
    NotFoundHandler _notFound;
    std::vector<Segments> _templates; ///< per route, same index
    /// Templates without parameters, by their exact text: the common case needs no scan.
    std::unordered_map<std::string, std::vector<std::size_t>> _literalRoutes;
};

} // namespace bridge
} // namespace jji

#endif
