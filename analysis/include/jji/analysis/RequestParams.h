#ifndef JJI_ANALYSIS_REQUESTPARAMS_H
#define JJI_ANALYSIS_REQUESTPARAMS_H

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// The request_params keys whose values are secrets and never leave the server.
const std::vector<std::string>& secretRequestKeys();

/// A deep copy of request_params with every secret removed: the spec's key list,
/// additional_repos[].token and callback_headers (which usually carry credentials).
Poco::JSON::Object::Ptr redactRequestParams(const Poco::JSON::Object::Ptr& params);

} // namespace analysis
} // namespace jji

#endif
