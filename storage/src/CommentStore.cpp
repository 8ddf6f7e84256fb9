#include "jji/storage/CommentStore.h"

#include "jji/storage/Guarded.h"
#include "RowValues.h"
#include "jji/storage/Timestamp.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

long long CommentStore::add(CommentRow row)
{
    row.createdAt = nowTimestamp();
    return guarded("cannot store comment", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Int64 childBuild = row.childBuildNumber;
        Poco::Int64 id = 0;
        const char* insert = "INSERT INTO comments (job_id, test_name, child_job_name, child_build_number, comment, "
                             "error_signature, username, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        if (_db.dialect() == Database::Dialect::PostgreSQL) {
            s << _db.sql(std::string(insert) + " RETURNING id"), useRef(row.jobId), useRef(row.testName),
                useRef(row.childJobName), use(childBuild), useRef(row.comment), useRef(row.errorSignature),
                useRef(row.username), useRef(row.createdAt), into(id), now;
            return static_cast<long long>(id);
        }
        // SQLite: last_insert_rowid() is per connection, and this session is ours until it goes.
        s << insert, useRef(row.jobId), useRef(row.testName), useRef(row.childJobName), use(childBuild),
            useRef(row.comment), useRef(row.errorSignature), useRef(row.username), useRef(row.createdAt), now;
        s << "SELECT last_insert_rowid()", into(id), now;
        return static_cast<long long>(id);
    });
}

std::vector<CommentRow> CommentStore::select(const std::string& where, const std::vector<std::string>& values, int limit)
{
    return guarded("cannot read comments", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT id, job_id, test_name, child_job_name, child_build_number, comment, error_signature, "
                          "username, created_at FROM comments WHERE " + where + " LIMIT ?");
        for (const auto& v : values)
            select, useRef(v);
        select, bind(limit);
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<CommentRow> rows;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            rows.push_back({number(rs.value(0, i)), text(rs.value(1, i)), text(rs.value(2, i)), text(rs.value(3, i)),
                            number(rs.value(4, i)), text(rs.value(5, i)), text(rs.value(6, i)), text(rs.value(7, i)),
                            text(rs.value(8, i))});
        return rows;
    });
}

std::vector<CommentRow> CommentStore::forJob(const std::string& jobId)
{
    return select("job_id = ? ORDER BY id", {jobId}, 100000);
}

std::optional<CommentRow> CommentStore::find(const std::string& jobId, long long id)
{
    auto rows = select("job_id = ? AND id = ?", {jobId, std::to_string(id)}, 1);
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

bool CommentStore::remove(const std::string& jobId, long long id)
{
    return guarded("cannot delete comment", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Int64 commentId = id;
        Poco::Data::Statement del(s);
        del << _db.sql("DELETE FROM comments WHERE job_id = ? AND id = ?"), useRef(jobId), use(commentId);
        return del.execute() > 0;
    });
}

std::vector<CommentRow> CommentStore::forTest(const std::string& testName, const std::string& excludeJobId, int limit)
{
    return select("test_name = ? AND job_id <> ? ORDER BY created_at DESC, id DESC", {testName, excludeJobId}, limit);
}

std::vector<CommentRow> CommentStore::forSignature(const std::string& signature, const std::string& excludeJobId, int limit)
{
    return select("(error_signature = ? OR legacy_signature = ?) AND error_signature <> '' AND job_id <> ? "
                  "ORDER BY created_at DESC, id DESC",
                  {signature, signature, excludeJobId}, limit);
}

void CommentStore::setReviewed(const std::string& jobId, const ReviewRow& review)
{
    guarded("cannot store review", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Int64 childBuild = review.childBuildNumber;
        int reviewed = review.reviewed ? 1 : 0;
        const std::string updatedAt = nowTimestamp();
        // One statement, so concurrent toggles of one failure cannot insert twice.
        s << _db.sql("INSERT INTO failure_reviews (job_id, test_name, child_job_name, child_build_number, reviewed, username, "
                     "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job_id, test_name, child_job_name, "
                     "child_build_number) DO UPDATE SET reviewed = excluded.reviewed, username = excluded.username, "
                     "updated_at = excluded.updated_at"),
            useRef(jobId), useRef(review.testName), useRef(review.childJobName), use(childBuild), use(reviewed),
            useRef(review.username), useRef(updatedAt), now;
    });
}

std::vector<ReviewRow> CommentStore::reviews(const std::string& jobId)
{
    return guarded("cannot read reviews", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT test_name, child_job_name, child_build_number, reviewed, username, updated_at "
                          "FROM failure_reviews WHERE job_id = ? ORDER BY test_name"),
            useRef(jobId);
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<ReviewRow> rows;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            rows.push_back({text(rs.value(0, i)), text(rs.value(1, i)), number(rs.value(2, i)), number(rs.value(3, i)) != 0,
                            text(rs.value(4, i)), text(rs.value(5, i))});
        return rows;
    });
}

int CommentStore::reviewedCount(const std::string& jobId)
{
    return guarded("cannot count reviews", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Int64 n = 0;
        s << _db.sql("SELECT COUNT(*) FROM failure_reviews WHERE job_id = ? AND reviewed = 1"), useRef(jobId), into(n), now;
        return static_cast<int>(n);
    });
}

int CommentStore::commentCount(const std::string& jobId)
{
    return guarded("cannot count comments", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Int64 n = 0;
        s << _db.sql("SELECT COUNT(*) FROM comments WHERE job_id = ?"), useRef(jobId), into(n), now;
        return static_cast<int>(n);
    });
}

} // namespace storage
} // namespace jji
