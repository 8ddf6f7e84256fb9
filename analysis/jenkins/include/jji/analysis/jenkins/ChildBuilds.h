#ifndef JJI_ANALYSIS_JENKINS_CHILDBUILDS_H
#define JJI_ANALYSIS_JENKINS_CHILDBUILDS_H

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// A downstream build a pipeline started, named as JenkinsClient expects ("a/b").
struct ChildBuildRef
{
    std::string jobName;
    long long number = 0;

    bool operator==(const ChildBuildRef& other) const { return jobName == other.jobName && number == other.number; }
};

/// Failed (FAILURE or UNSTABLE) downstream builds of a build: its subBuilds[] when
/// present, else actions[].triggeredBuilds[] (name from jobName or parsed from url).
/// Duplicates are dropped; order is Jenkins' order.
std::vector<ChildBuildRef> failedChildrenFromBuild(const Poco::JSON::Object::Ptr& buildJson);

/// The same from console lines "Build folder » job #12 completed: FAILURE" (" » " is a folder separator).
std::vector<ChildBuildRef> failedChildrenFromConsole(const std::vector<std::string>& lines);

/// "https://ci/job/a/job/b/12/" -> {"a/b", 12}; number 0 when the URL is not a build URL.
ChildBuildRef childFromBuildUrl(const std::string& url);

} // namespace analysis
} // namespace jji

#endif
