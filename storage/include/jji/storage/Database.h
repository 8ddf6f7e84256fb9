#ifndef JJI_STORAGE_DATABASE_H
#define JJI_STORAGE_DATABASE_H

#include "jji/storage/StorageError.h"

#include <Poco/AutoPtr.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace jji {
namespace storage {

class ServedResultCache;

/// How many connections a Database holds at most, and how long a caller waits for a free one.
struct DatabasePoolLimits
{
    int maxSessions = 32;
    std::chrono::milliseconds wait{std::chrono::seconds(10)};
};

/// A pool of connections to the embedded SQLite file or a shared PostgreSQL database,
/// chosen from one connection string. SQLite connections run in WAL mode with foreign
/// keys on and a busy timeout, so concurrent readers and one writer do not trip over
/// each other. Queries are written with '?' placeholders; sql() adapts them per dialect.
class Database
{
public:
    enum class Dialect { SQLite, PostgreSQL };

    using PoolLimits = DatabasePoolLimits;

    /// Opens a SQLite file (its folder is created) or, for a postgresql:// URL, a server.
    /// Throws StorageError with a readable reason when it cannot.
    static Database open(const std::string& sqlitePathOrPostgresUrl, PoolLimits limits = PoolLimits());

    Database(Database&&) = default;
    Database& operator=(Database&&) = default;

    /// A pooled session ready for use (pragmas applied); returned to the pool when
    /// destroyed. When every connection is in use it waits for one, up to the pool's
    /// wait, then throws DatabaseBusy.
    Poco::Data::Session session();

    Dialect dialect() const { return _dialect; }

    /// The statement text for this dialect: '?' placeholders become $1.. on PostgreSQL,
    /// and schema macros ({{ID}}, {{REAL}}) become the dialect's column types.
    std::string sql(const std::string& portable) const;

    /// True when a trivial query succeeds.
    bool ping();
    /// ping(), asked at most once a second while the database answers (health checks).
    bool recentlyReachable();
    /// Why a write could not start now ("" when it can), for GET /api/health: for SQLite the
    /// folder must exist and be writable, the file too, and a write lock must be had (taken
    /// with BEGIN IMMEDIATE and given back at once); PostgreSQL must answer and not be a
    /// read-only standby. The text names paths, never credentials.
    std::string writeProblem();

    /// A human-readable description without credentials (file path, or host/db).
    const std::string& description() const { return _description; }

    /// Served results kept in memory (SQLite only: null on PostgreSQL, shared by copies).
    ServedResultCache* servedResults() const { return _servedResults.get(); }

private:
    Database(Dialect dialect, Poco::AutoPtr<Poco::Data::SessionPool> pool, std::string description,
             std::chrono::milliseconds wait);

    Dialect _dialect;
    Poco::AutoPtr<Poco::Data::SessionPool> _pool;
    std::string _description;
    std::chrono::milliseconds _wait;
    struct Reachability
    {
        std::atomic<long long> checkedUs{0};
        std::atomic<bool> reachable{true}; ///< open() reached it; callers during the first check see that
    };
    std::shared_ptr<Reachability> _health = std::make_shared<Reachability>(); ///< shared by moved copies
    std::shared_ptr<ServedResultCache> _servedResults;
};

} // namespace storage
} // namespace jji

#endif
