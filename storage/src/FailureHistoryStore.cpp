#include "jji/storage/FailureHistoryStore.h"

#include "jji/storage/Guarded.h"
#include "RowValues.h"
#include "jji/storage/Timestamp.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>
#include <Poco/DigestEngine.h>
#include <Poco/Nullable.h>
#include <Poco/SHA2Engine.h>
#include <Poco/String.h>

#include <deque>
#include <set>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

namespace {

/// Ids of distinct texts (test names, error messages, job names) in history_text,
/// created on first use; searches scan these few distinct values instead of every row.
class TextIds
{
public:
    enum Kind { Test = 1, Error = 2, Job = 3 };

    TextIds(Database& db, Poco::Data::Session& s) : _db(db), _s(s) {}

    Poco::Int64 id(Kind kind, const std::string& value)
    {
        auto key = std::make_pair(static_cast<int>(kind), value);
        auto it = _cache.find(key);
        if (it != _cache.end())
            return it->second;
        Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
        sha.update(value);
        std::string hash = Poco::DigestEngine::digestToHex(sha.digest());
        int k = kind;
        _s << _db.sql("INSERT INTO history_text (kind, hash, value) VALUES (?, ?, ?) ON CONFLICT (kind, hash) DO NOTHING"),
            use(k), useRef(hash), useRef(value), now;
        Poco::Int64 id = 0;
        _s << _db.sql("SELECT id FROM history_text WHERE kind = ? AND hash = ?"), use(k), useRef(hash), into(id), now;
        _cache.emplace(std::move(key), id);
        return id;
    }

private:
    Database& _db;
    Poco::Data::Session& _s;
    std::map<std::pair<int, std::string>, Poco::Int64> _cache;
};

} // namespace

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
    guarded("cannot store failure history", [&] {
        inTransaction(s, [&] {
            if (replacedJobId)
                s << _db.sql("DELETE FROM failure_history WHERE job_id = ?"), useRef(*replacedJobId), now;
            std::string analyzedAt = nowTimestamp();
            TextIds texts(_db, s);
            for (const auto& r : rows) {
                Poco::Int64 build = r.buildNumber, childBuild = r.childBuildNumber;
                Poco::Int64 testText = texts.id(TextIds::Test, r.testName), errorText = texts.id(TextIds::Error, r.errorMessage),
                            jobText = texts.id(TextIds::Job, r.jobName);
                int version = r.signatureVersion;
                s << _db.sql("INSERT INTO failure_history (job_id, job_name, build_number, test_name, error_message, "
                             "error_signature, classification, child_job_name, child_build_number, analyzed_at, "
                             "test_text, error_text, job_text, signature_text, signature_version) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    useRef(r.jobId), useRef(r.jobName), use(build), useRef(r.testName), useRef(r.errorMessage),
                    useRef(r.errorSignature), useRef(r.classification), useRef(r.childJobName), use(childBuild),
                    useRef(analyzedAt), use(testText), use(errorText), use(jobText), useRef(r.signatureText), use(version), now;
            }
            // Rows re-signed from their message alone at an upgrade join the full signature of
            // the first new failure that has the same message-only signature.
            std::set<std::pair<std::string, std::string>> handedOver;
            for (const auto& r : rows) {
                if (r.messageOnlySignature.empty() || r.messageOnlySignature == r.errorSignature ||
                    !handedOver.insert({r.messageOnlySignature, r.errorSignature}).second)
                    continue;
                s << _db.sql("UPDATE failure_history SET error_signature = ?, signature_text = ?, provisional = 0 "
                             "WHERE error_signature = ? AND provisional = 1"),
                    useRef(r.errorSignature), useRef(r.signatureText), useRef(r.messageOnlySignature), now;
                s << _db.sql("UPDATE comments SET error_signature = ?, provisional = 0 WHERE error_signature = ? AND provisional = 1"),
                    useRef(r.errorSignature), useRef(r.messageOnlySignature), now;
            }
        });
    });
}

