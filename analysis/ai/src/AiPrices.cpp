#include "jji/analysis/ai/AiPrices.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <vector>

namespace jji {
namespace analysis {

const char* shippedAiPrices(); // generated from analysis/ai/data/ai-prices.json

namespace {

double perToken(const Poco::JSON::Object::Ptr& entry, const std::string& name)
{
    if (!entry->has(name) || !entry->get(name).isNumeric())
        return 0.0;
    return entry->get(name).convert<double>();
}

/// Adds each entry with input and output prices; others (LiteLLM's "sample_spec",
/// image-only models) are skipped.
void addEntries(std::map<std::string, AiPrices::Price>& prices, const std::string& json, const std::string& origin)
{
    Poco::JSON::Object::Ptr table;
    try {
        Poco::Dynamic::Var v = Poco::JSON::Parser().parse(json);
        if (v.type() == typeid(Poco::JSON::Object::Ptr))
            table = v.extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception& e) {
        throw AiPricesError(origin + " is not valid JSON: " + e.what());
    }
    if (!table)
        throw AiPricesError(origin + " must hold a JSON object of model names to prices");
    for (const auto& [model, value] : *table) {
        if (value.type() != typeid(Poco::JSON::Object::Ptr))
            continue;
        auto entry = value.extract<Poco::JSON::Object::Ptr>();
        if (!entry->has("input_cost_per_token") || !entry->has("output_cost_per_token"))
            continue;
        prices[model] = {perToken(entry, "input_cost_per_token"), perToken(entry, "output_cost_per_token"),
                         perToken(entry, "cache_read_input_token_cost"), perToken(entry, "cache_creation_input_token_cost")};
    }
}

std::string providerPrefix(const std::string& provider)
{
    return provider == "claude" ? "anthropic" : provider;
}

} // namespace

AiPrices AiPrices::load(const std::string& overrideFile)
{
    AiPrices table;
    addEntries(table._prices, shippedAiPrices(), "the shipped price table");
    if (!overrideFile.empty()) {
        std::ifstream in(overrideFile);
        if (!in)
            throw AiPricesError("JJI_AI_PRICES_FILE " + overrideFile + " cannot be read");
        std::ostringstream text;
        text << in.rdbuf();
        addEntries(table._prices, text.str(), "JJI_AI_PRICES_FILE " + overrideFile);
    }
    return table;
}

const AiPrices& AiPrices::shared(const std::string& overrideFile)
{
    static std::mutex mutex;
    static std::map<std::string, AiPrices> tables; // node-based: references stay valid
    std::lock_guard<std::mutex> lock(mutex);
    auto it = tables.find(overrideFile);
    if (it == tables.end())
        it = tables.emplace(overrideFile, load(overrideFile)).first;
    return it->second;
}

std::optional<AiPrices::Price> AiPrices::find(const std::string& provider, const std::string& model) const
{
    if (model.empty())
        return std::nullopt;
    std::vector<std::string> names{model};
    static const std::regex bracketSuffix("\\[[^\\]]*\\]$");
    const std::string unbracketed = std::regex_replace(model, bracketSuffix, "");
    if (unbracketed != model)
        names.push_back(unbracketed);
    for (std::size_t i = 0, n = names.size(); i < n; ++i) {
        std::string dashed = names[i];
        std::replace(dashed.begin(), dashed.end(), '@', '-');
        if (dashed != names[i])
            names.push_back(dashed);
    }
    for (const auto& name : names) {
        for (const auto& key : {name, providerPrefix(provider) + "/" + name,
                                name.find('/') == std::string::npos ? std::string() : name.substr(name.find('/') + 1)}) {
            auto it = key.empty() ? _prices.end() : _prices.find(key);
            if (it != _prices.end())
                return it->second;
        }
    }
    return std::nullopt;
}

std::vector<std::string> AiPrices::modelNames() const
{
    std::vector<std::string> names;
    for (const auto& [name, price] : _prices)
        names.push_back(name);
    return names; // a std::map: already sorted
}

void AiPrices::complete(const std::string& provider, const std::string& model, TokenUsage& usage) const
{
    if (usage.costSource == "reported")
        return;
    auto price = find(provider, model);
    if (!price) {
        usage.costUsd = 0.0;
        usage.costSource = "unknown";
        return;
    }
    // gemini counts cached tokens inside the prompt's; claude and cursor count them apart.
    long long freshInput = usage.inputTokens;
    if (provider == "gemini")
        freshInput = std::max(0LL, freshInput - usage.cacheReadTokens);
    usage.costUsd = static_cast<double>(freshInput) * price->input + static_cast<double>(usage.outputTokens) * price->output +
                    static_cast<double>(usage.cacheReadTokens) * price->cacheRead +
                    static_cast<double>(usage.cacheWriteTokens) * price->cacheWrite;
    usage.costSource = "computed";
}

} // namespace analysis
} // namespace jji
