#ifndef JJI_ANALYSIS_NOTIFY_CALLBACKSENDER_H
#define JJI_ANALYSIS_NOTIFY_CALLBACKSENDER_H

#include "jji/analysis/runtime/TargetPolicy.h"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace jji {
namespace analysis {

/// POSTs a finished job's result to the caller's callback_url with its
/// callback_headers, retrying with exponential backoff (1x, 2x, 4x the first delay).
/// Each attempt is logged with the URL's scheme, host and path and the outcome, never with
/// its userinfo, its query or the headers' values (they usually carry credentials). Before
/// every attempt the target is checked against `targets` (after DNS resolution); redirects
/// are not followed, and a header with CR, LF or NUL is never sent.
class CallbackSender
{
public:
    struct Policy
    {
        int attempts = 3;
        std::chrono::milliseconds firstDelay{std::chrono::seconds(2)};
        int timeoutSeconds = 30;
    };

    /// Why a callback header cannot be sent ("" when it can): not an RFC 9110 token name,
    /// CR/LF/NUL in the value, or a name that frames or routes the request (Host,
    /// Content-Length, Transfer-Encoding, ...), which the daemon alone sets.
    static std::string headerProblem(const std::string& name, const std::string& value);

    /// True when an attempt got a 2xx answer.
    static bool deliver(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                        const std::string& jsonBody, const TargetPolicy& targets, const Policy& policy);
};

} // namespace analysis
} // namespace jji

#endif
