#ifndef JJI_ANALYSIS_MODEL_MODEL_H
#define JJI_ANALYSIS_MODEL_MODEL_H

#include <memory>
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

/// An issue of the tests repository that may already describe a failure
/// (SimilarIssue in the original: a GitHub issue has a number and no key).
struct SimilarIssue
{
    long long number = 0; ///< 0 when the tracker has no numbers (served as null)
    std::string key, title, url, status;
};

/// The AI's fix for a CODE ISSUE.
struct CodeFix
{
    std::string file;
    std::string line;
    std::string change;
    std::optional<std::string> originalCode;  ///< the file before the fix; null when the AI gave none
    std::optional<std::string> suggestedCode; ///< the file after the fix; null when the AI gave none
    std::vector<std::string> testsRepoSearchKeywords; ///< for the tests repository's issues: trimmed, no empties, no repeats
    std::vector<SimilarIssue> testsRepoMatches;       ///< set after the analysis (enriching_tests_repo)
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
    // Shared, not copied: the analyzer fans one answer out to every failure of its group
    // (40,000 failures would otherwise carry 40,000 copies of the same fix and bug report).
    std::shared_ptr<const CodeFix> codeFix;
    std::shared_ptr<const ProductBugReport> productBugReport;
};

/// One AI configuration (AiConfigEntry in the spec).
struct AiConfig
{
    std::string provider;
    std::string model;
};

/// One contribution to a peer debate (PeerDebate.rounds[] in the spec).
struct DebateTurn
{
    int round = 0;
    AiConfig ai;
    std::string role;                ///< "orchestrator" or "peer"
    std::string classification;
    std::string details;
    int agreesWithOrchestrator = -1; ///< -1 null (the orchestrator or an invalid reply), 0 false, 1 true
};

/// The peer-review trail of one error group (PeerDebate in the spec).
struct PeerDebateTrail
{
    bool consensusReached = false;
    int roundsUsed = 0;
    int maxRounds = 0;
    std::vector<AiConfig> aiConfigs; ///< the peers
    std::vector<DebateTurn> rounds;
};

/// Where a failure's analysis came from when no AI was asked ("classified_by" and
/// "reused_from" in its JSON): a rule of the knowledge base, or an earlier analysis a
/// person confirmed.
struct KnownOrigin
{
    std::string classifiedBy; ///< "rule:<name>" or "reused"; "" when the AI answered
    // Of the reused analysis:
    std::string jobId;
    std::string testName;
    std::string confirmedBy;
    std::string confirmedAt;

    bool reused() const { return classifiedBy == "reused"; }
};

/// One analysed failure (FailureAnalysis in the spec).
struct FailureAnalysis
{
    std::string testName;
    std::string error;
    AnalysisDetail analysis;
    std::string errorSignature;
    std::string signatureText; ///< the normalized text errorSignature is the hash of
    std::shared_ptr<const PeerDebateTrail> peerDebate; ///< shared by the group; null without peers
    KnownOrigin origin;
};

/// Tokens and cost of one AI call (or, summed, of several).
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
    /// Where costUsd comes from: "reported" by the CLI, "computed" from the price table,
    /// "unknown" (no price for the model: costUsd is 0 and means nothing), "mixed" in a
    /// sum of calls of different sources; "" before any call is counted.
    std::string costSource;
    /// "analysis" (the main AI), "peer_review", "issue_content", or the relevance filters
    /// "jira_filter" and "tests_repo_filter"
    std::string callType = "analysis";
    AiConfig ai;                        ///< who was called (empty: the request's main AI)

    TokenUsage& operator+=(const TokenUsage& other);
};

/// The three classifications the AI must choose from.
const std::vector<std::string>& classifications();

/// Maps loose spellings ("code_issue", "Product Bug") to the canonical label, or "" if none.
std::string canonicalClassification(const std::string& text);

} // namespace analysis
} // namespace jji

#endif
