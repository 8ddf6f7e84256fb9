#include "jji/analysis/model/Model.h"

#include <Poco/String.h>

namespace jji {
namespace analysis {

TokenUsage& TokenUsage::operator+=(const TokenUsage& other)
{
    inputTokens += other.inputTokens;
    outputTokens += other.outputTokens;
    cacheReadTokens += other.cacheReadTokens;
    cacheWriteTokens += other.cacheWriteTokens;
    costUsd += other.costUsd;
    durationMs += other.durationMs;
    promptChars += other.promptChars;
    responseChars += other.responseChars;
    reported = reported || other.reported;
    if (costSource.empty())
        costSource = other.costSource;
    else if (!other.costSource.empty() && other.costSource != costSource)
        costSource = "mixed";
    return *this;
}

const std::vector<std::string>& classifications()
{
    static const std::vector<std::string> labels{"CODE ISSUE", "PRODUCT BUG", "INFRASTRUCTURE"};
    return labels;
}

std::string canonicalClassification(const std::string& text)
{
    std::string t = Poco::toUpper(Poco::trim(text));
    Poco::replaceInPlace(t, std::string("_"), std::string(" "));
    Poco::replaceInPlace(t, std::string("-"), std::string(" "));
    for (const auto& label : classifications())
        if (t == label)
            return label;
    if (t == "INFRA" || t == "INFRASTRUCTURE ISSUE")
        return "INFRASTRUCTURE";
    return "";
}

} // namespace analysis
} // namespace jji
