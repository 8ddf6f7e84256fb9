#ifndef JJI_ANALYSIS_SIGNATURE_ERRORSIGNATURE_H
#define JJI_ANALYSIS_SIGNATURE_ERRORSIGNATURE_H

#include <string>

namespace jji {
namespace analysis {

/// Groups failures that are the same bug. The signature is the SHA-256 (hex) of the
/// error message plus the top five stack-trace lines, after masking the parts that
/// change from run to run: UUIDs, hex addresses, timestamps, temporary paths, ports,
/// durations and any other number. The original service hashed the raw text, so one
/// bug seen with two ports cost two AI calls; here it costs one.
class ErrorSignature
{
public:
    static constexpr int kStackLines = 5;

    /// The masked text that is hashed (exposed for tests and debugging).
    static std::string normalize(const std::string& errorMessage, const std::string& stackTrace);

    static std::string compute(const std::string& errorMessage, const std::string& stackTrace);
};

} // namespace analysis
} // namespace jji

#endif
