#include "jji/bridge/http/FailureTargetReader.h"

#include <Poco/String.h>

namespace jji {
namespace bridge {

FailureTarget FailureTarget::read(FieldReader& reader)
{
    FailureTarget target;
    target.testName = reader.requiredString("test_name");
    target.scope.childJobName = Poco::trim(reader.string("child_job_name"));
    target.scope.childBuildNumber = reader.integer("child_build_number", 0, {0, std::nullopt, std::nullopt});
    return target;
}

void FailureTarget::checkScope(ChildRule rule) const
{
    if (scope.childJobName.empty() && scope.childBuildNumber != 0)
        throw HttpError(400, "child_build_number requires child_job_name");
    if (rule == ChildRule::BuildRequired && !scope.childJobName.empty() && scope.childBuildNumber == 0)
        throw HttpError(400, "child_build_number must be non-zero when child_job_name is set");
}

HttpError reviewTargetHttpError(const analysis::ReviewTargetError& error)
{
    using Kind = analysis::ReviewTargetError::Kind;
    switch (error.kind()) {
    case Kind::InProgress:
        return HttpError(202, error.what());
    case Kind::JobFailed:
        return HttpError(409, error.what());
    case Kind::JobNotFound:
    case Kind::FailureNotFound:
        break;
    }
    return HttpError(404, error.what());
}

} // namespace bridge
} // namespace jji
