#ifndef JJI_STORAGE_MIGRATIONS_H
#define JJI_STORAGE_MIGRATIONS_H

#include "jji/storage/Database.h"

namespace jji {
namespace storage {

/// Versioned schema migrations, applied in order at start-up and recorded in the
/// schema_version table. Re-running is a no-op; a database whose schema is newer than
/// this binary knows is refused, so an old binary never writes into a newer layout.
class Migrations
{
public:
    /// The newest schema version this binary can create.
    static int latestVersion();

    /// The version recorded in the database (0 for a new database).
    static int currentVersion(Database& db);

    /// Applies every pending migration, each in its own transaction.
    /// Throws StorageError when the on-disk schema is newer than latestVersion(). Returns
    /// the version found before (read under the migration lock: daemons may start together).
    static int apply(Database& db);

    /// Applies the pending migrations up to `version` only: tests use it to write a
    /// database as an older release left it.
    static int applyUpTo(Database& db, int version);
};

} // namespace storage
} // namespace jji

#endif
