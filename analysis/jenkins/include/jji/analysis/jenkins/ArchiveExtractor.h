#ifndef JJI_ANALYSIS_JENKINS_ARCHIVEEXTRACTOR_H
#define JJI_ANALYSIS_JENKINS_ARCHIVEEXTRACTOR_H

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Unpacks downloaded zip artifacts so the AI can read their files. Entries whose path
/// would leave the target folder (absolute, "..") are refused, and so is anything past
/// the size cap.
class ArchiveExtractor
{
public:
    struct Outcome
    {
        std::vector<std::string> files;   ///< extracted, relative to the target folder
        std::vector<std::string> refused; ///< unsafe or broken entries
    };

    static Outcome extractZip(const std::string& archive, const std::string& targetDir, std::size_t maxBytes);
};

} // namespace analysis
} // namespace jji

#endif
