#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "check.hpp"
#include "storage.hpp"

using namespace ledger;

static std::string tempDir(const char* prefix) {
  std::string tmpl = std::string("/tmp/") + prefix + "-XXXXXX";
  if (!::mkdtemp(tmpl.data())) std::abort();
  return tmpl;
}

static Journal sampleJournal(std::vector<std::string>* accounts) {
  Journal j;
  for (int i = 0; i < 3; ++i) {
    accounts->push_back("acct-" + newUuid());
    j.post(accounts->back(), 100.0 * (i + 1), "opening balance");
  }
  return j;
}

static int roundTrip(const std::string& period) {
  std::vector<std::string> accounts;
  const Journal j = sampleJournal(&accounts);
  const std::string path = tempDir("ledger-snap") + "/" + period + ".snap";
  saveSnapshot(j, path, accounts);
  std::printf("saved %zu accounts to %s\n", accounts.size(), path.c_str());
  const auto rows = loadSnapshot(path);
  if (rows.size() != accounts.size()) {
    std::printf("FAIL loaded %zu rows, want %zu\n", rows.size(), accounts.size());
    return 1;
  }
  return 0;
}

CASE(snapshot_roundtrip_month) { return roundTrip("2024-06"); }
CASE(snapshot_roundtrip_quarter) { return roundTrip("2024-Q2"); }
CASE(snapshot_restore_after_restart) {
  const int pid = static_cast<int>(::getpid());
  return roundTrip("restart-" + std::to_string(pid));
}

static int exportPeriod(const std::string& period) {
  std::vector<std::string> accounts;
  const Journal j = sampleJournal(&accounts);
  const std::string dir = tempDir("ledger-export");
  std::string err;
  if (!exportCsv(j, dir, period, &err)) {
    std::fprintf(stderr, "error: export of %s failed: %s\n", period.c_str(), err.c_str());
    return 3;
  }
  std::printf("exported %s to %s\n", period.c_str(), dir.c_str());
  return 0;
}

CASE(export_month_csv) { return exportPeriod("2024-06"); }
CASE(export_year_csv) { return exportPeriod("2024"); }
CASE(export_adhoc_csv) { return exportPeriod("adhoc-" + std::to_string(epochMillis())); }

static int showConversion(double amount, const char* from, const char* to) {
  const double out = convert(amount, from, to);
  std::printf("%.2f %s = %.2f %s\n", amount, from, out, to);
  return 0;
}

CASE(fx_usd_to_eur) { return showConversion(120.0, "USD", "EUR"); }
CASE(fx_eur_to_gbp) { return showConversion(80.0, "EUR", "GBP"); }
CASE(fx_gbp_to_jpy) { return showConversion(15.5, "GBP", "JPY"); }
CASE(fx_jpy_to_eur) { return showConversion(9800.0, "JPY", "EUR"); }

int main(int argc, char** argv) { return runCase(argc, argv); }
