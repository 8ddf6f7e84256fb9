#ifndef JJI_STORAGE_GUARDED_H
#define JJI_STORAGE_GUARDED_H

#include "jji/storage/Metrics.h"
#include "jji/storage/StorageError.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <chrono>
#include <string>
#include <thread>
#include <type_traits>

namespace jji {
namespace storage {

/// Runs a database operation, turning Poco's exceptions into a StorageError that says
/// what was being done ("cannot store job: ..."). Every store goes through this. An
/// operation the database refused because it was busy (SQLite's lock, a serialization
/// failure) runs again, a few times: each operation takes its own session and either
/// runs in one transaction or is one statement, so a refused attempt left nothing.
template <typename Operation>
auto guarded(const char* what, Operation operation) -> decltype(operation())
{
    constexpr int kAttempts = 4;
    for (int attempt = 1;; ++attempt) {
        try {
            return operation();
        } catch (const Poco::Exception& e) {
            const FailureKind kind = failureKind(e.displayText());
            if (kind == FailureKind::Busy && attempt < kAttempts) {
                std::this_thread::sleep_for(std::chrono::milliseconds(25 * attempt * attempt));
                continue;
            }
            Metrics::instance().count("jji_database_errors_total");
            const std::string message = std::string(what) + ": " + e.displayText();
            if (kind == FailureKind::Busy)
                throw DatabaseBusy(message);
            if (kind == FailureKind::Full)
                throw StorageFull(message);
            if (kind == FailureKind::MissingParent)
                throw MissingParent(message);
            throw StorageError(message);
        }
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
