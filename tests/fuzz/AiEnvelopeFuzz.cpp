// libFuzzer target: what an AI CLI prints: the envelopes of each provider, the error
// envelope on stderr, the analysis object inside an answer, and the retry notices the
// monitor watches for while the CLI runs.
#include "jji/analysis/ai/AiCliMonitor.h"
#include "jji/analysis/ai/AiProvider.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using jji::analysis::AiProvider;
    const std::string text(reinterpret_cast<const char*>(data), size);
    for (const char* provider : {"claude", "gemini", "cursor", "custom"}) {
        auto envelope = AiProvider::readEnvelope(provider, text);
        (void)AiProvider::extractJsonObject(envelope.answer);
        (void)AiProvider::readErrorEnvelope(provider, text);
    }
    jji::analysis::AiCliMonitor monitor("claude", "m");
    for (std::size_t at = 0; at < text.size(); at += 7)
        if (monitor.see(at % 2 ? jji::analysis::ProcessRunner::Stream::Err : jji::analysis::ProcessRunner::Stream::Out,
                        std::string_view(text).substr(at, 7)))
            break;
    return 0;
}
