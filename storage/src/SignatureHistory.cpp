#include "jji/storage/SignatureHistory.h"

#include "jji/storage/Guarded.h"
#include "RowValues.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

namespace {

const char* kOverrideReason = "classification override"; // FailureReview's rows

/// Runs `sql` with the text values bound in order and returns its rows.
Poco::Data::RecordSet query(Database& db, Poco::Data::Session& s, const std::string& sql, const std::vector<std::string>& values)
{
    Poco::Data::Statement select(s);
    select << db.sql(sql);
    for (const auto& v : values)
        select, useRef(v);
    select.execute();
    return Poco::Data::RecordSet(select);
}

std::vector<HumanLabel> labels(const Poco::Data::RecordSet& rs)
{
    std::vector<HumanLabel> out;
    for (std::size_t i = 0; i < rs.rowCount(); ++i)
        out.push_back({text(rs.value(0, i)), text(rs.value(1, i)), text(rs.value(2, i)), text(rs.value(3, i)),
                       text(rs.value(4, i)), text(rs.value(5, i))});
    return out;
}

} // namespace

SignatureFacts SignatureHistory::facts(const std::string& signature, const std::string& jobName, int builds,
                                       const std::vector<std::string>& tests, int maxRows)
{
    return guarded("cannot read the history of a signature", [&] {
        Poco::Data::Session s = _db.session();
        SignatureFacts f;
        const std::string limit = std::to_string(std::max(1, maxRows));
        auto all = query(_db, s,
                         "SELECT COUNT(*), COUNT(DISTINCT job_id), MIN(analyzed_at), MAX(analyzed_at) FROM failure_history "
                         "WHERE error_signature = ?",
                         {signature});
        f.failures = number(all.value(0, 0));
        f.analyses = number(all.value(1, 0));
        f.firstSeen = text(all.value(2, 0));
        f.lastSeen = text(all.value(3, 0));

        auto latest = query(_db, s,
                            "SELECT job_id, test_name, child_job_name, child_build_number FROM failure_history "
                            "WHERE error_signature = ? ORDER BY analyzed_at DESC, id DESC LIMIT 1",
                            {signature});
        if (latest.rowCount() > 0) {
            f.latestJobId = text(latest.value(0, 0));
            f.latestTestName = text(latest.value(1, 0));
            f.latestChildJobName = text(latest.value(2, 0));
            f.latestChildBuildNumber = number(latest.value(3, 0));
        }

        auto classes = query(_db, s,
                             "SELECT classification, COUNT(*) FROM failure_history WHERE error_signature = ? AND "
                             "classification <> '' GROUP BY classification ORDER BY 2 DESC, 1 LIMIT " + limit,
                             {signature});
        for (std::size_t i = 0; i < classes.rowCount(); ++i)
            f.classifications.emplace_back(text(classes.value(0, i)), number(classes.value(1, i)));

        if (!jobName.empty()) {
            auto recent = query(_db, s,
                                "SELECT job_id FROM results WHERE job_name = ? AND status = 'completed' "
                                "ORDER BY created_us DESC LIMIT " + std::to_string(std::max(1, builds)),
                                {jobName});
            std::vector<std::string> jobIds;
            for (std::size_t i = 0; i < recent.rowCount(); ++i)
                jobIds.push_back(text(recent.value(0, i)));
            f.jobBuildsConsidered = static_cast<long long>(jobIds.size());
            if (!jobIds.empty()) {
                std::vector<std::string> values{signature};
                values.insert(values.end(), jobIds.begin(), jobIds.end());
                auto with = query(_db, s,
                                  "SELECT COUNT(DISTINCT job_id) FROM failure_history WHERE error_signature = ? AND job_id IN (" +
                                      placeholders(jobIds.size()) + ")",
                                  values);
                f.jobBuildsWithIt = number(with.value(0, 0));
                for (const auto& test : tests) {
                    std::vector<std::string> testValues{test};
                    testValues.insert(testValues.end(), jobIds.begin(), jobIds.end());
                    auto n = query(_db, s,
                                   "SELECT COUNT(DISTINCT job_id) FROM failure_history WHERE test_name = ? AND job_id IN (" +
                                       placeholders(jobIds.size()) + ")",
                                   testValues);
                    f.testFailuresInJob.emplace_back(test, number(n.value(0, 0)));
                }
            }
            auto others = query(_db, s,
                                "SELECT COUNT(DISTINCT job_name) FROM failure_history WHERE error_signature = ? AND job_name <> ?",
                                {signature, jobName});
            f.otherJobs = number(others.value(0, 0));
        }

        f.overrides = labels(query(_db, s,
                                   "SELECT c.test_name, c.classification, c.reason, c.created_by, c.created_at, '' "
                                   "FROM test_classifications c WHERE c.reason = ? AND EXISTS (SELECT 1 FROM failure_history h "
                                   "WHERE h.job_id = c.job_id AND h.test_name = c.test_name AND h.error_signature = ?) "
                                   "ORDER BY c.created_at DESC, c.id DESC LIMIT " + limit,
                                   {kOverrideReason, signature}));
        if (!tests.empty()) {
            std::vector<std::string> values{kOverrideReason};
            values.insert(values.end(), tests.begin(), tests.end());
            f.labels = labels(query(_db, s,
                                    "SELECT test_name, classification, reason, created_by, created_at, references_info FROM test_classifications "
                                    "WHERE visible = 1 AND reason <> ? AND test_name IN (" + placeholders(tests.size()) +
                                        ") ORDER BY created_at DESC, id DESC LIMIT " + limit,
                                    values));
        }
        return f;
    });
}

std::optional<Confirmation> SignatureHistory::latestConfirmation(const std::string& signature, const std::string& since)
{
    return guarded("cannot read confirmations", [&] {
        Poco::Data::Session s = _db.session();
        // The newest of: a review of a failure with this signature, an override of one.
        auto rs = query(_db, s,
                        "SELECT * FROM ("
                        " SELECT h.job_id, h.test_name, h.child_job_name, h.child_build_number, 'reviewed' AS confirmed_how,"
                        " r.username AS confirmed_by, r.updated_at AS confirmed_at FROM failure_history h JOIN failure_reviews r"
                        " ON r.job_id = h.job_id AND r.test_name = h.test_name AND r.child_job_name = h.child_job_name"
                        " AND r.child_build_number = h.child_build_number"
                        " WHERE h.error_signature = ? AND r.reviewed = 1 AND r.updated_at >= ?"
                        " UNION ALL"
                        " SELECT h.job_id, h.test_name, h.child_job_name, h.child_build_number, 'override' AS confirmed_how,"
                        " c.created_by AS confirmed_by, c.created_at AS confirmed_at FROM failure_history h JOIN test_classifications c"
                        " ON c.job_id = h.job_id AND c.test_name = h.test_name AND c.child_build_number = h.child_build_number"
                        " AND c.job_name = h.child_job_name"
                        " WHERE h.error_signature = ? AND c.reason = ? AND c.created_at >= ?"
                        ") confirmed ORDER BY confirmed_at DESC, confirmed_how LIMIT 1", // an override wins a tie with a review
                        {signature, since, signature, kOverrideReason, since});
        if (rs.rowCount() == 0)
            return std::optional<Confirmation>();
        return std::optional<Confirmation>(Confirmation{text(rs.value(0, 0)), text(rs.value(1, 0)), text(rs.value(2, 0)),
                                                        number(rs.value(3, 0)), text(rs.value(4, 0)), text(rs.value(5, 0)),
                                                        text(rs.value(6, 0))});
    });
}

} // namespace storage
} // namespace jji
