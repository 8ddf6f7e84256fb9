#ifndef JJI_BRIDGE_WEB_WEBASSETS_H
#define JJI_BRIDGE_WEB_WEBASSETS_H

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace jji {
namespace bridge {

/// The files of bridge/web/assets, compiled into the binary (generated source).
const std::map<std::string, std::string_view>& embeddedFiles();

/// One embedded web asset ready to serve.
struct WebAsset
{
    std::string_view content;
    std::string contentType;
    std::string etag; ///< quoted strong validator of the content
};

/// The asset named `name` ("app.js"), or nullopt.
std::optional<WebAsset> findWebAsset(const std::string& name);

} // namespace bridge
} // namespace jji

#endif
