#ifndef JJI_STORAGE_GUARDED_H
#define JJI_STORAGE_GUARDED_H

#include "jji/storage/Metrics.h"
#include "jji/storage/StorageError.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <string>
#include <type_traits>

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

/// Runs `work` in a transaction on `s`: committed when it returns, rolled back when it throws.
template <typename Work>
auto inTransaction(Poco::Data::Session& s, Work work) -> decltype(work())
{
    s.begin();
    try {
        if constexpr (std::is_void_v<decltype(work())>) {
            work();
            s.commit();
        } else {
            auto result = work();
            s.commit();
            return result;
        }
    } catch (...) {
        if (s.isTransaction())
            s.rollback();
        throw;
    }
}

} // namespace storage
} // namespace jji

#endif
