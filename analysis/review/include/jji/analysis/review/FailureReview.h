#ifndef JJI_ANALYSIS_REVIEW_FAILUREREVIEW_H
#define JJI_ANALYSIS_REVIEW_FAILUREREVIEW_H

#include "jji/analysis/junit/FailureLocator.h"
#include "jji/storage/Database.h"
#include "jji/storage/ResultStore.h"

#include <Poco/JSON/Object.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace jji {
namespace analysis {

/// Why a review action cannot target the failure it names.
class ReviewTargetError : public std::runtime_error
{
public:
    enum class Kind
    {
        JobNotFound,
        InProgress,     ///< the job is pending, waiting or running
        JobFailed,      ///< the analysis itself failed: nothing to review
        FailureNotFound ///< the job has no such failure in that scope
    };
    ReviewTargetError(Kind kind, const std::string& message) : std::runtime_error(message), _kind(kind) {}
    Kind kind() const { return _kind; }

private:
    Kind _kind;
};

/// A failure a review action targets, inside its stored analysis.
struct ReviewTarget
{
    storage::ResultRow row;
    Poco::JSON::Object::Ptr result; ///< the whole stored document
    LocatedFailure failure;
};

/// What people do with a stored analysis: comment on a failure, mark it reviewed,
/// override its classification. Each action needs a finished, successful job that has
/// the failure in the given scope (ReviewTargetError otherwise).
class FailureReview
{
public:
    explicit FailureReview(storage::Database& db) : _db(db) {}

    struct NewComment
    {
        long long id = 0;
        std::vector<std::string> mentioned; ///< users the comment mentions
    };

    /// Stores the comment with the failure's error signature and a mention for every
    /// "@user" in it.
    NewComment addComment(const std::string& jobId, const std::string& testName, const FailureScope& scope,
                         const std::string& comment, const std::string& username);

    void setReviewed(const std::string& jobId, const std::string& testName, const FailureScope& scope, bool reviewed,
                     const std::string& username);

    /// Applies the classification to every failure of the named failure's error-signature
    /// group in the same build: in the stored result, in the failure history, and as
    /// visible primary classifications. Returns the tests changed.
    std::vector<std::string> overrideClassification(const std::string& jobId, const std::string& testName,
                                                    const FailureScope& scope, const std::string& classification,
                                                    const std::string& username);

    /// The failure `testName` in `scope` of a finished, successful job (ReviewTargetError otherwise).
    ReviewTarget target(const std::string& jobId, const std::string& testName, const FailureScope& scope);

private:

    storage::Database& _db;
};

} // namespace analysis
} // namespace jji

#endif
