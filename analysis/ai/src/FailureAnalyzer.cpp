#include "jji/analysis/ai/FailureAnalyzer.h"

#include "jji/analysis/ai/AiCall.h"
#include "jji/analysis/ai/AiProvider.h"
#include "jji/analysis/signature/ErrorSignature.h"
#include "jji/analysis/model/ModelJson.h"
#include "jji/analysis/ai/PeerDebate.h"
#include "jji/analysis/ai/PromptBuilder.h"
#include "jji/storage/Metrics.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <map>
#include <thread>

namespace jji {
namespace analysis {

namespace {

constexpr std::size_t kMaxAffectedTests = 20;

} // namespace

std::string FailureAnalyzer::summary(std::size_t failures, std::size_t uniqueErrors)
{
    return std::to_string(failures) + " failure(s) analyzed (" + std::to_string(uniqueErrors) + " unique error types)";
}

std::string FailureAnalyzer::Outcome::knownNote() const
{
    if (reusedFailures == 0 && ruleFailures == 0)
        return "";
    std::string note = "; ";
    if (reusedFailures)
        note += std::to_string(reusedFailures) + " reused from confirmed analyses, ";
    if (ruleFailures)
        note += std::to_string(ruleFailures) + " classified by rules, ";
    return note + std::to_string(calls.size()) + " AI call(s)";
}

FailureAnalyzer::GroupAnswer FailureAnalyzer::analyzeGroup(const std::vector<TestFailure>& group, const AiRequest& ai,
                                                           const std::string& history) const
{
    GroupAnswer answer;
    const std::string prompt = PromptBuilder::forGroup(group, ai.rawPrompt, ai.context, {history, ai.historyInstructions});
    std::string text;
    for (int attempt = 0; attempt < 2; ++attempt) {
        text = callAi(_settings, _limiter, ai, attempt == 0 ? prompt : prompt + PromptBuilder::retryReminder(),
                        answer.usage, answer.error);
        if (!answer.error.empty()) {
            answer.detail.details = "AI analysis failed: " + answer.error;
            return answer;
        }
        if (Poco::JSON::Object::Ptr object = AiProvider::extractJsonObject(text)) {
            answer.detail = analysisDetailFromJson(object);
            if (!ai.peers.empty())
                debate(group, ai, answer);
            return answer;
        }
        Poco::Logger::get("jji.ai").warning("unparseable answer from %s (attempt %d)", ai.provider, attempt + 1);
    }
    // Keep what the AI said rather than failing the whole job.
    answer.detail.details = text;
    return answer;
}

void FailureAnalyzer::debate(const std::vector<TestFailure>& group, const AiRequest& ai, GroupAnswer& answer) const
{
    std::mutex usageMutex; // peers of a round answer in parallel
    auto record = [&](std::vector<TokenUsage>& calls, const std::string& callType, const AiConfig& who) {
        std::lock_guard<std::mutex> lock(usageMutex);
        for (auto& u : calls) {
            u.callType = callType;
            u.ai = who;
            answer.usage.push_back(u);
        }
    };
    auto askPeer = [&](const AiConfig& peer, int round, const AnalysisDetail& current) {
        AiRequest peerAi = ai;
        peerAi.provider = peer.provider;
        peerAi.model = peer.model;
        std::vector<TokenUsage> calls;
        std::string error;
        const std::string text = callAi(_settings, _limiter, peerAi,
                                          PromptBuilder::forPeerReview(group, ai.rawPrompt, round, current.classification,
                                                                       current.details),
                                          calls, error);
        record(calls, "peer_review", peer);
        PeerVerdict verdict;
        Poco::JSON::Object::Ptr reply = error.empty() ? AiProvider::extractJsonObject(text) : nullptr;
        if (!reply) {
            verdict.details = error.empty() ? "no usable reply" : error;
            return verdict;
        }
        verdict.classification = reply->optValue<std::string>("classification", "");
        verdict.details = reply->optValue<std::string>("details", "");
        verdict.valid = !canonicalClassification(verdict.classification).empty();
        return verdict;
    };
    auto revise = [&](const AnalysisDetail& current, const std::vector<DebateTurn>& peerTurns) {
        std::vector<std::string> arguments;
        for (const auto& t : peerTurns)
            arguments.push_back(t.ai.provider + "/" + t.ai.model + " says " + t.classification + ": " + t.details);
        std::vector<TokenUsage> calls;
        std::string error;
        const std::string text = callAi(_settings, _limiter, ai,
                                          PromptBuilder::forRevision(group, ai.rawPrompt, current.classification,
                                                                     current.details, arguments),
                                          calls, error);
        record(calls, "analysis", {ai.provider, ai.model});
        Poco::JSON::Object::Ptr reply = error.empty() ? AiProvider::extractJsonObject(text) : nullptr;
        return reply ? analysisDetailFromJson(reply) : current; // a failed revision keeps the answer
    };
    answer.debate = std::make_shared<PeerDebateTrail>(
        PeerDebate::run({ai.provider, ai.model}, answer.detail, ai.peers, ai.peerMaxRounds, askPeer, revise));
}

FailureAnalyzer::Outcome FailureAnalyzer::analyze(const std::vector<TestFailure>& failures, const AiRequest& ai,
                                                  const FailureKnowledge* knowledge) const
{
    Outcome outcome;
    std::vector<std::string> signatures, texts;
    std::map<std::string, std::size_t> groupIndex;
    std::vector<std::vector<TestFailure>> groups;
    texts = ErrorSignature::normalizeReport(failures);
    for (std::size_t i = 0; i < failures.size(); ++i) {
        std::string signature = ErrorSignature::hashText(texts[i]);
        auto [it, inserted] = groupIndex.emplace(signature, groups.size());
        if (inserted)
            groups.emplace_back();
        groups[it->second].push_back(failures[i]);
        signatures.push_back(std::move(signature));
    }
    outcome.uniqueErrors = groups.size();

    // Groups already known (a rule, a confirmed analysis) cost no AI call.
    std::vector<GroupAnswer> answers(groups.size());
    std::vector<std::string> groupSignatures(groups.size());
    for (const auto& [signature, g] : groupIndex)
        groupSignatures[g] = signature;
    std::vector<std::size_t> toAnalyse;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        std::optional<KnownAnswer> known = knowledge ? knowledge->known(groupSignatures[g], groups[g]) : std::nullopt;
        if (!known) {
            toAnalyse.push_back(g);
            continue;
        }
        answers[g].detail = std::move(known->detail);
        answers[g].origin = std::move(known->origin);
        (answers[g].origin.reused() ? outcome.reusedFailures : outcome.ruleFailures) += groups[g].size();
    }

