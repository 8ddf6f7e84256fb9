#include "jji/bridge/http/Router.h"

#include <stdexcept>

namespace jji {
namespace bridge {

namespace {

std::vector<std::string> splitSegments(const std::string& path)
{
    std::vector<std::string> segments;
    std::size_t start = 0;
    if (!path.empty() && path[0] == '/')
        start = 1;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) {
            segments.push_back(path.substr(start));
            break;
        }
        segments.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return segments;
}

bool isParameter(const std::string& segment)
{
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

/// The rest of the path from segment index `from` (joined back with '/').
std::string restOfPath(const std::vector<std::string>& segments, std::size_t from)
{
    std::string rest;
    for (std::size_t i = from; i < segments.size(); ++i)
        rest += (i == from ? "" : "/") + segments[i];
    return rest;
}

} // namespace

void Router::add(Route route)
{
    auto segments = splitSegments(route.pathTemplate);
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& s = segments[i];
        bool pathParam = isParameter(s) && s.find(":path}") != std::string::npos;
        if (!pathParam)
            continue;
        for (std::size_t k = i + 1; k < segments.size(); ++k)
            if (isParameter(segments[k]))
                throw std::logic_error("only literal segments may follow {name:path}: " + route.pathTemplate);

    }
    _routes.push_back(std::move(route));
}

void Router::add(const std::string& method, const std::string& pathTemplate, Handler handler, const std::string& summary)
{
    add(Route{method, pathTemplate, std::move(handler), summary});
}

int Router::matchTemplate(const std::string& pathTemplate, const std::string& path, std::map<std::string, std::string>& params)
{
    const auto tmpl = splitSegments(pathTemplate);
    const auto parts = splitSegments(path);
    int score = 0;
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
        const std::string& t = tmpl[i];
        if (isParameter(t)) {
            std::string name = t.substr(1, t.size() - 2);
            auto colon = name.find(':');
            if (colon != std::string::npos && name.substr(colon + 1) == "path") {
                // Takes every segment up to the literal tail ("/api/jobs/{job_name:path}/metadata").
                const std::size_t tail = tmpl.size() - i - 1;
                if (parts.size() < i + 1 + tail)
                    return -1;
                for (std::size_t k = 0; k < tail; ++k) {
                    if (parts[parts.size() - tail + k] != tmpl[i + 1 + k])
                        return -1;
                    score += 2;
                }
                std::vector<std::string> middle(parts.begin(), parts.end() - static_cast<std::ptrdiff_t>(tail));
                std::string rest = restOfPath(middle, i);
                if (rest.empty())
                    return -1;
                params[name.substr(0, colon)] = rest;
                return score;
            }
            if (i >= parts.size() || parts[i].empty())
                return -1;
            params[name] = parts[i];
            continue;
        }
        if (i >= parts.size() || parts[i] != t)
            return -1;
        score += 2;
    }
    return tmpl.size() == parts.size() ? score + 1 : -1;
}

Router::Match Router::match(const std::string& method, const std::string& path) const
{
    Match best;
    int bestScore = -1;
    for (const auto& route : _routes) {
        std::map<std::string, std::string> params;
        int score = matchTemplate(route.pathTemplate, path, params);
        if (score < 0)
            continue;
        bool methodMatches = route.method == method || (method == "HEAD" && route.method == "GET");
        if (!methodMatches) {
            best.allowedMethods.insert(route.method);
            continue;
        }
        if (score > bestScore) {
            bestScore = score;
            best.route = &route;
            best.params = std::move(params);
        }
    }
    if (best.route)
        best.allowedMethods.clear();
    return best;
}

} // namespace bridge
} // namespace jji
