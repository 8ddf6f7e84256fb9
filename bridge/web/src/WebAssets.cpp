#include "jji/bridge/web/WebAssets.h"

#include <Poco/SHA2Engine.h>

#include <mutex>

namespace jji {
namespace bridge {

namespace {

std::string contentTypeOf(const std::string& name)
{
    const std::string ext = name.substr(name.find_last_of('.') + 1);
    if (ext == "js")
        return "text/javascript; charset=utf-8";
    if (ext == "css")
        return "text/css; charset=utf-8";
    if (ext == "svg")
        return "image/svg+xml";
    if (ext == "json" || ext == "webmanifest")
        return "application/manifest+json";
    if (ext == "png")
        return "image/png";
    return "application/octet-stream";
}

} // namespace

std::optional<WebAsset> findWebAsset(const std::string& name)
{
    static const std::map<std::string, WebAsset> assets = [] {
        std::map<std::string, WebAsset> out;
        for (const auto& [file, content] : embeddedFiles()) {
            Poco::SHA2Engine sha;
            sha.update(content.data(), static_cast<unsigned>(content.size()));
            out[file] = {content, contentTypeOf(file), "\"" + Poco::DigestEngine::digestToHex(sha.digest()).substr(0, 32) + "\""};
        }
        return out;
    }();
    auto found = assets.find(name);
    if (found == assets.end())
        return std::nullopt;
    return found->second;
}

} // namespace bridge
} // namespace jji
