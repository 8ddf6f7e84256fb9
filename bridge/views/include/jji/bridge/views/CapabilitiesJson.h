#ifndef JJI_BRIDGE_VIEWS_CAPABILITIESJSON_H
#define JJI_BRIDGE_VIEWS_CAPABILITIESJSON_H

#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace jji {
namespace bridge {

/// The capabilities object shared by GET /api/capabilities and every result envelope.
Poco::JSON::Object::Ptr capabilitiesJson(const config::Settings& settings);

/// The same object as JSON text, written directly (every result served carries it).
std::string capabilitiesJsonText(const config::Settings& settings);

} // namespace bridge
} // namespace jji

#endif