std::size_t FailureHistoryStore::backfillTexts()
{
    std::size_t done = 0;
    for (;;) {
        std::size_t batch = guarded("cannot index failure history", [&] {
            Poco::Data::Session s = _db.session();
            Poco::Data::Statement select(s);
            select << "SELECT id, test_name, error_message, job_name FROM failure_history WHERE test_text = 0 LIMIT 5000";
            select.execute();
            Poco::Data::RecordSet rs(select);
            if (rs.rowCount() == 0)
                return std::size_t(0);
            inTransaction(s, [&] {
                TextIds texts(_db, s);
                for (std::size_t i = 0; i < rs.rowCount(); ++i) {
                    Poco::Int64 id = rs.value(0, i).convert<Poco::Int64>();
                    Poco::Int64 testText = texts.id(TextIds::Test, rs.value(1, i).convert<std::string>()),
                                errorText = texts.id(TextIds::Error, rs.value(2, i).convert<std::string>()),
                                jobText = texts.id(TextIds::Job, rs.value(3, i).convert<std::string>());
                    s << _db.sql("UPDATE failure_history SET test_text = ?, error_text = ?, job_text = ? WHERE id = ?"),
                        use(testText), use(errorText), use(jobText), use(id), now;
                }
            });
            return rs.rowCount();
        });
        if (batch == 0)
            return done;
        done += batch;
    }
}

std::size_t FailureHistoryStore::resignOlderRows(int version, const MessageSigner& sign)
{
    backfillTexts(); // rows are found through their message's text id
    const bool pending = guarded("cannot read failure history", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Nullable<Poco::Int64> any;
        s << _db.sql("SELECT id FROM failure_history WHERE signature_version < ? LIMIT 1"), use(version), into(any), now;
        return !any.isNull();
    });
    std::size_t changed = 0;
    if (!pending)
        return 0;
    // One transaction: all rows or none. The three signature indexes are dropped and built
    // again afterwards (a sorted build is far cheaper than a million random index updates),
    // and there is one statement per distinct message (history_text), not per row.
    guarded("cannot sign failure history again", [&] {
        Poco::Data::Session s = _db.session();
        if (_db.dialect() == Database::Dialect::SQLite)
            s << "PRAGMA cache_size = -65536", now; // this connection only: the rows of a message lie all over
        inTransaction(s, [&] {
            s << "DROP INDEX IF EXISTS idx_history_signature", now;
            s << "DROP INDEX IF EXISTS idx_history_legacy_signature", now;
            s << "DROP INDEX IF EXISTS idx_history_signature_version", now;
            Poco::Int64 after = 0;
            for (;;) {
                Poco::Data::Statement select(s);
                select << _db.sql("SELECT id, value FROM history_text WHERE kind = 2 AND id > ? ORDER BY id LIMIT 2000"), use(after);
                select.execute();
                Poco::Data::RecordSet rs(select);
                if (rs.rowCount() == 0)
                    break;
                for (std::size_t i = 0; i < rs.rowCount(); ++i) {
                    Poco::Int64 errorText = rs.value(0, i).convert<Poco::Int64>();
                    auto [signature, text] = sign(rs.value(1, i).convert<std::string>());
                    Poco::Data::Statement update(s);
                    update << _db.sql("UPDATE failure_history SET legacy_signature = error_signature, error_signature = ?, "
                                      "signature_text = ?, signature_version = ?, provisional = 1 "
                                      "WHERE error_text = ? AND signature_version < ?"),
                        useRef(signature), useRef(text), use(version), use(errorText), use(version);
                    changed += update.execute();
                    after = errorText;
                }
            }
            s << "CREATE INDEX idx_history_signature ON failure_history(error_signature)", now;
            s << "CREATE INDEX idx_history_legacy_signature ON failure_history(legacy_signature)", now;
            s << "CREATE INDEX idx_history_signature_version ON failure_history(signature_version)", now;
        });
    });
    // Comments carry the signature of the failure they were written on.
    guarded("cannot sign comments again", [&] {
        Poco::Data::Session s = _db.session();
        s << _db.sql("UPDATE comments SET error_signature = COALESCE((SELECT h.error_signature FROM failure_history h "
                     "WHERE h.job_id = comments.job_id AND h.test_name = comments.test_name AND "
                     "h.child_job_name = comments.child_job_name AND h.legacy_signature = comments.legacy_signature LIMIT 1), "
                     "error_signature) WHERE provisional = 1 AND error_signature = legacy_signature"),
            now;
    });
    return changed;
}

