#ifndef JJI_ANALYSIS_MODEL_H
#define JJI_ANALYSIS_MODEL_H

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// One failing test as input to an analysis (TestFailure in the spec).
struct TestFailure
{
    std::string testName;
    std::string errorMessage;
    std::string stackTrace;
    double duration = 0.0;
    std::string status = "FAILED";
};

struct CodeFix
{
    std::string file;
    std::string line;
    std::string change;
};

struct JiraMatch
{
    std::string key, summary, status, priority, url;
    double score = 0.0;
};

struct ProductBugReport
{
    std::string title, severity, component, description, evidence;
    std::vector<std::string> jiraSearchKeywords;
    std::vector<JiraMatch> jiraMatches;
};

/// The AI's structured answer for one error group (AnalysisDetail in the spec).
struct AnalysisDetail
{
    std::string classification; ///< CODE ISSUE, PRODUCT BUG, INFRASTRUCTURE, or "" when unknown
    std::vector<std::string> affectedTests;
    std::string details;
    std::string artifactsEvidence;
    std::optional<CodeFix> codeFix;
    std::optional<ProductBugReport> productBugReport;
};

/// One analysed failure (FailureAnalysis in the spec).
struct FailureAnalysis
{
    std::string testName;
    std::string error;
    AnalysisDetail analysis;
    std::string errorSignature;
};

/// Tokens and cost an AI CLI reported for one call.
struct TokenUsage
{
    long long inputTokens = 0;
    long long outputTokens = 0;
    long long cacheReadTokens = 0;
    long long cacheWriteTokens = 0;
    double costUsd = 0.0;
    long long durationMs = 0;
    long long promptChars = 0;
    long long responseChars = 0;
    bool reported = false; ///< false when the CLI said nothing about usage

    TokenUsage& operator+=(const TokenUsage& other);
};

/// The three classifications the AI must choose from.
const std::vector<std::string>& classifications();

/// Maps loose spellings ("code_issue", "Product Bug") to the canonical label, or "" if none.
std::string canonicalClassification(const std::string& text);

} // namespace analysis
} // namespace jji

#endif
