#ifndef JJI_STORAGE_CLASSIFICATIONSTORE_H
#define JJI_STORAGE_CLASSIFICATIONSTORE_H

#include "jji/storage/Database.h"

#include <string>
#include <vector>

namespace jji {
namespace storage {

/// A classification a person (or the AI) attached to a test: the primary ones (CODE
/// ISSUE, PRODUCT BUG, INFRASTRUCTURE) come from overrides, the history labels (FLAKY,
/// REGRESSION, ...) from POST /history/classify.
struct ClassificationRow
{
    long long id = 0;
    std::string testName;
    std::string jobName;        ///< child job name context; "" for top level
    std::string parentJobName;  ///< top-level job name
    std::string classification;
    std::string reason;
    std::string referencesInfo;
    std::string createdBy;      ///< a username, or "ai"
    std::string jobId;
    long long childBuildNumber = 0;
    bool visible = true;
    std::string createdAt;
};

/// Exact-match filters of GET /history/classifications ("" = any).
struct ClassificationFilter
{
    std::string testName, classification, jobName, parentJobName, jobId;
};

class ClassificationStore
{
public:
    explicit ClassificationStore(Database& db) : _db(db) {}

    long long add(ClassificationRow row);

    /// Visible rows whose classification is one of `classifications`, newest first.
    std::vector<ClassificationRow> visible(const ClassificationFilter& filter, const std::vector<std::string>& classifications);

    /// Makes the AI-authored rows of a job visible (when its analysis completes).
    void revealForJob(const std::string& jobId);

private:
    /// The insert, in the caller's transaction; MissingParent when the row's job is gone.
    long long insertFor(Poco::Data::Session& s, const ClassificationRow& row);

    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
