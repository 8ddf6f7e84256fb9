#ifndef JJI_STORAGE_COMMENTSTORE_H
#define JJI_STORAGE_COMMENTSTORE_H

#include "jji/storage/Database.h"

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace storage {

/// A comment on one failure of a job.
struct CommentRow
{
    long long id = 0;
    std::string jobId;
    std::string testName;
    std::string childJobName;
    long long childBuildNumber = 0;
    std::string comment;
    std::string errorSignature;
    std::string username;
    std::string createdAt;
};

/// The reviewed flag of one failure of a job.
struct ReviewRow
{
    std::string testName;
    std::string childJobName;
    long long childBuildNumber = 0;
    bool reviewed = false;
    std::string username;
    std::string updatedAt;
};

/// The review aggregate: comments and reviewed flags on the failures of stored jobs
/// (both go when their job is deleted).
class CommentStore
{
public:
    explicit CommentStore(Database& db) : _db(db) {}

    /// Stores the comment (createdAt filled in) and returns its id.
    long long add(CommentRow row);

    std::vector<CommentRow> forJob(const std::string& jobId);
    std::optional<CommentRow> find(const std::string& jobId, long long id);
    bool remove(const std::string& jobId, long long id);

    /// Newest first, across jobs; `excludeJobId` left out when not empty.
    std::vector<CommentRow> forTest(const std::string& testName, const std::string& excludeJobId, int limit);
    std::vector<CommentRow> forSignature(const std::string& signature, const std::string& excludeJobId, int limit);

    /// Sets (or clears) the reviewed flag, recording who did it.
    void setReviewed(const std::string& jobId, const ReviewRow& review);
    std::vector<ReviewRow> reviews(const std::string& jobId);

    int reviewedCount(const std::string& jobId);
    int commentCount(const std::string& jobId);

private:
    std::vector<CommentRow> select(const std::string& where, const std::vector<std::string>& values, int limit);

    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
