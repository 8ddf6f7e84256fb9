#include "jji/bridge/access/SecretCompare.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

namespace jji {
namespace bridge {

bool secretsEqual(const std::string& presented, const std::string& expected)
{
    unsigned char a[SHA256_DIGEST_LENGTH], b[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(presented.data()), presented.size(), a);
    SHA256(reinterpret_cast<const unsigned char*>(expected.data()), expected.size(), b);
    return CRYPTO_memcmp(a, b, sizeof(a)) == 0;
}

} // namespace bridge
} // namespace jji
