#include "jji/storage/JobMetadataStore.h"

#include "jji/storage/Guarded.h"
#include "jji/storage/Timestamp.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <sstream>

using namespace Poco::Data::Keywords;

namespace jji {
namespace storage {

namespace {

// Absent values are stored as '' (the columns predate nullable metadata) and read back as null.
std::string stored(const std::optional<std::string>& v)
{
    return v.value_or("");
}

std::optional<std::string> loaded(const Poco::Dynamic::Var& v)
{
    if (v.isEmpty() || v.convert<std::string>().empty())
        return std::nullopt;
    return v.convert<std::string>();
}

std::string labelsJson(const std::vector<std::string>& labels)
{
    Poco::JSON::Array array;
    for (const auto& l : labels)
        array.add(l);
    std::ostringstream out;
    array.stringify(out);
    return out.str();
}

std::vector<std::string> labelsFrom(const Poco::Dynamic::Var& v)
{
    std::vector<std::string> labels;
    try {
        Poco::JSON::Array::Ptr array = Poco::JSON::Parser().parse(v.convert<std::string>()).extract<Poco::JSON::Array::Ptr>();
        for (std::size_t i = 0; i < array->size(); ++i)
            labels.push_back(array->getElement<std::string>(static_cast<unsigned>(i)));
    } catch (const std::exception&) {
    }
    return labels;
}

std::vector<JobMetadata> rowsOf(Poco::Data::Statement& select)
{
    select.execute();
    Poco::Data::RecordSet rs(select);
    std::vector<JobMetadata> rows;
    for (std::size_t i = 0; i < rs.rowCount(); ++i)
        rows.push_back({rs.value(0, i).convert<std::string>(), loaded(rs.value(1, i)), loaded(rs.value(2, i)),
                        loaded(rs.value(3, i)), labelsFrom(rs.value(4, i))});
    return rows;
}

const char* kSelect = "SELECT job_name, team, tier, version, labels_json FROM job_metadata";

} // namespace

bool JobMetadataFilter::matches(const JobMetadata& m) const
{
    if (!team.empty() && m.team.value_or("") != team)
        return false;
    if (!tier.empty() && m.tier.value_or("") != tier)
        return false;
    if (!version.empty() && m.version.value_or("") != version)
        return false;
    for (const auto& label : labels)
        if (std::find(m.labels.begin(), m.labels.end(), label) == m.labels.end())
            return false;
    return true;
}

std::optional<JobMetadata> JobMetadataStore::find(const std::string& jobName)
{
    return guarded("cannot read job metadata", [&]() -> std::optional<JobMetadata> {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << _db.sql(std::string(kSelect) + " WHERE job_name = ?"), useRef(jobName);
        auto rows = rowsOf(select);
        if (rows.empty())
            return std::nullopt;
        return rows.front();
    });
}

std::vector<JobMetadata> JobMetadataStore::list(const JobMetadataFilter& filter)
{
    auto rows = guarded("cannot list job metadata", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement select(s);
        select << std::string(kSelect) + " ORDER BY job_name";
        return rowsOf(select);
    });
    rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const JobMetadata& m) { return !filter.matches(m); }), rows.end());
    return rows;
}

void JobMetadataStore::put(const std::vector<JobMetadata>& rows)
{
    Poco::Data::Session s = _db.session();
    guarded("cannot store job metadata", [&] {
        inTransaction(s, [&] {
            const std::string updatedAt = nowTimestamp();
            for (const auto& row : rows) {
                std::string team = stored(row.team), tier = stored(row.tier), version = stored(row.version),
                            labels = labelsJson(row.labels);
                s << _db.sql("INSERT INTO job_metadata (job_name, team, tier, version, labels_json, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_name) DO UPDATE SET team = excluded.team, "
                             "tier = excluded.tier, version = excluded.version, labels_json = excluded.labels_json, "
                             "updated_at = excluded.updated_at"),
                    useRef(row.jobName), useRef(team), useRef(tier), useRef(version), useRef(labels), useRef(updatedAt), now;
            }
        });
    });
}

bool JobMetadataStore::putIfAbsent(const JobMetadata& row)
{
    return guarded("cannot store job metadata", [&] {
        Poco::Data::Session s = _db.session();
        std::string team = stored(row.team), tier = stored(row.tier), version = stored(row.version),
                    labels = labelsJson(row.labels), updatedAt = nowTimestamp();
        Poco::Data::Statement insert(s);
        insert << _db.sql("INSERT INTO job_metadata (job_name, team, tier, version, labels_json, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (job_name) DO NOTHING"),
            useRef(row.jobName), useRef(team), useRef(tier), useRef(version), useRef(labels), useRef(updatedAt);
        return insert.execute() > 0;
    });
}

bool JobMetadataStore::remove(const std::string& jobName)
{
    return guarded("cannot delete job metadata", [&] {
        Poco::Data::Session s = _db.session();
        Poco::Data::Statement del(s);
        del << _db.sql("DELETE FROM job_metadata WHERE job_name = ?"), useRef(jobName);
        return del.execute() > 0;
    });
}

} // namespace storage
} // namespace jji
