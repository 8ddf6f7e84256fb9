#ifndef JJI_ANALYSIS_MODEL_REQUESTPARAMS_H
#define JJI_ANALYSIS_MODEL_REQUESTPARAMS_H

#include "jji/config/Settings.h"

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

/// Splits request params into what may be stored in the result (the redacted copy) and
/// the secrets (a JSON object of the secret keys, plus "additional_repo_tokens" by repo
/// name), which are stored sealed so a resumed job can reach Jenkins again.
struct SplitRequestParams
{
    Poco::JSON::Object::Ptr visible;
    Poco::JSON::Object::Ptr secrets; ///< empty object when the request had none
};
SplitRequestParams splitRequestParams(const Poco::JSON::Object::Ptr& params);

/// The inverse of splitRequestParams: a copy of `visible` with the secrets put back.
Poco::JSON::Object::Ptr joinRequestParams(const Poco::JSON::Object::Ptr& visible, const Poco::JSON::Object::Ptr& secrets);

/// Applies re-analysis overrides to stored params (in place): each override replaces
/// its field. When an override points a URL elsewhere (jenkins_url, jira_url,
/// tests_repo_url), the stored credentials for the old URL are dropped unless the
/// overrides bring their own, so stored tokens never travel to a host the caller picked.
void applyOverrides(Poco::JSON::Object::Ptr params, const Poco::JSON::Object::Ptr& overrides);

/// Completes the visible request_params with the server's values for what the request left
/// out, so a result shows the whole request as it ran (as the original keeps it, and as a
/// re-analysis form needs it): the AI and repository keys for every analysis, the Jenkins,
/// polling, artifact and Jira keys for a Jenkins-backed one. Secrets are never added.
void addEffectiveRequestParams(Poco::JSON::Object::Ptr visible, const config::Settings& settings, bool jenkinsBacked);

/// A deep copy of a JSON object.
Poco::JSON::Object::Ptr copyJson(const Poco::JSON::Object::Ptr& object);

} // namespace analysis
} // namespace jji

#endif
