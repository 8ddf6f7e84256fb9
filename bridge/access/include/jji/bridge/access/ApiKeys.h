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
        std::string lookup; ///< lookupDigest(key): finds the stored hash without trying them all
    };

    /// "jji_" + 43 base64url characters (32 random bytes).
    static std::string generate();
    static Hashed hash(const std::string& key);
    static bool verify(const std::string& key, const Hashed& stored);
    /// A hash no key matches: verified against when there is no stored one, so a check
    /// takes the same time whether or not the user or key exists.
    static const Hashed& unmatchable();

    /// Digest under which a session token is stored (the token itself never is).
    static std::string sessionDigest(const std::string& token);

    /// SHA-256 of a key under its own domain label: the index its admin is found by. Keys
    /// are 256 random bits, so the digest tells nothing usable about the key.
    static std::string lookupDigest(const std::string& key);
};

} // namespace bridge
} // namespace jji

#endif
