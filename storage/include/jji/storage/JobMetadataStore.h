#ifndef JJI_STORAGE_JOBMETADATASTORE_H
#define JJI_STORAGE_JOBMETADATASTORE_H

#include "jji/storage/Database.h"

#include <optional>
#include <string>
#include <vector>

namespace jji {
namespace storage {

/// Team, tier, version and labels of a Jenkins job (by job name).
struct JobMetadata
{
    std::string jobName;
    std::optional<std::string> team, tier, version;
    std::vector<std::string> labels;
};

/// Exact-match filters; every listed label must be present.
struct JobMetadataFilter
{
    std::string team, tier, version;
    std::vector<std::string> labels;

    bool empty() const { return team.empty() && tier.empty() && version.empty() && labels.empty(); }
    bool matches(const JobMetadata& m) const;
};

class JobMetadataStore
{
public:
    explicit JobMetadataStore(Database& db) : _db(db) {}

    std::optional<JobMetadata> find(const std::string& jobName);
    std::vector<JobMetadata> list(const JobMetadataFilter& filter);

    /// Inserts or replaces whole rows, all in one transaction.
    void put(const std::vector<JobMetadata>& rows);
    /// Inserts unless the job already has metadata (rules never overwrite what people set).
    bool putIfAbsent(const JobMetadata& row);
    bool remove(const std::string& jobName);

private:
    Database& _db;
};

} // namespace storage
} // namespace jji

#endif