namespace {

const char* kRowColumns = "id, job_id, job_name, build_number, test_name, error_message, error_signature, classification, "
                          "child_job_name, child_build_number, analyzed_at, signature_text, signature_version";

/// Rows of an executed SELECT of kRowColumns.
std::vector<HistoryEntry> rowsOf(Poco::Data::Statement& select)
{
    select.execute();
    Poco::Data::RecordSet rs(select);
    std::vector<HistoryEntry> rows;
    rows.reserve(rs.rowCount());
    for (std::size_t i = 0; i < rs.rowCount(); ++i) {
        HistoryEntry r;
        r.id = number(rs.value(0, i));
        r.jobId = text(rs.value(1, i));
        r.jobName = text(rs.value(2, i));
        r.buildNumber = number(rs.value(3, i));
        r.testName = text(rs.value(4, i));
        r.errorMessage = text(rs.value(5, i));
        r.errorSignature = text(rs.value(6, i));
        r.classification = text(rs.value(7, i));
        r.childJobName = text(rs.value(8, i));
        r.childBuildNumber = number(rs.value(9, i));
        r.analyzedAt = text(rs.value(10, i));
        r.signatureText = text(rs.value(11, i));
        r.signatureVersion = static_cast<int>(number(rs.value(12, i)));
        rows.push_back(std::move(r));
    }
    return rows;
}

/// A WHERE clause built from optional conditions, with the text values it binds
/// (kept here so the statement can bind them by reference).
class Conditions
{
public:
    void add(const std::string& sql, std::vector<std::string> values = {})
    {
        _sql += (_sql.empty() ? " WHERE " : " AND ") + sql;
        for (auto& v : values)
            _values.push_back(std::move(v));
    }
    void addIf(bool condition, const std::string& sql, const std::string& value)
    {
        if (condition)
            add(sql, {value});
    }
    const std::string& sql() const { return _sql; }
    void bindTo(Poco::Data::Statement& statement) const
    {
        for (const auto& v : _values)
            statement, useRef(v);
    }

private:
    std::string _sql;
    std::deque<std::string> _values; // stable addresses
};

std::string likePattern(const std::string& term)
{
    std::string escaped;
    for (char c : Poco::toLower(term)) {
        if (c == '%' || c == '_' || c == '\\')
            escaped += '\\';
        escaped += c;
    }
    return "%" + escaped + "%";
}

/// The rows a search term matches, as SQL conditions on the text-id columns: the ids of
/// the distinct texts (test names, messages, job names) that contain the term. Up to
/// kInlineIds ids are read once and written into the statements as literal lists (they are
/// our own integers), so the LIKE over the distinct texts runs once per search and kinds
/// without a match cost nothing; beyond that each statement finds them again in a CTE.
struct TermMatch
{
    static constexpr std::size_t kInlineIds = 2000;

    std::string with;                    ///< "WITH m AS (...) " when the ids are not inlined
    std::string like;                    ///< bound to `with`
    std::vector<std::string> conditions; ///< one per kind with matches

