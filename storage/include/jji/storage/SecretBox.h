#ifndef JJI_STORAGE_SECRETBOX_H
#define JJI_STORAGE_SECRETBOX_H

#include "jji/config/Settings.h"

#include <array>
#include <stdexcept>
#include <string>

namespace jji {
namespace storage {

/// A secret could not be sealed or opened (wrong key, tampered or truncated text).
class SecretBoxError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Encrypts secrets kept at rest (stored request credentials, users' tracker tokens)
/// with AES-256-GCM: a fresh random nonce per message, authenticated, text-safe output
/// ("v1:" + base64(nonce | ciphertext | tag)).
class SecretBox
{
public:
    using Key = std::array<unsigned char, 32>;

    explicit SecretBox(const Key& key) : _key(key) {}

    /// The key from JJI_ENCRYPTION_KEY (base64 of 32 bytes, or any passphrase, which is
    /// hashed with SHA-256); when unset, from <dataDir>/encryption.key, created with 32
    /// random bytes and mode 0600 on first start. Several daemons sharing one PostgreSQL
    /// database must share the key, so set JJI_ENCRYPTION_KEY there.
    static SecretBox fromSettings(const config::Settings& settings);

    std::string seal(const std::string& plaintext) const;
    std::string open(const std::string& sealed) const;

private:
    Key _key;
};

} // namespace storage
} // namespace jji

#endif
