#ifndef JJI_STORAGE_STORAGEERROR_H
#define JJI_STORAGE_STORAGEERROR_H

#include <stdexcept>

namespace jji {
namespace storage {

/// A database problem the caller can report: cannot open, schema too new, query failed.
class StorageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// The database stayed busy (no free connection, or locked by writers) past the wait:
/// the caller may try again shortly (HTTP 503 with Retry-After).
class DatabaseBusy : public StorageError
{
public:
    using StorageError::StorageError;
};

/// The disk or database is full; nothing was written (HTTP 507).
class StorageFull : public StorageError
{
public:
    using StorageError::StorageError;
};

/// The row a write belongs to (a job) was deleted meanwhile (HTTP 404).
class MissingParent : public StorageError
{
public:
    using StorageError::StorageError;
};

enum class FailureKind { Other, Busy, Full, MissingParent };

/// What a database driver's error message says happened, in either dialect.
FailureKind failureKind(const std::string& message);

} // namespace storage
} // namespace jji

#endif
