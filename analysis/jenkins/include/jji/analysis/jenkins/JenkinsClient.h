#ifndef JJI_ANALYSIS_JENKINS_JENKINSCLIENT_H
#define JJI_ANALYSIS_JENKINS_JENKINSCLIENT_H

#include "jji/analysis/jenkins/ConsoleScanner.h"
#include "jji/analysis/model/Model.h"

#include <Poco/JSON/Object.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Jenkins could not be asked or said no: the message is fit for a stored job error
/// (never carries credentials).
class JenkinsError : public std::runtime_error
{
public:
    JenkinsError(const std::string& message, int status = 0) : std::runtime_error(message), _status(status) {}
    int status() const { return _status; } ///< HTTP status, 0 when Jenkins was unreachable

private:
    int _status;
};

/// Where Jenkins is and how to talk to it.
struct JenkinsConnection
{
    std::string url;        ///< e.g. https://jenkins.example.com
    std::string user;
    std::string apiToken;
    bool sslVerify = true;
    int timeoutSeconds = 30;
};

/// A build as /api/json describes it.
struct JenkinsBuild
{
    long long number = 0;
    bool building = false;
    std::string result;     ///< SUCCESS, UNSTABLE, FAILURE, ABORTED, or "" while building
    std::string url;
    long long durationMs = 0;
    Poco::JSON::Object::Ptr json; ///< the whole document (actions, subBuilds, artifacts)
};

/// Reads builds, test reports and console logs over Jenkins' REST API with basic
/// auth (user + API token). Folder jobs "a/b/c" map to /job/a/job/b/job/c.
class JenkinsClient
{
public:
    explicit JenkinsClient(JenkinsConnection connection);

    static std::string jobPath(const std::string& jobName);

    JenkinsBuild build(const std::string& jobName, long long number) const;

    /// Failed cases (status FAILED or REGRESSION) of suites[] and childReports[].result.suites[],
    /// named className.name; nullopt when the build has no test report.
    std::optional<std::vector<TestFailure>> failedTests(const std::string& jobName, long long number) const;

    /// The last `maxBytes` of the console log, read as a stream (the whole log is never held).
    std::string consoleTail(const std::string& jobName, long long number, std::size_t maxBytes) const;

    /// Error lines, tail and child-build lines of the console log, in one streaming pass.
    ConsoleExcerpt consoleExcerpt(const std::string& jobName, long long number) const;

    /// The HTTP status of a GET of Jenkins' own URL, answered within `timeoutSeconds` (for
    /// health checks); throws JenkinsError, whose message names the URL without user
    /// info, when no answer came. Not counted in jji_jenkins_errors_total.
    int probe(int timeoutSeconds) const;

    /// The browser URL of a build: <jenkins>/job/a/job/b/N/
    std::string buildUrl(const std::string& jobName, long long number) const;

    struct ArtifactDownload
    {
        std::vector<std::string> files; ///< relative paths written under the target folder
        std::size_t bytes = 0;
        std::vector<std::string> skipped; ///< "path: reason" for artifacts not written
    };

    /// Downloads the build's archived artifacts (build.json artifacts[]) into `dir`,
    /// keeping their relative paths, until `maxBytes` in total; a path that would
    /// leave `dir` is skipped, and so is every file past the cap.
    ArtifactDownload downloadArtifacts(const std::string& jobName, const JenkinsBuild& build, const std::string& dir,
                                       std::size_t maxBytes) const;

private:
    /// GET of a path under the Jenkins URL; calls `read` with the body stream on 200.
    template <typename Reader>
    auto get(const std::string& path, Reader read) const -> decltype(read(std::declval<std::istream&>()));

    JenkinsConnection _connection;
};

} // namespace analysis
} // namespace jji

#endif
