#include "jji/storage/FailureHistoryStore.h"

#include "jji/storage/Guarded.h"
#include "jji/storage/Timestamp.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

void FailureHistoryStore::addAll(const std::vector<FailureHistoryRow>& rows)
{
    if (!rows.empty())
        write(rows, nullptr);
}

void FailureHistoryStore::replaceForJob(const std::string& jobId, const std::vector<FailureHistoryRow>& rows)
{
    write(rows, &jobId);
}

void FailureHistoryStore::write(const std::vector<FailureHistoryRow>& rows, const std::string* replacedJobId)
{
    Poco::Data::Session s = _db.session();
    try {
        s.begin();
        if (replacedJobId)
            s << _db.sql("DELETE FROM failure_history WHERE job_id = ?"), useRef(*replacedJobId), now;
        std::string analyzedAt = nowTimestamp();
        for (const auto& r : rows) {
            std::string jobId = r.jobId, jobName = r.jobName, test = r.testName, error = r.errorMessage,
                        signature = r.errorSignature, classification = r.classification, child = r.childJobName;
            Poco::Int64 build = r.buildNumber, childBuild = r.childBuildNumber;
            s << _db.sql("INSERT INTO failure_history (job_id, job_name, build_number, test_name, error_message, "
                         "error_signature, classification, child_job_name, child_build_number, analyzed_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                use(jobId), use(jobName), use(build), use(test), use(error), use(signature), use(classification),
                use(child), use(childBuild), use(analyzedAt), now;
        }
        s.commit();
    } catch (const Poco::Exception& e) {
        if (s.isTransaction())
            s.rollback();
        throw StorageError("cannot store failure history: " + e.displayText());
    }
}

std::vector<FailureHistoryRow> FailureHistoryStore::forJob(const std::string& jobId)
{
    return guarded("cannot read failure history", [&] {
        Poco::Data::Session s = _db.session();
        std::string id = jobId;
        Poco::Data::Statement select(s);
        select << _db.sql("SELECT job_id, job_name, build_number, test_name, error_message, error_signature, classification, "
                          "child_job_name, child_build_number FROM failure_history WHERE job_id = ? ORDER BY id"),
            use(id);
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<FailureHistoryRow> rows;
        for (std::size_t i = 0; i < rs.rowCount(); ++i) {
            FailureHistoryRow r;
            r.jobId = rs.value(0, i).convert<std::string>();
            r.jobName = rs.value(1, i).convert<std::string>();
            r.buildNumber = rs.value(2, i).convert<long long>();
            r.testName = rs.value(3, i).convert<std::string>();
            r.errorMessage = rs.value(4, i).convert<std::string>();
            r.errorSignature = rs.value(5, i).convert<std::string>();
            r.classification = rs.value(6, i).convert<std::string>();
            r.childJobName = rs.value(7, i).convert<std::string>();
            r.childBuildNumber = rs.value(8, i).convert<long long>();
            rows.push_back(std::move(r));
        }
        return rows;
    });
}

} // namespace storage
} // namespace jji
