// libFuzzer target: the error signature normalizer (message and stack trace, split at the first NUL).
#include "jji/analysis/signature/ErrorSignature.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::size_t split = text.find('\0');
    const std::string message = text.substr(0, split);
    const std::string trace = split == std::string::npos ? "" : text.substr(split + 1);
    const std::string signature = jji::analysis::ErrorSignature::compute(message, trace);
    if (signature != jji::analysis::ErrorSignature::compute(message, trace))
        __builtin_trap(); // a signature must not depend on anything but its input
    return 0;
}
