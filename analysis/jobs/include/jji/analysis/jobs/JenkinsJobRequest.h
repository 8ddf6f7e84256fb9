#ifndef JJI_ANALYSIS_JOBS_JENKINSJOBREQUEST_H
#define JJI_ANALYSIS_JOBS_JENKINSJOBREQUEST_H

#include "jji/analysis/ai/FailureAnalyzer.h"
#include "jji/analysis/jenkins/JenkinsClient.h"
#include "jji/analysis/trackers/JiraEnrichment.h"
#include "jji/analysis/trackers/TestsRepoEnrichment.h"
#include "jji/analysis/workspace/RepoCloner.h"
#include "jji/config/Settings.h"

#include <Poco/JSON/Object.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace jji {
namespace analysis {

/// Everything a Jenkins-backed analysis needs, resolved from its request params
/// (with secrets) over the server settings. Built when the request arrives, and again
/// from the stored params whenever the job is (re)started, so a resumed job behaves
/// as the original request asked.
struct JenkinsJobRequest
{
    std::string jobName;
    long long buildNumber = 0;
    bool waitForCompletion = true;
    std::chrono::seconds pollInterval{120};
    std::chrono::seconds maxWait{0};   ///< 0 = no limit
    int maxWaitMinutes = 0;            ///< as requested, for messages
    bool force = false;
    JenkinsConnection jenkins;
    bool getArtifacts = true;
    std::size_t artifactsMaxBytes = 0;
    AiRequest ai;
    std::vector<RepoSpec> repos;       ///< tests repo and additional repos to clone for the AI
    JiraSearchConfig jira;             ///< the enriching_jira step
    TestsRepoSearchConfig testsRepo;   ///< the enriching_tests_repo step
    std::string callbackUrl;
    std::vector<std::pair<std::string, std::string>> callbackHeaders;

    /// Throws AnalysisConfigError when something needed is configured nowhere
    /// (no Jenkins URL, no AI provider or model).
    static JenkinsJobRequest fromParams(const Poco::JSON::Object::Ptr& params, const config::Settings& settings);
};

} // namespace analysis
} // namespace jji

#endif
