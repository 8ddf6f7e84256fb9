#include "jji/analysis/runtime/TargetPolicy.h"

#include <Poco/Exception.h>
#include <Poco/Net/DNS.h>
#include <Poco/Net/HostEntry.h>
#include <Poco/String.h>

#include <Poco/StringTokenizer.h>

#include <algorithm>

namespace jji {
namespace analysis {

namespace {

bool inV4Range(const Poco::Net::IPAddress& a, const char* network, unsigned prefix)
{
    const Poco::Net::IPAddress mask(prefix, Poco::Net::IPAddress::IPv4);
    return (a & mask) == (Poco::Net::IPAddress(network) & mask);
}

/// An IPv6 address that carries an IPv4 one (::ffff:a.b.c.d), as that IPv4 address.
bool embeddedV4(const Poco::Net::IPAddress& a, Poco::Net::IPAddress& v4)
{
    if (a.family() != Poco::Net::IPAddress::IPv6 || !a.isIPv4Mapped())
        return false;
    const auto* bytes = reinterpret_cast<const unsigned char*>(a.addr());
    v4 = Poco::Net::IPAddress(bytes + 12, 4);
    return true;
}

bool inCidr(const Poco::Net::IPAddress& a, const std::string& cidr)
{
    const auto slash = cidr.find('/');
    if (slash == std::string::npos)
        return false;
    Poco::Net::IPAddress network;
    if (!Poco::Net::IPAddress::tryParse(cidr.substr(0, slash), network) || network.family() != a.family())
        return false;
    try {
        const unsigned prefix = static_cast<unsigned>(std::stoul(cidr.substr(slash + 1)));
        const Poco::Net::IPAddress mask(prefix, a.family());
        return (a & mask) == (network & mask);
    } catch (const std::exception&) {
        return false;
    }
}

} // namespace

TargetPolicy::TargetPolicy(std::vector<std::string> allow, std::string setting)
    : _allow(std::move(allow)), _setting(std::move(setting))
{
    for (auto& entry : _allow)
        entry = Poco::toLower(Poco::trim(entry));
}

TargetPolicy TargetPolicy::forCallbacks(const config::Settings& settings)
{
    return TargetPolicy(settings.callbackAllowHosts, "JJI_CALLBACK_ALLOW_HOSTS");
}

TargetPolicy TargetPolicy::forFetches(const config::Settings& settings)
{
    std::vector<std::string> allow = settings.fetchAllowHosts;
    auto addHost = [&allow](const std::string& url) {
        try {
            const std::string host = Poco::URI(url).getHost();
            if (!host.empty())
                allow.push_back(host);
        } catch (const Poco::Exception&) {
        }
    };
    for (const std::string* url : {&settings.jenkinsUrl, &settings.jiraUrl, &settings.githubApiUrl,
                                   &settings.reportportalUrl, &settings.testsRepoUrl})
        addHost(*url);
    // ADDITIONAL_REPOS: "name:url[:ref][@token],..."; the URL starts after the first ':'.
    Poco::StringTokenizer entries(settings.additionalRepos, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& entry : entries)
        if (const auto colon = entry.find(':'); colon != std::string::npos)
            addHost(entry.substr(colon + 1));
    return TargetPolicy(std::move(allow), "JJI_FETCH_ALLOW_HOSTS");
}

bool TargetPolicy::isInternal(const Poco::Net::IPAddress& address)
{
    Poco::Net::IPAddress v4;
    if (embeddedV4(address, v4))
        return isInternal(v4);
    if (address.family() == Poco::Net::IPAddress::IPv4) {
        // RFC 6890 special-purpose blocks that are not the public internet.
        static const std::vector<std::pair<const char*, unsigned>> blocks{
            {"0.0.0.0", 8},      {"10.0.0.0", 8},    {"100.64.0.0", 10}, {"127.0.0.0", 8},   {"169.254.0.0", 16},
            {"172.16.0.0", 12},  {"192.0.0.0", 24},  {"192.168.0.0", 16}, {"198.18.0.0", 15}, {"224.0.0.0", 4},
            {"240.0.0.0", 4}};
        for (const auto& [network, prefix] : blocks)
            if (inV4Range(address, network, prefix))
                return true;
        return false;
    }
    const auto* bytes = reinterpret_cast<const unsigned char*>(address.addr());
    bool zeroPrefix = true; // ::/96: unspecified, loopback and IPv4-compatible addresses
    for (int i = 0; i < 12; ++i)
        zeroPrefix = zeroPrefix && bytes[i] == 0;
    if (zeroPrefix)
        return true;
    static const unsigned char nat64[12] = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    if (std::equal(nat64, nat64 + 12, bytes)) // 64:ff9b::/96 carries an IPv4 address
        return isInternal(Poco::Net::IPAddress(bytes + 12, 4));
    if (bytes[0] == 0x20 && bytes[1] == 0x02) // 2002::/16, 6to4: the IPv4 address follows
        return isInternal(Poco::Net::IPAddress(bytes + 2, 4));
    return (bytes[0] & 0xfe) == 0xfc                     // fc00::/7, unique local
           || (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80) // fe80::/10, link-local
           || (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0xc0) // fec0::/10, old site-local
           || bytes[0] == 0xff;                               // ff00::/8, multicast
}

bool TargetPolicy::allowsHostName(const std::string& host) const
{
    const std::string name = Poco::toLower(host);
    for (const auto& entry : _allow)
        if (entry == name)
            return true;
    return false;
}

bool TargetPolicy::allowsAddress(const Poco::Net::IPAddress& address) const
{
    for (const auto& entry : _allow) {
        Poco::Net::IPAddress listed;
        if (Poco::Net::IPAddress::tryParse(entry, listed) && listed == address)
            return true;
        if (inCidr(address, entry))
            return true;
    }
    return false;
}

std::string TargetPolicy::refusal(const Poco::URI& uri) const
{
    const std::string scheme = Poco::toLower(uri.getScheme());
    if (scheme != "http" && scheme != "https")
        return "only http and https URLs are allowed";
    const std::string host = uri.getHost();
    if (host.empty())
        return "the URL has no host";
    if (allowsHostName(host))
        return "";
    std::vector<Poco::Net::IPAddress> addresses;
    Poco::Net::IPAddress literal;
    if (Poco::Net::IPAddress::tryParse(host, literal)) {
        addresses.push_back(literal);
    } else {
        try {
            // Every A and AAAA record, whatever this host's own interfaces (no AI_ADDRCONFIG).
            const Poco::Net::HostEntry entry = Poco::Net::DNS::hostByName(host, 0);
            addresses = entry.addresses();
        } catch (const Poco::Exception&) {
            return "the host " + host + " cannot be resolved";
        }
    }
    for (const auto& address : addresses)
        if (isInternal(address) && !allowsAddress(address))
            return "the host " + host + " is an internal address (" + address.toString() + "); list it in " + _setting +
                   " to allow it";
    return "";
}

} // namespace analysis
} // namespace jji
