#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ledger {

// Amounts are kept in cents.
using Cents = std::int64_t;

Cents toCents(double amount);
std::string formatCents(Cents c);
std::string newUuid();
// "ca4a1055-453...-d62c8bfd0d20": enough of a UUID to grep logs for.
std::string shortId(const std::string& uuid);
std::int64_t epochMillis();

struct Entry {
  std::string txnId;
  std::string account;
  Cents amount;  // negative for refunds and debits
  std::string memo;
};

class Journal {
 public:
  const Entry& post(const std::string& account, double amount, const std::string& memo);
  const Entry* find(const std::string& txnId) const;
  // Posts the opposite of an existing entry.
  const Entry& reverse(const std::string& txnId);
  void compact();  // drops entries that were reversed
  Cents balance(const std::string& account) const;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
  std::map<std::string, std::size_t> byId_;
  std::vector<std::string> reversed_;
};

struct ReconcileReport {
  Cents credits = 0;
  Cents debits = 0;
  int matched = 0;
};

// Matches journal entries against a bank statement.
ReconcileReport reconcile(const Journal& journal, const std::vector<Cents>& statement);

}  // namespace ledger
