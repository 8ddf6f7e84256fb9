#ifndef JJI_BRIDGE_VIEWS_OPENAPI_H
#define JJI_BRIDGE_VIEWS_OPENAPI_H

#include "jji/bridge/http/Router.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace jji {
namespace bridge {

/// The OpenAPI 3.1 document of every route registered in `router`, built from the
/// route table itself so the description cannot drift from what is served: one
/// operation per (method, template) with its summary and path parameters
/// ("{name:path}" becomes "{name}", a parameter that may contain slashes).
Poco::JSON::Object::Ptr openApiDocument(const Router& router, const std::string& version);

/// The OpenAPI path of a route template ("/history/test/{test_name:path}" -> "/history/test/{test_name}").
std::string openApiPath(const std::string& pathTemplate);

} // namespace bridge
} // namespace jji

#endif
