#ifndef JJI_ANALYSIS_AI_AICLIDIAGNOSIS_H
#define JJI_ANALYSIS_AI_AICLIDIAGNOSIS_H

#include <string>

namespace jji {
namespace analysis {

/// Turns what an AI CLI's failure shows into a message that names the cause and the fix,
/// e.g. "claude: the API refused the key (401): set ANTHROPIC_API_KEY or run `claude login`
/// as the daemon's user". Each message starts with the provider's name.
class AiCliDiagnosis
{
public:
    /// For the model API's HTTP status (and its own reason, e.g. API_KEY_INVALID), when
    /// it has a known cause: 401/403 and invalid keys, 404 (the model), 429; else "".
    static std::string forApiStatus(const std::string& provider, const std::string& model, int status,
                                    const std::string& reason, int retries = 0);

    /// For the CLI's own error text when it names a known cause (not logged in, no key); else "".
    static std::string forCliMessage(const std::string& provider, const std::string& message);

    /// The CLI could not be started.
    static std::string notInstalled(const std::string& provider, const std::string& executable, const std::string& why);
};

} // namespace analysis
} // namespace jji

#endif
