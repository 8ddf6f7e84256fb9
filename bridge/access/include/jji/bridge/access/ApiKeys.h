#ifndef JJI_BRIDGE_ACCESS_APIKEYS_H
#define JJI_BRIDGE_ACCESS_APIKEYS_H

#include <string>

namespace jji {
namespace bridge {

/// Admin API keys and session tokens: generated from OpenSSL's CSPRNG, stored only as
/// salted PBKDF2-HMAC-SHA256 hashes (keys) or SHA-256 digests (high-entropy session
/// tokens), and checked in constant time.
class ApiKeys
{
public:
    struct Hashed
    {
        std::string hash; ///< hex
        std::string salt; ///< hex
    };

    /// "jji_" + 43 base64url characters (32 random bytes).
    static std::string generate();
    static Hashed hash(const std::string& key);
    static bool verify(const std::string& key, const Hashed& stored);

    /// Digest under which a session token is stored (the token itself never is).
    static std::string sessionDigest(const std::string& token);
};

} // namespace bridge
} // namespace jji

#endif
