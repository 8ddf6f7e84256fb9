#ifndef JJI_ANALYSIS_RUNTIME_HTTPSESSION_H
#define JJI_ANALYSIS_RUNTIME_HTTPSESSION_H

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/URI.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace jji {
namespace analysis {

/// A client session for an http:// or https:// URI. With `sslVerify` the peer's
/// certificate must chain to the system CAs (or to `caFile` when given); without it
/// any certificate is accepted (the *_SSL_VERIFY=false settings).
std::unique_ptr<Poco::Net::HTTPClientSession> openHttpSession(const Poco::URI& uri, bool sslVerify = true,
                                                              const std::string& caFile = "");

/// The TLS client context openHttpSession uses (SSL initialised once), for other TLS
/// clients such as an SMTP session after STARTTLS: the same verification rules.
Poco::Net::Context::Ptr tlsClientContext(bool sslVerify = true, const std::string& caFile = "");

/// One JSON POST (result callbacks, alert webhooks); the reply is read and dropped. Returns
/// the HTTP status; throws Poco::Exception when the host cannot be reached.
int postJsonOnce(const Poco::URI& uri, const std::vector<std::pair<std::string, std::string>>& headers,
                 const std::string& body, int timeoutSeconds);

/// The value of an "Authorization: Basic" header for user and secret.
std::string basicAuthorization(const std::string& user, const std::string& secret);


} // namespace analysis
} // namespace jji

#endif
