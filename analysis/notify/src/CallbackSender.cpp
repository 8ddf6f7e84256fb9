#include "jji/analysis/notify/CallbackSender.h"

#include "jji/analysis/runtime/HttpSession.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <Poco/String.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <thread>

namespace jji {
namespace analysis {

namespace {


} // namespace

std::string CallbackSender::headerProblem(const std::string& name, const std::string& value)
{
    static const std::string tokenExtra = "!#$%&'*+-.^_`|~";
    if (name.empty())
        return "not a valid HTTP header name";
    for (unsigned char c : name)
        if (!std::isalnum(c) && tokenExtra.find(static_cast<char>(c)) == std::string::npos)
            return "not a valid HTTP header name";
    if (value.find_first_of(std::string("\r\n\0", 3)) != std::string::npos)
        return "a header value must not contain CR, LF or NUL";
    static const std::vector<std::string> reserved{"host", "content-length", "transfer-encoding", "connection", "expect",
                                                   "te", "trailer", "upgrade", "keep-alive", "content-type"};
    if (std::find(reserved.begin(), reserved.end(), Poco::toLower(name)) != reserved.end())
        return "the " + name + " header is set by the daemon";
    return "";
}

bool CallbackSender::deliver(const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
                             const std::string& jsonBody, const TargetPolicy& targets, const Policy& policy)
{
    Poco::Logger& log = Poco::Logger::get("jji.callback");
    std::string headerNames; // names only: values are secrets
    for (const auto& [name, value] : headers) {
        if (const std::string problem = headerProblem(name, value); !problem.empty()) {
            log.error("callback not sent: a header cannot be sent (%s)", problem);
            return false;
        }
        headerNames += (headerNames.empty() ? "" : ", ") + name;
    }
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception&) {
        log.error("callback URL is invalid");
        return false;
    }
    // No userinfo and no query: either may hold credentials.
    const std::string where = uri.getScheme() + "://" + uri.getHost() + ":" + std::to_string(uri.getPort()) + uri.getPath();
    auto delay = policy.firstDelay;
    for (int attempt = 1; attempt <= policy.attempts; ++attempt) {
        std::string outcome;
        try {
            if (const std::string refused = targets.refusal(uri); !refused.empty())
                throw Poco::Net::NetException("target refused: " + refused);
            int status = postJsonOnce(uri, headers, jsonBody, policy.timeoutSeconds);
            if (status >= 200 && status < 300) {
                log.information("callback to %s attempt %d/%d: HTTP %d (headers: %s)", where, attempt, policy.attempts,
                                status, headerNames);
                return true;
            }
            outcome = "HTTP " + std::to_string(status);
        } catch (const Poco::Exception& e) {
            outcome = e.displayText();
        }
        log.warning("callback to %s attempt %d/%d failed: %s (headers: %s)", where, attempt, policy.attempts, outcome,
                    headerNames);
        if (attempt < policy.attempts) {
            std::this_thread::sleep_for(delay);
            delay *= 2;
        }
    }
    return false;
}

} // namespace analysis
} // namespace jji