    // At most JJI_MAX_UNIQUE_ERRORS AI calls per analysis: the largest groups get them,
    // the rest say why they have no analysis.
    std::stable_sort(toAnalyse.begin(), toAnalyse.end(),
                     [&](std::size_t a, std::size_t b) { return groups[a].size() > groups[b].size(); });
    const std::size_t limit = static_cast<std::size_t>(std::max(1, _settings.maxUniqueErrors));
    for (std::size_t k = limit; k < toAnalyse.size(); ++k)
        answers[toAnalyse[k]].detail.details = "Not analysed: over the per-request limit of " + std::to_string(limit) +
                                              " unique errors (JJI_MAX_UNIQUE_ERRORS); the largest groups were analysed";
    toAnalyse.resize(std::min(limit, toAnalyse.size()));
    outcome.aiGroups = toAnalyse.size();
    std::atomic<std::size_t> next{0};
    // An exception must never escape a worker thread (std::terminate): it becomes that
    // group's error, like any other failed AI call.
    auto worker = [&] {
        for (std::size_t k = next++; k < toAnalyse.size(); k = next++) {
            const std::size_t i = toAnalyse[k];
            try {
                const std::string history = knowledge ? knowledge->history(groupSignatures[i], groups[i]) : "";
                answers[i] = analyzeGroup(groups[i], ai, history);
            } catch (const std::exception& e) {
                answers[i].error = std::string("AI analysis failed: ") + e.what();
                answers[i].detail.details = answers[i].error;
            }
        }
    };
    std::size_t threads = std::min<std::size_t>(toAnalyse.size(), static_cast<std::size_t>(_settings.maxConcurrentAiCalls));
    std::vector<std::thread> pool;
    try {
        for (std::size_t t = 1; t < threads; ++t)
            pool.emplace_back(worker);
    } catch (const std::system_error&) {
        // No more threads to be had: the ones we have (and this one) share the work.
    }
    worker();
    for (auto& thread : pool)
        thread.join();

    for (const auto& answer : answers) {
        for (const auto& usage : answer.usage) {
            outcome.calls.push_back(usage);
            outcome.totalUsage += usage;
        }
        if (!answer.error.empty())
            outcome.errors.push_back(answer.error);
    }
    // Every failure repeats its group's test list, so the list is capped: a group of 5,000
    // failures would otherwise make 25 million names (gigabytes of JSON). The full group is
    // always recoverable from error_signature.
    for (std::size_t g = 0; g < groups.size(); ++g) {
        auto& affected = answers[g].detail.affectedTests;
        affected.clear();
        for (std::size_t m = 0; m < groups[g].size() && m < kMaxAffectedTests; ++m)
            affected.push_back(groups[g][m].testName);
    }
    for (std::size_t i = 0; i < failures.size(); ++i) {
        const auto g = groupIndex[signatures[i]];
        FailureAnalysis fa;
        fa.testName = failures[i].testName;
        fa.error = failures[i].errorMessage;
        fa.errorSignature = signatures[i];
        fa.signatureText = texts[i];
        fa.analysis = answers[g].detail;
        fa.peerDebate = answers[g].debate;
        fa.origin = answers[g].origin;
        outcome.failures.push_back(std::move(fa));
    }
    return outcome;
}

} // namespace analysis
} // namespace jji