    static TermMatch find(Database& db, Poco::Data::Session& s, const std::string& like)
    {
        static const char* columns[] = {"test_text", "error_text", "job_text"};
        TermMatch match;
        std::vector<Poco::Int64> ids;
        std::vector<int> kinds;
        Poco::Data::Statement read(s);
        const std::size_t cap = kInlineIds + 1;
        read << db.sql("SELECT id, kind FROM history_text WHERE lower(value) LIKE ? ESCAPE '\\' LIMIT ?"), useRef(like),
            bind(cap), into(ids), into(kinds);
        read.execute();
        if (ids.size() > kInlineIds) {
            match.with = "WITH m AS MATERIALIZED (SELECT id, kind FROM history_text WHERE lower(value) LIKE ? ESCAPE '\\') ";
            match.like = like;
            for (int kind = 1; kind <= 3; ++kind)
                match.conditions.push_back(std::string(columns[kind - 1]) + " IN (SELECT id FROM m WHERE kind = " +
                                           std::to_string(kind) + ")");
            return match;
        }
        std::string lists[3];
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (kinds[i] < 1 || kinds[i] > 3)
                continue;
            std::string& list = lists[kinds[i] - 1];
            list += (list.empty() ? "" : ",") + std::to_string(ids[i]);
        }
        for (int k = 0; k < 3; ++k)
            if (!lists[k].empty())
                match.conditions.push_back(std::string(columns[k]) + " IN (" + lists[k] + ")");
        return match;
    }

    void bindTo(Poco::Data::Statement& statement) const
    {
        if (!with.empty())
            statement, useRef(like);
    }

    std::string any() const
    {
        std::string out;
        for (const auto& c : conditions)
            out += (out.empty() ? "(" : " OR ") + c;
        return out + ")";
    }

    /// Disjoint counts, one per kind, each answered from a covering index.
    std::string disjointCounts() const
    {
        std::string out;
        for (std::size_t i = 0; i < conditions.size(); ++i) {
            out += (i ? " + " : "") + std::string("(SELECT COUNT(*) FROM failure_history WHERE ") + conditions[i];
            for (std::size_t j = 0; j < i; ++j)
                out += " AND NOT " + conditions[j];
            out += ")";
        }
        return out;
    }

    std::string unionOf(const std::string& columns) const
    {
        std::string out;
        for (const auto& c : conditions)
            out += (out.empty() ? "" : " UNION ") + ("SELECT " + columns + " FROM failure_history WHERE " + c);
        return out;
    }
};

long long count(Database& db, Poco::Data::Session& s, const std::string& fromWhere, const Conditions& where)
{
    Poco::Data::Statement select(s);
    Poco::Int64 n = 0;
    select << db.sql("SELECT COUNT(*) FROM " + fromWhere + where.sql()), into(n);
    where.bindTo(select);
    select.execute();
    return n;
}

NamedCounts namedCounts(Database& db, Poco::Data::Session& s, const std::string& column, const Conditions& where, int limit)
{
    Poco::Data::Statement select(s);
    select << db.sql("SELECT " + column + ", COUNT(*) AS n FROM failure_history" + where.sql() + " GROUP BY " + column +
                     " ORDER BY n DESC, " + column + " LIMIT " + std::to_string(limit));
    where.bindTo(select);
    select.execute();
    Poco::Data::RecordSet rs(select);
    NamedCounts out;
    for (std::size_t i = 0; i < rs.rowCount(); ++i)
        out.emplace_back(text(rs.value(0, i)), number(rs.value(1, i)));
    return out;
}

} // namespace

std::vector<HistoryEntry> FailureHistoryStore::forJob(const std::string& jobId)
{
    return guarded("cannot read failure history", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql(std::string("SELECT ") + kRowColumns + " FROM failure_history WHERE job_id = ? ORDER BY id"),
            useRef(jobId);
        return rowsOf(select);
    });
}

