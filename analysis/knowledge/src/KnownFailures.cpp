#include "jji/analysis/knowledge/KnownFailures.h"

#include "jji/analysis/knowledge/HistoryBrief.h"
#include "jji/analysis/junit/FailureLocator.h"
#include "jji/analysis/model/ModelJson.h"
#include "jji/storage/CommentStore.h"
#include "jji/storage/Metrics.h"
#include "jji/storage/ResultStore.h"
#include "jji/storage/RuleStore.h"
#include "jji/storage/SignatureHistory.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>

namespace jji {
namespace analysis {

namespace {

constexpr int kTestsAsked = 5;       // per group, in the per-test history
constexpr int kRowsPerFact = 5;      // overrides, labels, comments
constexpr std::size_t kMaxResultBytes = 64u * 1024 * 1024; // a stored result read for reuse

/// Runs a lookup that must never fail an analysis: a database problem means "nothing known".
template <typename Lookup>
auto tolerant(const char* what, Lookup lookup) -> decltype(lookup())
{
    try {
        return lookup();
    } catch (const std::exception& e) {
        Poco::Logger::get("jji.knowledge").warning("%s failed, the AI is asked as usual: %s", std::string(what),
                                                   std::string(e.what()));
        return decltype(lookup())();
    }
}

std::vector<storage::RuleRow> loadRules(storage::Database& db)
{
    return tolerant("reading the rules", [&] { return storage::RuleStore(db).all(); });
}

} // namespace

KnownFailures::KnownFailures(const config::Settings& settings, storage::Database& db, const CommentLinks* links,
                             Options options)
    : _settings(settings), _db(db), _links(links), _options(std::move(options)), _rules(loadRules(db))
{
}

std::optional<KnownAnswer> KnownFailures::known(const std::string& signature, const std::vector<TestFailure>& group) const
{
    if (auto rule = byRule(group))
        return rule;
    return confirmed(signature);
}

std::optional<KnownAnswer> KnownFailures::byRule(const std::vector<TestFailure>& group) const
{
    // A group shares one signature: its first failure stands for it.
    const storage::RuleRow* rule = _rules.match(group.front(), _options.console);
    if (!rule)
        return std::nullopt;
    storage::Metrics::instance().count("jji_rule_hits_total", {{"rule", rule->name}}, static_cast<double>(group.size()));
    tolerant("counting rule hits", [&] {
        storage::RuleStore(_db).recordHits(rule->id, static_cast<long long>(group.size()));
        return 0;
    });
    KnownAnswer answer;
    answer.detail = RuleMatcher::detailFor(*rule);
    answer.origin.classifiedBy = "rule:" + rule->name;
    return answer;
}

Poco::JSON::Object::Ptr KnownFailures::storedResult(const std::string& jobId) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto cached = _results.find(jobId);
    if (cached != _results.end())
        return cached->second;
    Poco::JSON::Object::Ptr result;
    std::optional<storage::ResultRow> row = storage::ResultStore(_db).find(jobId);
    if (row && row->status == "completed" && !row->resultJson.empty() && row->resultJson.size() <= kMaxResultBytes)
        result = Poco::JSON::Parser().parse(row->resultJson).extract<Poco::JSON::Object::Ptr>();
    _results.emplace(jobId, result);
    return result;
}

std::optional<KnownAnswer> KnownFailures::confirmed(const std::string& signature) const
{
    if (!_options.reuseConfirmed || _settings.reuseDays <= 0)
        return std::nullopt;
    return tolerant("looking up confirmed analyses", [&]() -> std::optional<KnownAnswer> {
        const Poco::Timestamp since = Poco::Timestamp() - Poco::Timespan(_settings.reuseDays, 0, 0, 0, 0);
        const auto confirmation = storage::SignatureHistory(_db).latestConfirmation(
            signature, Poco::DateTimeFormatter::format(since, "%Y-%m-%d %H:%M:%S"));
        if (!confirmation)
            return std::nullopt;
        Poco::JSON::Object::Ptr result = storedResult(confirmation->jobId);
        if (!result)
            return std::nullopt;
        auto located = locateFailure(result, confirmation->testName,
                                     {confirmation->childJobName, confirmation->childBuildNumber});
        Poco::JSON::Object::Ptr stored = located ? located->failure->getObject("analysis") : nullptr;
        if (!stored)
            return std::nullopt;
        KnownAnswer answer;
        answer.detail = analysisDetailFromJson(stored);
        if (answer.detail.classification.empty())
            return std::nullopt; // a failed analysis confirmed by mistake says nothing
        answer.detail.details = "Reused from the analysis of " + confirmation->testName + " (job " + confirmation->jobId +
                                "), " + (confirmation->how == "override" ? "classification set to " +
                                                                              answer.detail.classification + " by "
                                                                        : std::string("reviewed by ")) +
                                (confirmation->by.empty() ? std::string("someone") : confirmation->by) + " on " +
                                confirmation->at + " (no AI call). " + answer.detail.details;
        answer.origin.classifiedBy = "reused";
        answer.origin.jobId = confirmation->jobId;
        answer.origin.testName = confirmation->testName;
        answer.origin.confirmedBy = confirmation->by;
        answer.origin.confirmedAt = confirmation->at;
        storage::Metrics::instance().count("jji_reused_analyses_total");
        return answer;
    });
}

std::string KnownFailures::history(const std::string& signature, const std::vector<TestFailure>& group) const
{
    if (_settings.historyPromptChars <= 0)
        return "";
    return tolerant("reading the history for the prompt", [&] {
        HistoryBrief::Input in;
        in.jobName = _options.jobName;
        in.builds = _settings.historyBuilds;
        std::vector<std::string> tests;
        for (std::size_t i = 0; i < group.size() && tests.size() < static_cast<std::size_t>(kTestsAsked); ++i)
            tests.push_back(group[i].testName);
        in.facts = storage::SignatureHistory(_db).facts(signature, _options.jobName, _settings.historyBuilds, tests,
                                                        kRowsPerFact);
        if (!in.facts.latestJobId.empty())
            if (Poco::JSON::Object::Ptr result = storedResult(in.facts.latestJobId))
                if (auto located = locateFailure(result, in.facts.latestTestName,
                                                 {in.facts.latestChildJobName, in.facts.latestChildBuildNumber}))
                    if (Poco::JSON::Object::Ptr analysis = located->failure->getObject("analysis")) {
                        in.earlierClassification = analysis->optValue<std::string>("classification", "");
                        in.earlierDetails = analysis->optValue<std::string>("details", "");
                    }
        in.comments = storage::CommentStore(_db).forSignature(signature, "", kRowsPerFact);
        if (_links && !in.comments.empty()) {
            std::vector<std::string> texts;
            for (const auto& c : in.comments)
                texts.push_back(c.comment);
            in.links = _links->resolveTexts(texts);
        }
        return HistoryBrief::write(in, static_cast<std::size_t>(_settings.historyPromptChars));
    });
}

} // namespace analysis
} // namespace jji
