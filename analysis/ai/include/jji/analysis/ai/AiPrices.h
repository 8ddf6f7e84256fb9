#ifndef JJI_ANALYSIS_AI_AIPRICES_H
#define JJI_ANALYSIS_AI_AIPRICES_H

#include "jji/analysis/model/Model.h"

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// JJI_AI_PRICES_FILE cannot be read or is not a price table.
class AiPricesError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Prices per model, for the CLIs that report tokens but no cost (gemini, cursor). The
/// table is LiteLLM's model_prices_and_context_window.json format (USD per token:
/// input_cost_per_token, output_cost_per_token, cache_read_input_token_cost,
/// cache_creation_input_token_cost), so that file itself can be the override. The
/// shipped table (analysis/ai/data/ai-prices.json) is compiled in; JJI_AI_PRICES_FILE's
/// entries replace or add to it.
class AiPrices
{
public:
    struct Price
    {
        double input = 0, output = 0, cacheRead = 0, cacheWrite = 0;
    };

    /// The shipped table with `overrideFile`'s entries over it ("" = shipped only).
    /// Throws AiPricesError when the file cannot be read or parsed.
    static AiPrices load(const std::string& overrideFile);

    /// The table for `overrideFile`, loaded once per process (analyses share it).
    static const AiPrices& shared(const std::string& overrideFile);

    /// The model's price: its exact name, then without a "[...]" suffix or with '@' as
    /// '-', each also under the provider's prefix ("gemini/...", "anthropic/...").
    std::optional<Price> find(const std::string& provider, const std::string& model) const;

    /// Fills in the call's cost when the CLI did not report one: "computed" from the
    /// table, or "unknown" when the model has no price.
    void complete(const std::string& provider, const std::string& model, TokenUsage& usage) const;

    /// Every model the table prices, by its key ("claude-sonnet-4-5", "gemini/gemini-2.5-pro"), sorted.
    std::vector<std::string> modelNames() const;

private:
    std::map<std::string, Price> _prices;
};

} // namespace analysis
} // namespace jji

#endif
