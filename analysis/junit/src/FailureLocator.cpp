#include "jji/analysis/junit/FailureLocator.h"

#include <map>

namespace jji {
namespace analysis {

namespace {

std::optional<LocatedFailure> inList(const Poco::JSON::Array::Ptr& failures, const std::string& testName)
{
    for (std::size_t i = 0; failures && i < failures->size(); ++i) {
        Poco::JSON::Object::Ptr f = failures->getObject(static_cast<unsigned>(i));
        if (f && f->optValue<std::string>("test_name", "") == testName)
            return LocatedFailure{f, failures, "", 0};
    }
    return std::nullopt;
}

std::optional<LocatedFailure> inChildren(const Poco::JSON::Array::Ptr& children, const std::string& testName,
                                         const FailureScope& scope)
{
    for (std::size_t i = 0; children && i < children->size(); ++i) {
        Poco::JSON::Object::Ptr child = children->getObject(static_cast<unsigned>(i));
        if (!child)
            continue;
        const std::string name = child->optValue<std::string>("job_name", "");
        const long long number = child->optValue<long long>("build_number", 0);
        if (name == scope.childJobName && (scope.childBuildNumber == 0 || number == scope.childBuildNumber)) {
            if (auto found = inList(child->getArray("failures"), testName)) {
                found->childJobName = name;
                found->childBuildNumber = number;
                return found;
            }
        }
        if (auto deeper = inChildren(child->getArray("failed_children"), testName, scope))
            return deeper;
    }
    return std::nullopt;
}

Poco::JSON::Object::Ptr childIn(const Poco::JSON::Array::Ptr& children, const FailureScope& scope)
{
    for (std::size_t i = 0; children && i < children->size(); ++i) {
        Poco::JSON::Object::Ptr child = children->getObject(static_cast<unsigned>(i));
        if (!child)
            continue;
        if (child->optValue<std::string>("job_name", "") == scope.childJobName &&
            (scope.childBuildNumber == 0 || child->optValue<long long>("build_number", 0) == scope.childBuildNumber))
            return child;
        if (Poco::JSON::Object::Ptr deeper = childIn(child->getArray("failed_children"), scope))
            return deeper;
    }
    return nullptr;
}

void classifyIn(const Poco::JSON::Array::Ptr& failures, std::map<std::string, std::size_t>& counts)
{
    for (std::size_t i = 0; failures && i < failures->size(); ++i) {
        Poco::JSON::Object::Ptr f = failures->getObject(static_cast<unsigned>(i));
        Poco::JSON::Object::Ptr analysis = f ? f->getObject("analysis") : nullptr;
        const std::string c = analysis ? analysis->optValue<std::string>("classification", "") : "";
        ++counts[c.empty() ? "UNCLASSIFIED" : c];
    }
}

void classifyChildren(const Poco::JSON::Array::Ptr& children, std::map<std::string, std::size_t>& counts)
{
    for (std::size_t i = 0; children && i < children->size(); ++i) {
        Poco::JSON::Object::Ptr child = children->getObject(static_cast<unsigned>(i));
        if (!child)
            continue;
        classifyIn(child->getArray("failures"), counts);
        classifyChildren(child->getArray("failed_children"), counts);
    }
}

std::size_t countIn(const Poco::JSON::Array::Ptr& children)
{
    std::size_t n = 0;
    for (std::size_t i = 0; children && i < children->size(); ++i) {
        Poco::JSON::Object::Ptr child = children->getObject(static_cast<unsigned>(i));
        if (!child)
            continue;
        if (auto failures = child->getArray("failures"))
            n += failures->size();
        n += countIn(child->getArray("failed_children"));
    }
    return n;
}

} // namespace

std::optional<LocatedFailure> locateFailure(const Poco::JSON::Object::Ptr& result, const std::string& testName,
                                            const FailureScope& scope)
{
    if (!result)
        return std::nullopt;
    if (scope.topLevel())
        return inList(result->getArray("failures"), testName);
    return inChildren(result->getArray("child_job_analyses"), testName, scope);
}

Poco::JSON::Object::Ptr findChildAnalysis(const Poco::JSON::Object::Ptr& result, const FailureScope& scope)
{
    return result && !scope.topLevel() ? childIn(result->getArray("child_job_analyses"), scope) : nullptr;
}

std::size_t countFailures(const Poco::JSON::Object::Ptr& result)
{
    if (!result)
        return 0;
    Poco::JSON::Array::Ptr failures = result->getArray("failures");
    return (failures ? failures->size() : 0) + countIn(result->getArray("child_job_analyses"));
}

std::map<std::string, std::size_t> countByClassification(const Poco::JSON::Object::Ptr& result)
{
    std::map<std::string, std::size_t> counts;
    if (result) {
        classifyIn(result->getArray("failures"), counts);
        classifyChildren(result->getArray("child_job_analyses"), counts);
    }
    return counts;
}

std::string reviewKey(const std::string& testName, const std::string& childJobName, long long childBuildNumber)
{
    if (childJobName.empty())
        return testName;
    return childJobName + "#" + std::to_string(childBuildNumber) + "::" + testName;
}

} // namespace analysis
} // namespace jji
