#include "jji/storage/StorageError.h"

#include <Poco/String.h>

#include <string>

namespace jji {
namespace storage {

FailureKind failureKind(const std::string& message)
{
    const std::string text = Poco::toLower(message);
    auto has = [&](const char* part) { return text.find(part) != std::string::npos; };
    // SQLite: "database is locked", "database table is locked" (SQLITE_BUSY/LOCKED);
    // PostgreSQL: "too many clients", "could not serialize", "deadlock detected".
    if (has("is locked") || has("sqlite_busy") || has("too many clients") || has("could not serialize") ||
        has("deadlock detected"))
        return FailureKind::Busy;
    // SQLite: "database or disk is full"; PostgreSQL: "could not extend file", "no space left".
    if (has("disk is full") || has("no space left") || has("could not extend file") || has("disk full"))
        return FailureKind::Full;
    if (has("foreign key constraint"))
        return FailureKind::MissingParent;
    return FailureKind::Other;
}

} // namespace storage
} // namespace jji
