#include "jji/storage/ClassificationStore.h"

#include "jji/storage/Guarded.h"
#include "RowValues.h"
#include "jji/storage/Timestamp.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

#include <deque>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

long long ClassificationStore::add(ClassificationRow row)
{
    row.createdAt = nowTimestamp();
    return guarded("cannot store classification", [&] {
        Poco::Data::Session s = _db.session();
        return inTransaction(s, [&] { return insertFor(s, row); });
    });
}

long long ClassificationStore::insertFor(Poco::Data::Session& s, const ClassificationRow& row)
{
    {
        Poco::Int64 childBuild = row.childBuildNumber;
        Poco::Int64 id = 0;
        int visible = row.visible ? 1 : 0;
        const std::string insert = "INSERT INTO test_classifications (test_name, job_name, parent_job_name, classification, "
                                   "reason, references_info, created_by, job_id, child_build_number, visible, created_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        const bool postgres = _db.dialect() == Database::Dialect::PostgreSQL;
        if (!row.jobId.empty()) {
            // A job being deleted must not keep this row: the job's row is read (and, on
            // PostgreSQL, key-share locked until commit) in the same transaction.
            std::vector<std::string> job;
            s << _db.sql(std::string("SELECT job_id FROM results WHERE job_id = ?") + (postgres ? " FOR KEY SHARE" : "")),
                useRef(row.jobId), into(job), now;
            if (job.empty())
                throw MissingParent("job " + row.jobId + " was deleted");
        }
        Poco::Data::Statement statement(s);
        statement << _db.sql(insert + (postgres ? " RETURNING id" : "")), useRef(row.testName), useRef(row.jobName),
            useRef(row.parentJobName), useRef(row.classification), useRef(row.reason), useRef(row.referencesInfo),
            useRef(row.createdBy), useRef(row.jobId), use(childBuild), use(visible), useRef(row.createdAt);
        if (postgres)
            statement, into(id);
        statement.execute();
        if (!postgres)
            s << "SELECT last_insert_rowid()", into(id), now;
        return static_cast<long long>(id);
    }
}

std::vector<ClassificationRow> ClassificationStore::visible(const ClassificationFilter& filter,
                                                            const std::vector<std::string>& classifications)
{
    return guarded("cannot read classifications", [&] {
        Poco::Data::Session s = _db.session();
        std::string where = " WHERE visible = 1";
        std::deque<std::string> values;
        auto exact = [&](const char* column, const std::string& value) {
            if (value.empty())
                return;
            where += std::string(" AND ") + column + " = ?";
            values.push_back(value);
        };
        exact("test_name", filter.testName);
        exact("classification", filter.classification);
        exact("job_name", filter.jobName);
        exact("parent_job_name", filter.parentJobName);
        exact("job_id", filter.jobId);
        where += " AND classification IN (" + placeholders(classifications.size()) + ")";
        values.insert(values.end(), classifications.begin(), classifications.end());
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT id, test_name, job_name, parent_job_name, classification, reason, references_info, "
                          "created_by, job_id, child_build_number, visible, created_at FROM test_classifications" + where +
                          " ORDER BY created_at DESC, id DESC LIMIT 10000");
        for (const auto& v : values)
            select, useRef(v);
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<ClassificationRow> rows;
        for (std::size_t i = 0; i < rs.rowCount(); ++i)
            rows.push_back({number(rs.value(0, i)), text(rs.value(1, i)), text(rs.value(2, i)), text(rs.value(3, i)),
                            text(rs.value(4, i)), text(rs.value(5, i)), text(rs.value(6, i)), text(rs.value(7, i)),
                            text(rs.value(8, i)), number(rs.value(9, i)), number(rs.value(10, i)) != 0, text(rs.value(11, i))});
        return rows;
    });
}

void ClassificationStore::revealForJob(const std::string& jobId)
{
    guarded("cannot update classifications", [&] {
        Poco::Data::Session s = _db.session();
        s << _db.sql("UPDATE test_classifications SET visible = 1 WHERE job_id = ? AND created_by = 'ai'"), useRef(jobId), now;
    });
}

} // namespace storage
} // namespace jji
