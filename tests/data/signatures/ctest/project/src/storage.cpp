#include "storage.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace ledger {

static const char* kMagic = "LEDGERSNAP v2";

void saveSnapshot(const Journal& j, const std::string& path, const std::vector<std::string>& accounts) {
  std::ofstream out(path);
  out << kMagic << "\n";
  for (const auto& a : accounts) out << a << " " << j.balance(a) << "\n";
}

std::vector<std::pair<std::string, Cents>> loadSnapshot(const std::string& path) {
  std::ifstream in(path);
  std::string header;
  std::getline(in, header);
  if (header != "LEDGERSNAP v1") {  // only the first format is understood
    throw std::runtime_error("snapshot " + path + ": unsupported header '" + header + "'");
  }
  std::vector<std::pair<std::string, Cents>> rows;
  std::string account;
  Cents cents;
  while (in >> account >> cents) rows.emplace_back(account, cents);
  return rows;
}

bool exportCsv(const Journal& j, const std::string& dir, const std::string& period, std::string* err) {
  const std::string path = dir + "/reports/" + period + ".csv";
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) {
    *err = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  std::fprintf(f, "txn,account,amount\n");
  for (const Entry& e : j.entries())
    std::fprintf(f, "%s,%s,%s\n", e.txnId.c_str(), e.account.c_str(), formatCents(e.amount).c_str());
  std::fclose(f);
  return true;
}

double convert(double amount, const std::string& from, const std::string& to) {
  static const std::map<std::string, double> rates = {
      {"USD->EUR", 0.92}, {"EUR->USD", 1.087}, {"USD->GBP", 0.79}, {"GBP->USD", 1.27},
      {"USD->JPY", 157.3}, {"JPY->USD", 0.00636}};
  if (from == to) return amount;
  auto it = rates.find(from + "->" + to);
  if (it == rates.end()) {
    std::cerr << "ERROR fx: no rate for " << from << "->" << to << " at " << epochMillis()
              << "; falling back to 1.0" << std::endl;
    return amount;
  }
  return amount * it->second;
}

}  // namespace ledger
