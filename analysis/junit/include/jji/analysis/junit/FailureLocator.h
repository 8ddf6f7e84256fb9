#ifndef JJI_ANALYSIS_JUNIT_FAILURELOCATOR_H
#define JJI_ANALYSIS_JUNIT_FAILURELOCATOR_H

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>
#include <optional>
#include <string>

namespace jji {
namespace analysis {

/// Which build's failures a request means: the top-level build (empty child job name)
/// or a child job, by name and build number (0 = any build of that child).
struct FailureScope
{
    std::string childJobName;
    long long childBuildNumber = 0;

    bool topLevel() const { return childJobName.empty(); }
};

/// One failure inside a stored result document, with the list it belongs to (its
/// error-signature group lives in that list) and the child build it was found in.
struct LocatedFailure
{
    Poco::JSON::Object::Ptr failure;
    Poco::JSON::Array::Ptr failures;
    std::string childJobName;     ///< "" for the top level
    long long childBuildNumber = 0; ///< the actual build, also when the scope said 0
};

/// Finds `testName` within `scope` of a result document (child jobs are searched
/// through child_job_analyses and their failed_children, depth first).
std::optional<LocatedFailure> locateFailure(const Poco::JSON::Object::Ptr& result, const std::string& testName,
                                            const FailureScope& scope);

/// The ChildJobAnalysis of a child build in a result document (depth first), null when absent.
Poco::JSON::Object::Ptr findChildAnalysis(const Poco::JSON::Object::Ptr& result, const FailureScope& scope);

/// Every failure of the document, children included.
std::size_t countFailures(const Poco::JSON::Object::Ptr& result);

/// Failures of the document (children included) per classification; those without one
/// count as UNCLASSIFIED.
std::map<std::string, std::size_t> countByClassification(const Poco::JSON::Object::Ptr& result);

/// The review-map key of a failure: test_name, or child#build::test_name.
std::string reviewKey(const std::string& testName, const std::string& childJobName, long long childBuildNumber);

} // namespace analysis
} // namespace jji

#endif