HistoryPage FailureHistoryStore::search(const HistoryFilter& filter, int limit, int offset)
{
    return guarded("cannot search failure history", [&] {
        Poco::Data::Session s = _db.session();
        const std::string term = Poco::trim(filter.search);
        Conditions where;
        where.addIf(!filter.jobName.empty(), "job_name = ?", filter.jobName);
        where.addIf(!filter.classification.empty(), "classification = ?", filter.classification);
        HistoryPage page;
        if (term.empty()) {
            page.total = count(_db, s, "failure_history", where);
            Poco::Data::Statement select(s);
            select << _db.sql(std::string("SELECT ") + kRowColumns + " FROM failure_history" + where.sql() +
                              " ORDER BY analyzed_at DESC, id DESC LIMIT ? OFFSET ?");
            where.bindTo(select);
            select, bind(limit), bind(offset);
            page.rows = rowsOf(select);
            return page;
        }

        const TermMatch match = TermMatch::find(_db, s, likePattern(term));
        if (match.conditions.empty())
            return page;
        const std::string filters = where.sql().empty() ? "" : " AND " + where.sql().substr(7); // drop " WHERE "

        Poco::Data::Statement total(s);
        Poco::Int64 n = 0;
        if (filters.empty()) {
            total << _db.sql(match.with + "SELECT " + match.disjointCounts()), into(n);
        } else {
            total << _db.sql(match.with + "SELECT COUNT(*) FROM failure_history WHERE " + match.any() + filters), into(n);
        }
        match.bindTo(total);
        if (!filters.empty())
            where.bindTo(total);
        total.execute();
        page.total = n;
        if (page.total == 0 || offset >= page.total)
            return page;

        // Dense matches: walk the rows newest first until the page is full. Sparse ones:
        // collect the matching rows through the indexes and sort just those.
        Poco::Int64 span = 0;
        // Two scalar subqueries: each is one index probe (MAX(id) - MIN(id) in one SELECT scans).
        s << "SELECT COALESCE((SELECT MAX(id) FROM failure_history) - (SELECT MIN(id) FROM failure_history) + 1, 0)", into(span), now;
        const bool dense = filters.empty() && static_cast<double>(offset + limit) * static_cast<double>(span) /
                                                      static_cast<double>(page.total) <= 5000.0;
        // The page's ids are chosen from covering indexes (time beside the text ids); only
        // the page's rows are then read from the table.
        const std::string pageOrder = " ORDER BY analyzed_at DESC, id DESC";
        Poco::Data::Statement select(s);
        if (dense) {
            const bool sqlite = _db.dialect() == Database::Dialect::SQLite;
            select << _db.sql(match.with + "SELECT " + kRowColumns + " FROM failure_history WHERE id IN (SELECT id FROM failure_history" +
                              (sqlite ? " INDEXED BY idx_history_analyzed" : "") + " WHERE " + match.any() + pageOrder +
                              " LIMIT ? OFFSET ?)" + pageOrder);
            match.bindTo(select);
        } else if (filters.empty()) {
            select << _db.sql(match.with + "SELECT " + kRowColumns + " FROM failure_history WHERE id IN (SELECT id FROM (" +
                              match.unionOf("id, analyzed_at") + ") AS hits" + pageOrder + " LIMIT ? OFFSET ?)" + pageOrder);
            match.bindTo(select);
        } else {
            select << _db.sql(match.with + "SELECT " + kRowColumns + " FROM failure_history WHERE id IN (" + match.unionOf("id") + ")" +
                              filters + pageOrder + " LIMIT ? OFFSET ?");
            match.bindTo(select);
            where.bindTo(select);
        }
        select, bind(limit), bind(offset);
        page.rows = rowsOf(select);
        return page;
    });
}

TestFailureSummary FailureHistoryStore::forTest(const std::string& testName, const std::string& jobName,
                                                const std::string& excludeJobId, int recentLimit)
{
    return guarded("cannot read test history", [&] {
        Poco::Data::Session s = _db.session();
        Conditions where;
        where.add("test_name = ?", {testName});
        where.addIf(!jobName.empty(), "job_name = ?", jobName);
        where.addIf(!excludeJobId.empty(), "job_id <> ?", excludeJobId);

        TestFailureSummary out;
        Poco::Data::Statement range(s);
        Poco::Nullable<std::string> first, last;
        Poco::Int64 failures = 0;
        range << _db.sql("SELECT COUNT(*), MIN(analyzed_at), MAX(analyzed_at) FROM failure_history" + where.sql()),
            into(failures), into(first), into(last);
        where.bindTo(range);
        range.execute();
        out.failures = failures;
        out.firstSeen = first.isNull() ? "" : first.value();
        out.lastSeen = last.isNull() ? "" : last.value();
        if (out.failures == 0)
            return out;
        out.classifications = namedCounts(_db, s, "classification", where, 20);

        Poco::Data::Statement recent(s);
        recent << _db.sql(std::string("SELECT ") + kRowColumns + " FROM failure_history" + where.sql() +
                          " ORDER BY analyzed_at DESC, id DESC LIMIT ?");
        where.bindTo(recent);
        recent, bind(recentLimit);
        out.recent = rowsOf(recent);
        if (!out.recent.empty())
            out.lastClassification = out.recent.front().classification;

        Poco::Data::Statement jobs(s);
        jobs << _db.sql("SELECT DISTINCT job_id FROM failure_history" + where.sql()), into(out.failedJobIds);
        where.bindTo(jobs);
        jobs.execute();
        return out;
    });
}

