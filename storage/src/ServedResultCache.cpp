#include "jji/storage/ServedResultCache.h"

namespace jji {
namespace storage {

std::uint64_t ServedResultCache::generation() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _generation;
}

std::shared_ptr<const ServedResult> ServedResultCache::find(const std::string& jobId)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _byJob.find(jobId);
    if (it == _byJob.end())
        return nullptr;
    _recent.splice(_recent.begin(), _recent, it->second);
    return it->second->served;
}

void ServedResultCache::put(const std::string& jobId, std::shared_ptr<const ServedResult> served, std::size_t bytes,
                            std::uint64_t readAt)
{
    if (bytes > _maxEntryBytes)
        return;
    std::lock_guard<std::mutex> lock(_mutex);
    if (readAt != _generation || _byJob.count(jobId))
        return; // a write landed since the read (it may be older than the row), or a twin read won
    _recent.push_front({jobId, std::move(served), bytes});
    _byJob[jobId] = _recent.begin();
    _bytes += bytes;
    while (_bytes > _maxBytes && !_recent.empty()) {
        _bytes -= _recent.back().bytes;
        _byJob.erase(_recent.back().jobId);
        _recent.pop_back();
    }
}

void ServedResultCache::invalidate(const std::string& jobId)
{
    std::lock_guard<std::mutex> lock(_mutex);
    ++_generation;
    auto it = _byJob.find(jobId);
    if (it == _byJob.end())
        return;
    _bytes -= it->second->bytes;
    _recent.erase(it->second);
    _byJob.erase(it);
}

} // namespace storage
} // namespace jji
