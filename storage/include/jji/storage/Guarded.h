#ifndef JJI_STORAGE_GUARDED_H
#define JJI_STORAGE_GUARDED_H

#include "jji/storage/Metrics.h"
#include "jji/storage/StorageError.h"

#include <Poco/Exception.h>

#include <string>

namespace jji {
namespace storage {

/// Runs a database operation, turning Poco's exceptions into a StorageError that says
/// what was being done ("cannot store job: ..."). Every store goes through this.
template <typename Operation>
auto guarded(const char* what, Operation operation) -> decltype(operation())
{
    try {
        return operation();
    } catch (const Poco::Exception& e) {
        Metrics::instance().count("jji_database_errors_total");
        throw StorageError(std::string(what) + ": " + e.displayText());
    }
}

} // namespace storage
} // namespace jji

#endif
