#ifndef JJI_BRIDGE_HTTP_FAILURETARGETREADER_H
#define JJI_BRIDGE_HTTP_FAILURETARGETREADER_H

#include "jji/analysis/junit/FailureLocator.h"
#include "jji/analysis/review/FailureReview.h"
#include "jji/bridge/http/Exchange.h"
#include "jji/bridge/http/FieldReader.h"
#include "jji/bridge/http/HttpError.h"

#include <string>

namespace jji {
namespace bridge {

/// The failure a request targets: test_name plus the child-job scope fields shared by
/// every failure-targeting body (child_job_name "", child_build_number >= 0, 0 = any).
struct FailureTarget
{
    std::string testName;
    analysis::FailureScope scope;

    enum class ChildRule
    {
        AnyBuild,      ///< child_build_number 0 means any build of the child
        BuildRequired  ///< override-classification: a child needs its build number
    };

    /// Reads the fields (422 entries go to the reader's error list).
    static FailureTarget read(FieldReader& reader);

    /// 400 when the scope is inconsistent: a build number without a child job name, or
    /// (BuildRequired) a child job name without a build number.
    void checkScope(ChildRule rule) const;
};

/// The HTTP answer for a review action that cannot find its target: 404 (job or
/// failure), 202 (still running), 409 (the analysis failed).
HttpError reviewTargetHttpError(const analysis::ReviewTargetError& error);

/// Runs a review action, turning "cannot target that" into its status code.
template <typename Action>
auto reviewAction(Action action) -> decltype(action())
{
    try {
        return action();
    } catch (const analysis::ReviewTargetError& e) {
        throw reviewTargetHttpError(e);
    }
}

} // namespace bridge
} // namespace jji

#endif
