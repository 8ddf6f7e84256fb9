#ifndef JJI_ANALYSIS_JOBRECOVERY_H
#define JJI_ANALYSIS_JOBRECOVERY_H

#include "jji/storage/Database.h"

#include <cstddef>

namespace jji {
namespace analysis {

/// Jobs a crash or kill left pending/waiting/running would answer 202 forever. At
/// start-up each is marked failed with a clear error, keeping its stored request.
/// Only for a daemon that owns its database (SQLite): with a shared PostgreSQL
/// database another daemon may be running those jobs right now.
std::size_t failInterruptedJobs(storage::Database& db);

} // namespace analysis
} // namespace jji

#endif
