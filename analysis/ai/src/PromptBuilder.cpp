#include "jji/analysis/ai/PromptBuilder.h"

#include <sstream>

namespace jji {
namespace analysis {

namespace {

// Large traces are cut: the first part carries the exception and the frames that matter.
constexpr std::size_t kMaxTraceChars = 8000;
constexpr std::size_t kMaxTestsListed = 50;

const char* kSchema = R"({
  "classification": "CODE ISSUE" | "PRODUCT BUG" | "INFRASTRUCTURE",
  "affected_tests": ["<test name>", ...],
  "details": "<what went wrong and why, citing the evidence>",
  "artifacts_evidence": "<verbatim lines from logs or artifacts that prove it, or empty>",
  "code_fix": {
    "file": "<path>", "line": "<line>", "change": "<the fix>",
    "original_code": "<optional: the complete current contents of <path>, raw code without Markdown>",
    "suggested_code": "<the complete contents of <path> after the fix, raw code without Markdown>",
    "tests_repo_search_keywords": ["<specific error symptom>", "<component + behavior>", "<error type>"]
  } | false,
  "product_bug_report": {
    "title": "<bug title>", "severity": "critical|high|medium|low", "component": "<component>",
    "description": "<description>", "evidence": "<evidence>", "jira_search_keywords": ["<keyword>", ...]
  } | false
}

tests_repo_search_keywords find existing issues about this problem in the tests repository: give 3 to 5
short, specific phrases naming the broken test behavior as an issue title would (e.g. "fixture setup
timeout", "API mock validation error"), never a generic word alone ("timeout", "failure", "error").)";

/// The failing tests and the error, shared by every prompt about a group.
void describeGroup(std::ostringstream& p, const std::vector<TestFailure>& group)
{
    p << "## Failing tests (" << group.size() << ")\n";
    for (std::size_t i = 0; i < group.size() && i < kMaxTestsListed; ++i)
        p << "- " << group[i].testName << " (status " << group[i].status << ", " << group[i].duration << " s)\n";
    if (group.size() > kMaxTestsListed)
        p << "- ... and " << group.size() - kMaxTestsListed << " more\n";
    const TestFailure& first = group.front();
    p << "\n## Error\n" << first.errorMessage << "\n";
    if (!first.stackTrace.empty()) {
        p << "\n## Stack trace\n```\n" << first.stackTrace.substr(0, kMaxTraceChars);
        if (first.stackTrace.size() > kMaxTraceChars)
            p << "\n... (truncated)";
        p << "\n```\n";
    }
}

void additional(std::ostringstream& p, const std::string& rawPrompt)
{
    if (!rawPrompt.empty())
        p << "\n## Additional instructions\n" << rawPrompt << "\n";
}

} // namespace

const std::string& PromptBuilder::builtInHistoryInstructions()
{
    static const std::string text =
        "The history below comes from the Job Insight database, not from the failure itself. Lines marked [human] "
        "are what people concluded (classification overrides, labels, comments): weigh them above earlier AI "
        "answers, marked [ai], which may have been wrong. An error that fails in many builds and in several jobs "
        "points to INFRASTRUCTURE or a known PRODUCT BUG rather than a new CODE ISSUE; a KNOWN_BUG label or a "
        "linked bug suggests PRODUCT BUG; a FLAKY or INTERMITTENT label should be said in details. History is a "
        "hint: the evidence of this failure decides, and details should say when you depart from what people "
        "concluded before.";
    return text;
}

std::string PromptBuilder::forGroup(const std::vector<TestFailure>& group, const std::string& rawPrompt,
                                   const std::string& context, const History& history)
{
    std::ostringstream p;
    p << "You are triaging failed automated tests. The failures below share one error signature, "
         "so they are very likely the same problem.\n\n";
    p << "Classify the problem as exactly one of:\n"
         "- CODE ISSUE: the test code, fixtures or test configuration are wrong (give code_fix).\n"
         "- PRODUCT BUG: the product under test misbehaves (give product_bug_report).\n"
         "- INFRASTRUCTURE: environment, network, CI agent or dependency outage unrelated to the code.\n\n";
    describeGroup(p, group);
    if (!context.empty())
        p << "\n## Context\n" << context << "\n";
    if (!history.facts.empty())
        p << "\n## History of this error\n"
          << (history.instructions.empty() ? builtInHistoryInstructions() : history.instructions) << "\n\n"
          << history.facts << "\n";
    p << "\n## Answer format\nReply with ONE JSON object and nothing else, following this schema "
         "(code_fix only for CODE ISSUE, product_bug_report only for PRODUCT BUG, false otherwise):\n"
      << kSchema << "\n";
    additional(p, rawPrompt);
    return p.str();
}

std::string PromptBuilder::forPeerReview(const std::vector<TestFailure>& group, const std::string& rawPrompt, int round,
                                         const std::string& classification, const std::string& details)
{
    std::ostringstream p;
    p << "You are reviewing another engineer's triage of failed automated tests.\n\n## Peer review\nRound: " << round
      << "\n";
    describeGroup(p, group);
    p << "\n## Their analysis\nClassification: " << classification << "\nDetails: " << details << "\n";
    p << "\nDo you agree with the classification (CODE ISSUE, PRODUCT BUG or INFRASTRUCTURE)? Reply with ONE JSON "
         "object and nothing else: {\"agrees\": true|false, \"classification\": \"<your classification>\", "
         "\"details\": \"<your reasoning>\"}\n";
    additional(p, rawPrompt);
    return p.str();
}

std::string PromptBuilder::forRevision(const std::vector<TestFailure>& group, const std::string& rawPrompt,
                                       const std::string& classification, const std::string& details,
                                       const std::vector<std::string>& peerArguments)
{
    std::ostringstream p;
    p << "You triaged these failed tests; reviewers disagree with you. Weigh their arguments and answer again.\n\n";
    describeGroup(p, group);
    p << "\n## Your analysis\nClassification: " << classification << "\nDetails: " << details << "\n";
    p << "\n## Peer arguments\n";
    for (const auto& argument : peerArguments)
        p << "- " << argument << "\n";
    p << "\n## Answer format\nReply with ONE JSON object and nothing else, following this schema:\n" << kSchema << "\n";
    additional(p, rawPrompt);
    return p.str();
}

std::string PromptBuilder::retryReminder()
{
    return "\n\nIMPORTANT: your previous answer could not be parsed. Reply with only the JSON object described above.\n";
}

} // namespace analysis
} // namespace jji
