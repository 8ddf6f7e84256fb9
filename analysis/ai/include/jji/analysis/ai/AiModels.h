#ifndef JJI_ANALYSIS_AI_AIMODELS_H
#define JJI_ANALYSIS_AI_AIMODELS_H

#include "jji/config/Settings.h"

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// The models a provider offers, for pickers (GET /api/ai-models), as the original lists them:
/// claude and gemini from the price table (the shipped one and JJI_AI_PRICES_FILE), cursor
/// from its CLI (`agent models`, 10 s at most). Lists are kept an hour per provider; a CLI
/// that fails gives an empty list that is asked again next time.
class AiModels
{
public:
    struct Model
    {
        std::string id;
        std::string name; ///< for people: "Claude Sonnet 4 5", or what the CLI calls it
    };

    /// The providers with a model list: claude, cursor, gemini.
    static const std::vector<std::string>& providers();

    explicit AiModels(const config::Settings& settings) : _settings(settings) {}

    /// The models of `provider` (lower case); empty for one without a list.
    std::vector<Model> list(const std::string& provider) const;

private:
    std::vector<Model> fromPriceTable(const std::string& provider) const;
    std::vector<Model> fromCursorCli() const;

    const config::Settings& _settings;
};

} // namespace analysis
} // namespace jji

#endif
