#ifndef JJI_ANALYSIS_RUNTIME_TARGETPOLICY_H
#define JJI_ANALYSIS_RUNTIME_TARGETPOLICY_H

#include "jji/config/Settings.h"

#include <Poco/Net/IPAddress.h>
#include <Poco/URI.h>

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Where a URL that a caller named may lead the daemon. Loopback, link-local, private
/// (RFC 1918, unique local, shared 100.64/10), multicast, broadcast and unspecified
/// addresses are internal: a URL whose host is one, or resolves to one, is refused unless
/// the allow list names the host, the address, or a CIDR range holding it. Callbacks, pushes
/// and clones are checked right before connecting, so a name that re-resolves inside between
/// tries is caught; Jenkins and Jira URLs when the request arrives.
class TargetPolicy
{
public:
    /// `allow`: host names, addresses and CIDRs; `setting` names where they come from (for
    /// the refusal message).
    TargetPolicy(std::vector<std::string> allow, std::string setting);

    /// Callbacks: JJI_CALLBACK_ALLOW_HOSTS.
    static TargetPolicy forCallbacks(const config::Settings& settings);

    /// Other URLs a request names (jenkins_url, jira_url, repositories): JJI_FETCH_ALLOW_HOSTS
    /// and the hosts of the server's own configured URLs (Jenkins, Jira, GitHub API, Report
    /// Portal, tests and additional repositories).
    static TargetPolicy forFetches(const config::Settings& settings);

    /// "" when the daemon may connect to the URL's host, else why not (no userinfo, path or
    /// query in the text).
    std::string refusal(const Poco::URI& uri) const;

    /// Whether the allow list names this host (exactly, case-insensitively).
    bool allowsHostName(const std::string& host) const;

    static bool isInternal(const Poco::Net::IPAddress& address);

private:
    bool allowsAddress(const Poco::Net::IPAddress& address) const;

    std::vector<std::string> _allow;
    std::string _setting;
};

} // namespace analysis
} // namespace jji

#endif
