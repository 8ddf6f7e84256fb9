#include "jji/storage/RuleStore.h"

#include "jji/storage/Guarded.h"
#include "RowValues.h"
#include "jji/storage/Timestamp.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

namespace {

const char* kColumns = "id, name, pattern, field, classification, explanation, link, enabled, origin, hit_count, "
                       "last_hit_at, created_by, created_at, updated_at";

long long insertIn(Database& db, Poco::Data::Session& s, RuleRow& row)
{
    row.createdAt = row.updatedAt = nowTimestamp();
    int enabled = row.enabled ? 1 : 0;
    const std::string insert = "INSERT INTO failure_rules (name, pattern, field, classification, explanation, link, enabled, "
                               "origin, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    Poco::Int64 id = 0;
    if (db.dialect() == Database::Dialect::PostgreSQL) {
        s << db.sql(insert + " RETURNING id"), useRef(row.name), useRef(row.pattern), useRef(row.field),
            useRef(row.classification), useRef(row.explanation), useRef(row.link), use(enabled), useRef(row.origin),
            useRef(row.createdBy), useRef(row.createdAt), useRef(row.updatedAt), into(id), now;
        return static_cast<long long>(id);
    }
    s << insert, useRef(row.name), useRef(row.pattern), useRef(row.field), useRef(row.classification),
        useRef(row.explanation), useRef(row.link), use(enabled), useRef(row.origin), useRef(row.createdBy),
        useRef(row.createdAt), useRef(row.updatedAt), now;
    s << "SELECT last_insert_rowid()", into(id), now;
    return static_cast<long long>(id);
}

} // namespace

std::vector<RuleRow> RuleStore::select(const std::string& where, const std::string& value)
{
    return guarded("cannot read rules", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql(std::string("SELECT ") + kColumns + " FROM failure_rules" + (where.empty() ? "" : " WHERE " + where) +
                          " ORDER BY id");
        if (!where.empty())
            select, useRef(value);
        select.execute();
        Poco::Data::RecordSet rs(select);
        std::vector<RuleRow> rows;
        for (std::size_t i = 0; i < rs.rowCount(); ++i) {
            RuleRow r;
            r.id = number(rs.value(0, i));
            r.name = text(rs.value(1, i));
            r.pattern = text(rs.value(2, i));
            r.field = text(rs.value(3, i));
            r.classification = text(rs.value(4, i));
            r.explanation = text(rs.value(5, i));
            r.link = text(rs.value(6, i));
            r.enabled = number(rs.value(7, i)) != 0;
            r.origin = text(rs.value(8, i));
            r.hitCount = number(rs.value(9, i));
            r.lastHitAt = text(rs.value(10, i));
            r.createdBy = text(rs.value(11, i));
            r.createdAt = text(rs.value(12, i));
            r.updatedAt = text(rs.value(13, i));
            rows.push_back(std::move(r));
        }
        return rows;
    });
}

std::vector<RuleRow> RuleStore::all()
{
    return select("", "");
}

std::optional<RuleRow> RuleStore::find(long long id)
{
    auto rows = select("id = CAST(? AS BIGINT)", std::to_string(id));
    return rows.empty() ? std::nullopt : std::optional<RuleRow>(rows.front());
}

std::optional<RuleRow> RuleStore::findByName(const std::string& name)
{
    auto rows = select("name = ?", name);
    return rows.empty() ? std::nullopt : std::optional<RuleRow>(rows.front());
}

long long RuleStore::insert(RuleRow row)
{
    return guarded("cannot store rule", [&] {
        Poco::Data::Session s = _db.session();
        return insertIn(_db, s, row);
    });
}

bool RuleStore::update(const RuleRow& row)
{
    return guarded("cannot update rule", [&] {
        Poco::Data::Session s = _db.session();
        const std::string updated = nowTimestamp();
        int enabled = row.enabled ? 1 : 0;
        Poco::Int64 id = row.id;
        Poco::Data::Statement update(s);
        update << _db.sql("UPDATE failure_rules SET name = ?, pattern = ?, field = ?, classification = ?, explanation = ?, "
                          "link = ?, enabled = ?, updated_at = ? WHERE id = ?"),
            useRef(row.name), useRef(row.pattern), useRef(row.field), useRef(row.classification), useRef(row.explanation),
            useRef(row.link), use(enabled), useRef(updated), use(id);
        return update.execute() > 0;
    });
}

bool RuleStore::remove(long long id)
{
    return guarded("cannot delete rule", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Int64 key = id;
        Poco::Data::Statement remove(s);
        remove << _db.sql("DELETE FROM failure_rules WHERE id = ?"), use(key);
        return remove.execute() > 0;
    });
}

void RuleStore::recordHits(long long id, long long hits)
{
    guarded("cannot count rule hits", [&] {
        Poco::Data::Session s = _db.session();
        const std::string at = nowTimestamp();
        Poco::Int64 key = id, by = hits;
        s << _db.sql("UPDATE failure_rules SET hit_count = hit_count + ?, last_hit_at = ? WHERE id = ?"), use(by),
            useRef(at), use(key), now;
    });
}

std::size_t RuleStore::seed(const std::vector<RuleRow>& defaults)
{
    return guarded("cannot add the default rules", [&] {
        Poco::Data::Session s = _db.session();
        return inTransaction(s, [&] {
            // ON CONFLICT DO NOTHING: daemons sharing a database may start (and seed) together.
            std::size_t added = 0;
            for (RuleRow row : defaults) {
                Poco::Data::Statement seeded(s);
                seeded << _db.sql("INSERT INTO failure_rule_seeds (name) VALUES (?) ON CONFLICT DO NOTHING"), useRef(row.name);
                if (seeded.execute() == 0)
                    continue; // seeded before (and perhaps deleted since)
                row.createdAt = row.updatedAt = nowTimestamp();
                int enabled = row.enabled ? 1 : 0;
                Poco::Data::Statement insert(s);
                insert << _db.sql("INSERT INTO failure_rules (name, pattern, field, classification, explanation, link, enabled, "
                                  "origin, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                  "ON CONFLICT DO NOTHING"), // an admin's rule of the same name wins
                    useRef(row.name), useRef(row.pattern), useRef(row.field), useRef(row.classification),
                    useRef(row.explanation), useRef(row.link), use(enabled), useRef(row.origin), useRef(row.createdBy),
                    useRef(row.createdAt), useRef(row.updatedAt);
                added += insert.execute();
            }
            return added;
        });
    });
}

} // namespace storage
} // namespace jji
