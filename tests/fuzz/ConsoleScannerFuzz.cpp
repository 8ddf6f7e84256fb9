// libFuzzer target: console logs, fed in uneven chunks as they arrive from Jenkins.
#include "jji/analysis/jenkins/ConsoleScanner.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    jji::analysis::ConsoleScanner scanner(256, 512); // small bounds reach the trimming paths
    const char* text = reinterpret_cast<const char*>(data);
    for (std::size_t at = 0, chunk = 1; at < size; at += chunk, chunk = chunk % 97 + 1)
        scanner.feed(text + at, std::min(chunk, size - at));
    (void)scanner.finish().forPrompt();
    return 0;
}
