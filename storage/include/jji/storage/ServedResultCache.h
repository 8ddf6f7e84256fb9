#ifndef JJI_STORAGE_SERVEDRESULTCACHE_H
#define JJI_STORAGE_SERVEDRESULTCACHE_H

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jji {
namespace storage {

struct ServedResult;

/// Results as GET /results/{id} serves them, kept in memory for the SQLite store: this
/// process is its only writer, and every write of a results row (ResultStore) drops the
/// row's entry after it committed. A read that raced a write is not kept (the write
/// generation moved meanwhile), so an entry is never older than the row. Bounded in bytes,
/// least recently used out first; a very large result (an enriched 50 MB report) is never
/// kept. Not used on PostgreSQL, where other daemons write the same rows.
class ServedResultCache
{
public:
    ServedResultCache(std::size_t maxBytes, std::size_t maxEntryBytes) : _maxBytes(maxBytes), _maxEntryBytes(maxEntryBytes) {}

    /// Read before reading the row: put() keeps it only if no write happened since.
    std::uint64_t generation() const;

    std::shared_ptr<const ServedResult> find(const std::string& jobId);
    void put(const std::string& jobId, std::shared_ptr<const ServedResult> served, std::size_t bytes, std::uint64_t readAt);
    /// After a write of the job's row has committed.
    void invalidate(const std::string& jobId);

private:
    struct Entry
    {
        std::string jobId;
        std::shared_ptr<const ServedResult> served;
        std::size_t bytes;
    };

    mutable std::mutex _mutex;
    std::uint64_t _generation = 0;
    std::list<Entry> _recent; ///< most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> _byJob;
    std::size_t _bytes = 0;
    const std::size_t _maxBytes;
    const std::size_t _maxEntryBytes;
};

} // namespace storage
} // namespace jji

#endif
