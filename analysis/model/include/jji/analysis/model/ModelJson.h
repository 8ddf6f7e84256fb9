#ifndef JJI_ANALYSIS_MODEL_MODELJSON_H
#define JJI_ANALYSIS_MODEL_MODELJSON_H

#include "jji/analysis/model/Model.h"

#include <Poco/JSON/Object.h>

namespace jji {
namespace analysis {

/// JSON mapping of the model, with the spec's field names.
Poco::JSON::Object::Ptr toJson(const JiraMatch& match);
Poco::JSON::Object::Ptr toJson(const SimilarIssue& issue);
Poco::JSON::Object::Ptr toJson(const CodeFix& fix);
Poco::JSON::Object::Ptr toJson(const AnalysisDetail& detail);
Poco::JSON::Object::Ptr toJson(const FailureAnalysis& failure);
/// The same with an already-built analysis object, so a group's failures can share one.
Poco::JSON::Object::Ptr toJson(const FailureAnalysis& failure, const Poco::JSON::Object::Ptr& analysisJson);
Poco::JSON::Object::Ptr toJson(const TokenUsage& usage);

/// The jira_matches of an analysis object's product_bug_report (none when it has no report).
std::vector<JiraMatch> jiraMatchesOf(const Poco::JSON::Object::Ptr& analysis);

/// A result's `token_usage`, the original's TokenUsageSummary: total_input_tokens,
/// total_output_tokens, total_cache_read_tokens, total_cache_write_tokens, total_tokens (input +
/// output), total_cost_usd (null when any call's cost is unknown), total_duration_ms,
/// total_calls and calls[] ({provider, model, call_type, input_tokens, output_tokens,
/// cache_read_tokens, cache_write_tokens, total_tokens, cost_usd, duration_ms}), plus our
/// cost_source. `mainAi` names the calls that carry no provider of their own.
Poco::JSON::Object::Ptr tokenUsageSummary(const std::vector<TokenUsage>& calls, const AiConfig& mainAi);
Poco::JSON::Object::Ptr toJson(const PeerDebateTrail& debate);

/// Reads an AI answer object leniently: missing fields take their defaults, wrong
/// types are ignored, the classification is canonicalized, code_fix's
/// tests_repo_search_keywords are trimmed and deduplicated (its tests_repo_matches are
/// not read: they are found after the analysis).
AnalysisDetail analysisDetailFromJson(const Poco::JSON::Object::Ptr& object);

} // namespace analysis
} // namespace jji

#endif
