#include "jji/bridge/access/ApiKeys.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <stdexcept>

namespace jji {
namespace bridge {

namespace {

// Keys are long and random when generated; the work factor protects custom keys
// (>= 16 characters) a little more if the table leaks, at ~2 ms per check.
constexpr int kIterations = 10000;

std::string hex(const unsigned char* data, std::size_t size)
{
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 15];
    }
    return out;
}

std::string randomBytes(std::size_t n)
{
    std::string bytes(n, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&bytes[0]), static_cast<int>(n)) != 1)
        throw std::runtime_error("the system random generator failed");
    return bytes;
}

std::string pbkdf2(const std::string& key, const std::string& saltHex)
{
    unsigned char out[32];
    if (PKCS5_PBKDF2_HMAC(key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(saltHex.data()),
                          static_cast<int>(saltHex.size()), kIterations, EVP_sha256(), sizeof(out), out) != 1)
        throw std::runtime_error("key hashing failed");
    return hex(out, sizeof(out));
}

} // namespace

std::string ApiKeys::generate()
{
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const std::string bytes = randomBytes(32);
    std::string key = "jji_";
    // base64url without padding: 6 bits per character.
    unsigned int buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 6) {
            key += alphabet[(buffer >> (bits - 6)) & 63];
            bits -= 6;
        }
    }
    if (bits > 0)
        key += alphabet[(buffer << (6 - bits)) & 63];
    return key;
}

ApiKeys::Hashed ApiKeys::hash(const std::string& key)
{
    const std::string salt = randomBytes(16);
    Hashed h;
    h.salt = hex(reinterpret_cast<const unsigned char*>(salt.data()), salt.size());
    h.hash = pbkdf2(key, h.salt);
    h.lookup = lookupDigest(key);
    return h;
}

bool ApiKeys::verify(const std::string& key, const Hashed& stored)
{
    if (stored.hash.empty() || stored.salt.empty())
        return false;
    const std::string computed = pbkdf2(key, stored.salt);
    return computed.size() == stored.hash.size() && CRYPTO_memcmp(computed.data(), stored.hash.data(), computed.size()) == 0;
}

std::string ApiKeys::sessionDigest(const std::string& token)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest);
    return hex(digest, sizeof(digest));
}

const ApiKeys::Hashed& ApiKeys::unmatchable()
{
    static const Hashed nobody = hash(generate());
    return nobody;
}

std::string ApiKeys::lookupDigest(const std::string& key)
{
    return sessionDigest("jji-admin-key-lookup:" + key);
}

} // namespace bridge
} // namespace jji