SignatureSummary FailureHistoryStore::forSignature(const std::string& signature, const std::string& excludeJobId)
{
    return guarded("cannot read signature history", [&] {
        Poco::Data::Session s = _db.session();
        Conditions where;
        // A link made before an upgrade names the old signature.
        where.add("(error_signature = ? OR legacy_signature = ?)", {signature, signature});
        where.addIf(!excludeJobId.empty(), "job_id <> ?", excludeJobId);
        SignatureSummary out;
        out.occurrences = count(_db, s, "failure_history", where);
        if (out.occurrences == 0)
            return out;
        out.tests = namedCounts(_db, s, "test_name", where, 1000);
        Poco::Data::Statement last(s);
        Poco::Nullable<std::string> classification;
        last << _db.sql("SELECT classification FROM failure_history" + where.sql() + " ORDER BY analyzed_at DESC, id DESC LIMIT 1"),
            into(classification);
        where.bindTo(last);
        last.execute();
        out.lastClassification = classification.isNull() ? "" : classification.value();
        return out;
    });
}

JobFailureSummary FailureHistoryStore::forJobName(const std::string& jobName, const std::string& excludeJobId,
                                                  const std::vector<std::string>& jobIds, int mostCommonLimit)
{
    return guarded("cannot read job history", [&] {
        Poco::Data::Session s = _db.session();
        Conditions where;
        where.add("job_name = ?", {jobName});
        where.addIf(!excludeJobId.empty(), "job_id <> ?", excludeJobId);
        JobFailureSummary out;
        Poco::Data::Statement builds(s);
        Poco::Int64 n = 0;
        builds << _db.sql("SELECT COUNT(DISTINCT job_id) FROM failure_history" + where.sql()), into(n);
        where.bindTo(builds);
        builds.execute();
        out.buildsWithFailures = n;

        for (const auto& [test, occurrences] : namedCounts(_db, s, "test_name", where, mostCommonLimit)) {
            Poco::Nullable<std::string> classification;
            Poco::Data::Statement last(s);
            last << _db.sql("SELECT classification FROM failure_history" + where.sql() +
                            " AND test_name = ? ORDER BY analyzed_at DESC, id DESC LIMIT 1"),
                into(classification);
            where.bindTo(last);
            last, useRef(test);
            last.execute();
            out.mostCommon.push_back({test, occurrences, classification.isNull() ? "" : classification.value()});
        }
        for (const auto& id : jobIds) {
            Poco::Int64 failures = 0;
            s << _db.sql("SELECT COUNT(*) FROM failure_history WHERE job_id = ?"), useRef(id), into(failures), now;
            out.failuresByJobId[id] = failures;
        }
        return out;
    });
}

int FailureHistoryStore::reclassify(const std::string& jobId, const std::string& signature, const std::string& childJobName,
                                    long long childBuildNumber, const std::string& classification)
{
    return guarded("cannot update failure history", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Int64 childBuild = childBuildNumber;
        Poco::Data::Statement update(s);
        update << _db.sql("UPDATE failure_history SET classification = ? WHERE job_id = ? AND (error_signature = ? OR legacy_signature = ?) "
                          "AND child_job_name = ? AND child_build_number = ?"),
            useRef(classification), useRef(jobId), useRef(signature), useRef(signature), useRef(childJobName), use(childBuild);
        return static_cast<int>(update.execute());
    });
}

} // namespace storage
} // namespace jji
