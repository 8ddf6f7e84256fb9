#ifndef JJI_ANALYSIS_KNOWLEDGE_KNOWNFAILURES_H
#define JJI_ANALYSIS_KNOWLEDGE_KNOWNFAILURES_H

#include "jji/analysis/ai/FailureKnowledge.h"
#include "jji/analysis/knowledge/RuleMatcher.h"
#include "jji/analysis/trackers/CommentLinks.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

#include <Poco/JSON/Object.h>

#include <map>
#include <mutex>

namespace jji {
namespace analysis {

/// What the database knows about the failures of one analysis: a rule of the knowledge
/// base, then an analysis of the same signature a person confirmed within JJI_REUSE_DAYS,
/// stand in for the AI; otherwise the signature's history goes into its prompt.
class KnownFailures : public FailureKnowledge
{
public:
    struct Options
    {
        std::string jobName;        ///< "" for direct analyses (no per-job history)
        std::string console;        ///< the build's console excerpt, for rules on "console"
        bool reuseConfirmed = true; ///< the request's reuse_confirmed
    };

    /// `links`: resolves the states of tracker references in comments; null leaves them out.
    KnownFailures(const config::Settings& settings, storage::Database& db, const CommentLinks* links, Options options);

    std::optional<KnownAnswer> known(const std::string& signature, const std::vector<TestFailure>& group) const override;
    std::string history(const std::string& signature, const std::vector<TestFailure>& group) const override;

private:
    std::optional<KnownAnswer> byRule(const std::vector<TestFailure>& group) const;
    std::optional<KnownAnswer> confirmed(const std::string& signature) const;
    Poco::JSON::Object::Ptr storedResult(const std::string& jobId) const;

    const config::Settings& _settings;
    storage::Database& _db;
    const CommentLinks* _links;
    Options _options;
    RuleMatcher _rules;
    mutable std::mutex _mutex;
    mutable std::map<std::string, Poco::JSON::Object::Ptr> _results; ///< stored results read for reuse, by job id
};

} // namespace analysis
} // namespace jji

#endif
