#ifndef JJI_ANALYSIS_NOTIFY_WEBPUSH_H
#define JJI_ANALYSIS_NOTIFY_WEBPUSH_H

#include "jji/config/Settings.h"

#include <memory>
#include <stdexcept>
#include <string>

namespace jji {
namespace analysis {

/// The VAPID keys are configured but unusable (malformed, or the public key does not
/// belong to the private one).
class WebPushKeyError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Web Push with OpenSSL: payloads encrypted per RFC 8291 (aes128gcm content coding,
/// ECDH P-256 + HKDF-SHA256 with the subscription's keys) and authorized per RFC 8292
/// (VAPID: an ES256 JWT signed with the server's key). VAPID_PRIVATE_KEY is the
/// base64url 32-byte private scalar; VAPID_PUBLIC_KEY its base64url uncompressed point.
class WebPush
{
public:
    /// True when all three VAPID settings are present.
    static bool configured(const config::Settings& settings);

    /// Why the daemon must not POST to this subscription endpoint ("" when it may): push
    /// services are public, so internal hosts need JJI_CALLBACK_ALLOW_HOSTS, as callbacks do.
    static std::string endpointRefusal(const std::string& endpoint, const config::Settings& settings);

    /// Loads and checks the keys; throws WebPushKeyError.
    explicit WebPush(const config::Settings& settings);
    ~WebPush();
    WebPush(const WebPush&) = delete;
    WebPush& operator=(const WebPush&) = delete;

    const std::string& publicKey() const { return _publicKey; }

    /// The request body for one message to a subscription.
    static std::string encrypt(const std::string& plaintext, const std::string& p256dh, const std::string& auth);

    /// "vapid t=<jwt>, k=<public key>" for an endpoint (aud = its origin, exp = 12 h).
    std::string authorization(const std::string& endpoint) const;

    /// POSTs the encrypted message; returns the push service's HTTP status (0 when
    /// unreachable). 404/410 mean the subscription is gone.
    int send(const std::string& endpoint, const std::string& p256dh, const std::string& auth,
             const std::string& payload) const;

private:
    struct Key;
    std::unique_ptr<Key> _key;
    std::string _publicKey;
    std::string _subject;
    std::string _caFile;
};

} // namespace analysis
} // namespace jji

#endif
