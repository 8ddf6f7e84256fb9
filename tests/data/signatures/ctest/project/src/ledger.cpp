#include "ledger.hpp"

#include <cassert>
#include <chrono>
#include <cstdio>
#include <random>
#include <stdexcept>

namespace ledger {

Cents toCents(double amount) {
  return static_cast<Cents>(amount * 100.0);
}

std::string formatCents(Cents c) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", c < 0 ? "-" : "",
                static_cast<long long>((c < 0 ? -c : c) / 100),
                static_cast<long long>((c < 0 ? -c : c) % 100));
  return buf;
}

std::string newUuid() {
  static std::mt19937_64 rng{std::random_device{}()};
  const unsigned long long a = rng(), b = rng();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-%04llx-%012llx", a >> 32,
                (a >> 16) & 0xffff, a & 0xfff, ((b >> 48) & 0x3fff) | 0x8000, b & 0xffffffffffffULL);
  return buf;
}

std::string shortId(const std::string& uuid) {
  if (uuid.size() < 28) return uuid;
  return uuid.substr(0, 12) + "..." + uuid.substr(uuid.size() - 13);
}

std::int64_t epochMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const Entry& Journal::post(const std::string& account, double amount, const std::string& memo) {
  entries_.push_back(Entry{newUuid(), account, toCents(amount), memo});
  byId_[entries_.back().txnId] = entries_.size() - 1;
  return entries_.back();
}

const Entry* Journal::find(const std::string& txnId) const {
  auto it = byId_.find(txnId);
  if (it == byId_.end()) return nullptr;
  return &entries_[it->second];
}

const Entry& Journal::reverse(const std::string& txnId) {
  const Entry* original = find(txnId);
  Entry opposite{newUuid(), original->account, -original->amount, "reversal of " + txnId};
  entries_.push_back(opposite);
  byId_[opposite.txnId] = entries_.size() - 1;
  reversed_.push_back(txnId);
  return entries_.back();
}

void Journal::compact() {
  std::vector<Entry> kept;
  for (const Entry& e : entries_) {
    bool drop = false;
    for (const auto& r : reversed_) drop = drop || e.txnId == r;
    if (!drop) kept.push_back(e);
  }
  entries_.swap(kept);
  byId_.clear();
  for (std::size_t i = 0; i < entries_.size(); ++i) byId_[entries_[i].txnId] = i;
}

Cents Journal::balance(const std::string& account) const {
  Cents total = 0;
  for (const Entry& e : entries_)
    if (e.account == account) total += e.amount;
  return total;
}

ReconcileReport reconcile(const Journal& journal, const std::vector<Cents>& statement) {
  ReconcileReport r;
  for (const Entry& e : journal.entries()) {
    assert(e.amount >= 0 && "journal entries are credits");
    r.credits += e.amount;
    for (Cents s : statement)
      if (s == e.amount) { ++r.matched; break; }
  }
  return r;
}

}  // namespace ledger
