#pragma once
#include <string>
#include <vector>

#include "ledger.hpp"

namespace ledger {

// Snapshot file: "LEDGERSNAP v<version>\n" followed by "<account> <cents>" lines.
void saveSnapshot(const Journal& j, const std::string& path, const std::vector<std::string>& accounts);
std::vector<std::pair<std::string, Cents>> loadSnapshot(const std::string& path);

// Writes <dir>/reports/<period>.csv; returns false and fills err on failure.
bool exportCsv(const Journal& j, const std::string& dir, const std::string& period, std::string* err);

// Currency conversion with a rate table; unknown pairs are logged.
double convert(double amount, const std::string& from, const std::string& to);

}  // namespace ledger
