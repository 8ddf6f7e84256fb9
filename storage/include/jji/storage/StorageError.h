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

} // namespace storage
} // namespace jji

#endif
