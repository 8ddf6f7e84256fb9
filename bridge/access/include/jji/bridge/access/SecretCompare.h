#ifndef JJI_BRIDGE_ACCESS_SECRETCOMPARE_H
#define JJI_BRIDGE_ACCESS_SECRETCOMPARE_H

#include <string>

namespace jji {
namespace bridge {

/// Compares a presented secret with the expected one in constant time: both are hashed
/// (SHA-256) and the digests compared with CRYPTO_memcmp, so neither the content nor
/// the length of the expected secret leaks through timing.
bool secretsEqual(const std::string& presented, const std::string& expected);

} // namespace bridge
} // namespace jji

#endif
