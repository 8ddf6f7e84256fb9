#ifndef JJI_ANALYSIS_JOBS_JENKINSANALYSIS_H
#define JJI_ANALYSIS_JOBS_JENKINSANALYSIS_H

#include "jji/analysis/ai/AiCallLimiter.h"
#include "jji/analysis/jenkins/ChildBuilds.h"
#include "jji/analysis/jenkins/JenkinsClient.h"
#include "jji/analysis/jobs/JenkinsJobRequest.h"
#include "jji/analysis/jobs/JobRecord.h"
#include "jji/config/Settings.h"
#include "jji/storage/Database.h"

#include <Poco/JSON/Array.h>

#include <chrono>
#include <optional>
#include <utility>

namespace jji {
namespace analysis {

/// The pipeline of one Jenkins-backed analysis: wait for the build (without sleeping:
/// the caller schedules the next poll), fetch its failed tests (or its console when
/// there is no test report), follow failed child builds recursively, classify every
/// unique error with the AI, and store the AnalysisResult with failure history and
/// token usage. Progress phases go to the job record as they happen.
class JenkinsAnalysis
{
public:
    JenkinsAnalysis(const config::Settings& settings, storage::Database& db, AiCallLimiter& limiter)
        : _settings(settings), _db(db), _limiter(limiter)
    {
    }

    /// Advances the job. Returns the delay after which to call again while Jenkins is
    /// still building; nullopt once the job has ended (stored as completed or failed).
    /// `unreachableCount` counts consecutive failed polls across calls (a Jenkins that
    /// is briefly unreachable while we wait does not fail the job at once).
    std::optional<std::chrono::milliseconds> run(JobRecord& record, const JenkinsJobRequest& request,
                                                 int& unreachableCount) const;

private:
    struct Accumulated; // what every build of the tree adds: history, usage, errors
    struct BuildOutcome
    {
        Poco::JSON::Array::Ptr failures = new Poco::JSON::Array;
        Poco::JSON::Array::Ptr children = new Poco::JSON::Array;
        std::size_t failureCount = 0;      ///< this build's failures
        std::size_t treeFailureCount = 0;  ///< including every descendant
        std::size_t uniqueErrors = 0;
        std::string summary;
        std::string knownNote; ///< FailureAnalyzer::Outcome::knownNote of this build
    };

    BuildOutcome analyzeBuild(const JenkinsClient& client, const ChildBuildRef& ref, const JenkinsBuild& build, int depth,
                              const AiRequest& ai, Accumulated& acc, JobRecord* record) const;
    /// The ChildJobAnalysis of one failed downstream build and its failure count (with descendants).
    std::pair<Poco::JSON::Object::Ptr, std::size_t> analyzeChild(const JenkinsClient& client, const ChildBuildRef& ref,
                                                                 int depth, const AiRequest& ai, Accumulated& acc) const;
    std::string downloadArtifacts(const JenkinsClient& client, const JenkinsJobRequest& request, const JenkinsBuild& build,
                                  const std::string& workspace) const;

    const config::Settings& _settings;
    storage::Database& _db;
    AiCallLimiter& _limiter;
};

} // namespace analysis
} // namespace jji

#endif
