#ifndef JJI_BRIDGE_VIEWS_APISCHEMAS_H
#define JJI_BRIDGE_VIEWS_APISCHEMAS_H

#include <Poco/JSON/Object.h>

namespace jji {
namespace bridge {

/// The JSON Schemas of the reply shapes /openapi.json names (components/schemas): the
/// FastAPI error shapes, the result envelope and its analysis, dashboard rows, comments,
/// capabilities and the other replies routes document with RouteDoc::answers. Request
/// bodies are not here: they are described from the routes' readers.
Poco::JSON::Object::Ptr apiSchemas();

} // namespace bridge
} // namespace jji

#endif
