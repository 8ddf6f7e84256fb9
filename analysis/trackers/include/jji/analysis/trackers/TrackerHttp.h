#ifndef JJI_ANALYSIS_TRACKERS_TRACKERHTTP_H
#define JJI_ANALYSIS_TRACKERS_TRACKERHTTP_H

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace jji {
namespace analysis {

/// Why a tracker (GitHub, Jira, Report Portal) operation did not happen. The message is
/// fit for a response: it never carries a credential.
class TrackerError : public std::runtime_error
{
public:
    enum class Kind
    {
        Disabled,     ///< the feature is switched off on this server (403)
        Config,       ///< something needed is configured nowhere (400)
        Unauthorized, ///< the tracker refused the credentials (401)
        Upstream,     ///< the tracker answered with an error or something unreadable (502)
        Unreachable   ///< no answer at all (502)
    };
    TrackerError(Kind kind, const std::string& message, int upstreamStatus = 0)
        : std::runtime_error(message), _kind(kind), _upstreamStatus(upstreamStatus)
    {
    }
    Kind kind() const { return _kind; }
    int upstreamStatus() const { return _upstreamStatus; }

private:
    Kind _kind;
    int _upstreamStatus;
};

/// One issue, bug or pull request as a tracker reports it.
struct TrackerIssue
{
    long long number = 0; ///< GitHub number; 0 on Jira
    std::string key;      ///< Jira key; "" on GitHub
    std::string title;
    std::string url;
    std::string status;   ///< GitHub: open/closed/merged; Jira: the status name
    std::string priority; ///< Jira priority name
    std::string description; ///< plain text, as searches return it (GitHub body, Jira description)
};

/// A tracker's successful answer.
struct TrackerReply
{
    int status = 0;
    Poco::Dynamic::Var json; ///< empty when the body was empty

    Poco::JSON::Object::Ptr object() const; ///< null unless the body is a JSON object
    Poco::JSON::Array::Ptr array() const;   ///< null unless the body is a JSON array
};

/// JSON over HTTP(S) to one tracker: base URL, headers (auth) and TLS verification set
/// once, then one call per request. Non-2xx answers become TrackerError (401 is
/// Unauthorized) with the tracker's own error text, every failure is counted in
/// jji_tracker_errors_total{tracker, kind}, and bodies are read up to a size cap and a
/// whole-reply deadline (twice the timeout), so a slow-dripping server cannot hold a thread.
class TrackerHttp
{
public:
    /// `tracker` names it in messages ("GitHub", "Jira", "Report Portal").
    TrackerHttp(std::string tracker, std::string baseUrl, bool sslVerify = true, int timeoutSeconds = 30);

    /// A header sent with every request; `secret` values are scrubbed from any message.
    void header(const std::string& name, const std::string& value, bool secret = false);
    /// Another text never to repeat in a message (the raw token inside an auth header).
    void secret(const std::string& value);

    TrackerReply send(const std::string& method, const std::string& pathAndQuery,
                      const Poco::Dynamic::Var& body = Poco::Dynamic::Var()) const;
    TrackerReply get(const std::string& pathAndQuery) const { return send("GET", pathAndQuery); }

    const std::string& baseUrl() const { return _baseUrl; }

    /// Percent-encodes a query parameter value.
    static std::string encode(const std::string& value);

private:
    TrackerError fail(TrackerError::Kind kind, const std::string& message, int status) const;

    std::string _tracker;
    std::string _baseUrl;
    std::string _shownUrl; ///< the base URL without user info, for messages
    bool _sslVerify;
    int _timeoutSeconds;
    std::vector<std::pair<std::string, std::string>> _headers;
    std::vector<std::string> _secrets;
};

} // namespace analysis
} // namespace jji

#endif
