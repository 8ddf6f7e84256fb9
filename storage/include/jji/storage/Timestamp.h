#ifndef JJI_STORAGE_TIMESTAMP_H
#define JJI_STORAGE_TIMESTAMP_H

#include <string>

namespace jji {
namespace storage {

/// Stored timestamps are UTC text "YYYY-MM-DD HH:MM:SS", sortable and dialect-neutral.
std::string nowTimestamp();

/// Seconds since the epoch with fractions, as progress_log entries carry them.
double nowEpochSeconds();

} // namespace storage
} // namespace jji

#endif
