#include "jji/bridge/http/Router.h"

#include <stdexcept>

namespace jji {
namespace bridge {

namespace {

/// "/a/b/" -> {"a", "b", ""}: the leading slash skipped, empty segments kept.
template <typename Piece>
std::vector<Piece> splitSegments(std::string_view path)
{
    std::vector<Piece> segments;
    std::size_t start = !path.empty() && path[0] == '/' ? 1 : 0;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) {
            segments.emplace_back(path.substr(start));
            break;
        }
        segments.emplace_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return segments;
}

bool isParameter(const std::string& segment)
{
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

} // namespace

RouteDoc& Router::add(Route route)
{
    auto segments = splitSegments<std::string>(route.pathTemplate);
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& s = segments[i];
        bool pathParam = isParameter(s) && s.find(":path}") != std::string::npos;
        if (!pathParam)
            continue;
        for (std::size_t k = i + 1; k < segments.size(); ++k)
            if (isParameter(segments[k]))
                throw std::logic_error("only literal segments may follow {name:path}: " + route.pathTemplate);
    }
    if (route.pathTemplate.find('{') == std::string::npos)
        _literalRoutes[route.pathTemplate].push_back(_routes.size());
    if (route.doc.tag.empty())
        route.doc.tag = _group;
    _routes.push_back(std::move(route));
    _templates.push_back(std::move(segments));
    return _routes.back().doc;
}

RouteDoc& Router::add(const std::string& method, const std::string& pathTemplate, Handler handler, const std::string& summary)
{
    return add(Route{method, pathTemplate, std::move(handler), summary, {}});
}

void Router::group(std::string name, std::string description)
{
    _group = name;
    for (const RouteGroup& known : _groups)
        if (known.name == name)
            return;
    _groups.push_back({std::move(name), std::move(description)});
}

int Router::matchSegments(const Segments& tmpl, const std::vector<std::string_view>& parts,
                          std::map<std::string, std::string>* params)
{
    int score = 0;
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
        const std::string& t = tmpl[i];
        if (!isParameter(t)) {
            if (i >= parts.size() || parts[i] != t)
                return -1;
            score += 2;
            continue;
        }
        const std::string_view name(t.data() + 1, t.size() - 2);
        const std::size_t colon = name.find(':');
        if (colon != std::string_view::npos && name.substr(colon + 1) == "path") {
            // Takes every segment up to the literal tail ("/api/jobs/{job_name:path}/metadata").
            const std::size_t tail = tmpl.size() - i - 1;
            if (parts.size() < i + 1 + tail)
                return -1;
            for (std::size_t k = 0; k < tail; ++k) {
                if (parts[parts.size() - tail + k] != tmpl[i + 1 + k])
                    return -1;
                score += 2;
            }
            const std::size_t end = parts.size() - tail; // the middle: segments i .. end-1, joined back
            if (end <= i || (end == i + 1 && parts[i].empty()))
                return -1;
            if (params) {
                std::string rest;
                for (std::size_t k = i; k < end; ++k)
                    (rest += (k == i ? "" : "/")) += parts[k];
                (*params)[std::string(name.substr(0, colon))] = std::move(rest);
            }
            return score;
        }
        if (i >= parts.size() || parts[i].empty())
            return -1;
        if (params)
            (*params)[std::string(name)] = std::string(parts[i]);
    }
    return tmpl.size() == parts.size() ? score + 1 : -1;
}

Router::Match Router::match(const std::string& method, const std::string& path) const
{
    // A path equal to a template without parameters: nothing can score higher than it.
    const auto literal = _literalRoutes.find(path);
    if (literal != _literalRoutes.end()) {
        for (const std::size_t r : literal->second) {
            const Route& route = _routes[r];
            if (route.method == method || (method == "HEAD" && route.method == "GET")) {
                Match exact;
                exact.route = &route;
                return exact;
            }
        }
    }
    const std::vector<std::string_view> parts = splitSegments<std::string_view>(path);
    Match best;
    std::size_t bestIndex = 0;
    int bestScore = -1;
    for (std::size_t r = 0; r < _routes.size(); ++r) {
        const int score = matchSegments(_templates[r], parts, nullptr);
        if (score < 0)
            continue;
        const Route& route = _routes[r];
        const bool methodMatches = route.method == method || (method == "HEAD" && route.method == "GET");
        if (!methodMatches) {
            best.allowedMethods.insert(route.method);
            continue;
        }
        if (score > bestScore) {
            bestScore = score;
            bestIndex = r;
            best.route = &route;
        }
    }
    if (best.route) {
        matchSegments(_templates[bestIndex], parts, &best.params);
        best.allowedMethods.clear();
    }
    return best;
}

} // namespace bridge
} // namespace jji
