#include "jji/analysis/jobs/JenkinsJobRequest.h"

#include "jji/analysis/ai/AiRequestResolver.h"

#include <Poco/String.h>

#include <algorithm>
#include <Poco/URI.h>

namespace jji {
namespace analysis {

namespace {

/// An integer param clamped to the range the settings allow (stored and notified
/// requests skip the HTTP validation, and larger values overflow clocks and sizes).
long long bounded(const Poco::JSON::Object::Ptr& params, const std::string& name, long long fallback, long long lo, long long hi)
{
    long long v = fallback;
    if (params->has(name) && !params->get(name).isEmpty()) {
        try {
            v = params->getValue<long long>(name);
        } catch (const std::exception&) {
        }
    }
    return std::clamp(v, lo, hi);
}

template <typename T>
T value(const Poco::JSON::Object::Ptr& params, const std::string& name, T fallback)
{
    if (!params->has(name) || params->get(name).isEmpty())
        return fallback;
    return params->getValue<T>(name);
}

/// scheme://host:port of a URL, lower-cased; "" when it does not parse.
std::string origin(const std::string& url)
{
    try {
        Poco::URI uri(url);
        return Poco::toLower(uri.getScheme() + "://" + uri.getHost() + ":" + std::to_string(uri.getPort()));
    } catch (const std::exception&) {
        return "";
    }
}

} // namespace

JenkinsJobRequest JenkinsJobRequest::fromParams(const Poco::JSON::Object::Ptr& params, const config::Settings& settings)
{
    JenkinsJobRequest r;
    r.jobName = value<std::string>(params, "job_name", "");
    r.buildNumber = value<long long>(params, "build_number", 0);
    if (r.jobName.empty() || r.buildNumber <= 0)
        throw AnalysisConfigError("the request names no Jenkins job and build");
    const auto minute = std::chrono::seconds(settings.waitMinuteSeconds);
    r.waitForCompletion = value<bool>(params, "wait_for_completion", settings.waitForCompletion);
    r.pollInterval = minute * bounded(params, "poll_interval_minutes", settings.pollIntervalMinutes, 1, 1440);
    r.maxWaitMinutes = static_cast<int>(bounded(params, "max_wait_minutes", settings.maxWaitMinutes, 0, 100000));
    r.maxWait = minute * r.maxWaitMinutes;
    r.force = value<bool>(params, "force", settings.forceAnalysis);

    r.jenkins.url = value<std::string>(params, "jenkins_url", settings.jenkinsUrl);
    // The server's Jenkins credentials go only to the server's Jenkins: a request that
    // points elsewhere must bring its own (else anyone could collect them with a URL).
    const bool serversJenkins = !settings.jenkinsUrl.empty() && origin(r.jenkins.url) == origin(settings.jenkinsUrl);
    r.jenkins.user = value<std::string>(params, "jenkins_user", serversJenkins ? settings.jenkinsUser : "");
    r.jenkins.apiToken = value<std::string>(params, "jenkins_password", serversJenkins ? settings.jenkinsPassword : "");
    r.jenkins.sslVerify = value<bool>(params, "jenkins_ssl_verify", settings.jenkinsSslVerify);
    r.jenkins.timeoutSeconds = static_cast<int>(bounded(params, "jenkins_timeout", settings.jenkinsTimeout, 1, 3600));
    if (r.jenkins.url.empty())
        throw AnalysisConfigError("No Jenkins URL configured: pass jenkins_url or set JENKINS_URL on the server");

    r.getArtifacts = value<bool>(params, "get_job_artifacts", settings.getJobArtifacts);
    r.artifactsMaxBytes =
        static_cast<std::size_t>(bounded(params, "jenkins_artifacts_max_size_mb", settings.jenkinsArtifactsMaxSizeMb, 1, 100000))
        * 1024 * 1024;
    r.ai = resolveAiRequest(params, settings);
    r.repos = RepoCloner::requested(params, settings);
    r.jira = JiraSearchConfig::from(params, settings);
    r.testsRepo = TestsRepoSearchConfig::from(params, settings);

    r.callbackUrl = value<std::string>(params, "callback_url", "");
    if (Poco::JSON::Object::Ptr headers = params->getObject("callback_headers"))
        for (const auto& [name, v] : *headers)
            r.callbackHeaders.emplace_back(name, v.isEmpty() ? "" : v.convert<std::string>());
    return r;
}

} // namespace analysis
} // namespace jji
