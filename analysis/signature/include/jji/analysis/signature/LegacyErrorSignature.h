#ifndef JJI_ANALYSIS_SIGNATURE_LEGACYERRORSIGNATURE_H
#define JJI_ANALYSIS_SIGNATURE_LEGACYERRORSIGNATURE_H

#include <string>

namespace jji {
namespace analysis {

/// The version 1 error signature, frozen: the SHA-256 (hex) of the error message plus the
/// top five stack-trace lines after a chain of masks. Stored history written before
/// schema 9 carries it; new failures compute it only to find those old rows of the same
/// failure (see FailureHistoryStore's relabelling) and the benchmark compares against it.
class LegacyErrorSignature
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
