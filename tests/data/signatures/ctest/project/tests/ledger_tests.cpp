#include <unistd.h>

#include <cstdio>

#include "check.hpp"
#include "ledger.hpp"

using namespace ledger;

static int expectBalance(const Journal& j, const std::string& acct, Cents want) {
  const Cents got = j.balance(acct);
  if (got != want) {
    std::printf("FAIL balance(%s) = %s, want %s\n", acct.c_str(), formatCents(got).c_str(),
                formatCents(want).c_str());
    return 1;
  }
  std::printf("ok balance(%s) = %s\n", acct.c_str(), formatCents(got).c_str());
  return 0;
}

CASE(post_whole_amounts) {
  Journal j;
  const std::string acct = "acct-" + newUuid();
  j.post(acct, 10.0, "deposit");
  j.post(acct, 32.0, "deposit");
  return expectBalance(j, acct, 4200);
}

CASE(post_cents_usd) {
  Journal j;
  const std::string acct = "acct-" + newUuid();
  j.post(acct, 19.99, "card payment");
  j.post(acct, 0.29, "fee refund");
  return expectBalance(j, acct, 2028);
}

CASE(post_cents_eur) {
  Journal j;
  const std::string acct = "acct-" + newUuid();
  for (double v : {4.35, 1.15, 0.57}) j.post(acct, v, "sepa");
  return expectBalance(j, acct, 607);
}

CASE(interest_accrual) {
  Journal j;
  const std::string acct = "acct-" + newUuid();
  j.post(acct, 8.20, "principal");
  j.post(acct, 8.20 * 0.138, "interest");  // 1.1316 -> 1.13
  return expectBalance(j, acct, 933);
}

CASE(split_payment) {
  Journal j;
  const std::string a = "acct-" + newUuid(), b = "acct-" + newUuid();
  j.post(a, 1.13, "split 1/2");
  j.post(b, 1.13, "split 2/2");
  return expectBalance(j, a, 113) | expectBalance(j, b, 113);
}

CASE(reverse_posted_entry) {
  Journal j;
  const std::string acct = "acct-" + newUuid();
  const std::string id = j.post(acct, 12.0, "deposit").txnId;
  j.reverse(id);
  return expectBalance(j, acct, 0);
}

CASE(reverse_unknown_txn) {
  Journal j;
  const std::string ghost = newUuid();
  std::printf("journal %p: reversing txn %s (pid %d)\n", static_cast<void*>(&j), ghost.c_str(),
              static_cast<int>(::getpid()));
  j.reverse(ghost);
  std::printf("FAIL reversing an unknown txn should be rejected\n");
  return 1;
}

CASE(reverse_after_compaction) {
  Journal j;
  const std::string acct = "acct-" + newUuid();
  const std::string id = j.post(acct, 12.0, "deposit").txnId;
  j.reverse(id);
  j.compact();
  std::printf("journal %p compacted to %zu entries; reversing %s again\n",
              static_cast<void*>(&j), j.entries().size(), shortId(id).c_str());
  j.reverse(id);
  return expectBalance(j, acct, -1200);
}

CASE(replay_audit_trail) {
  Journal source, replica;
  const std::string acct = "acct-" + newUuid();
  for (int i = 0; i < 3; ++i) source.post(acct, 5.0 + i, "audit");
  for (const Entry& e : source.entries()) {
    std::printf("replica %p <- reversal of %s\n", static_cast<void*>(&replica), shortId(e.txnId).c_str());
    replica.reverse(e.txnId);
  }
  return expectBalance(replica, acct, -1800);
}

CASE(reconcile_deposits) {
  Journal j;
  const std::string acct = "acct-" + newUuid();
  j.post(acct, 100.0, "wire");
  j.post(acct, 25.0, "wire");
  const auto r = reconcile(j, {10000, 2500});
  std::printf("matched %d of 2\n", r.matched);
  return r.matched == 2 ? 0 : 1;
}

CASE(reconcile_with_refund) {
  Journal j;
  const std::string acct = "acct-" + newUuid();
  j.post(acct, 40.0, "order " + newUuid().substr(0, 8));
  j.post(acct, -15.0, "refund");
  std::printf("reconciling %zu entries for %s at %lld\n", j.entries().size(), acct.c_str(),
              static_cast<long long>(epochMillis()));
  const auto r = reconcile(j, {4000, -1500});
  return r.matched == 2 ? 0 : 1;
}

CASE(reconcile_chargeback) {
  Journal j;
  const std::string acct = "acct-" + newUuid();
  j.post(acct, 70.0, "sale");
  j.post(acct, -70.0, "chargeback");
  j.post(acct, 12.0, "sale");
  const auto r = reconcile(j, {7000, -7000, 1200});
  return r.matched == 3 ? 0 : 1;
}

CASE(reconcile_reversal) {
  Journal j;
  const std::string acct = "acct-" + newUuid();
  const std::string id = j.post(acct, 9.0, "sale").txnId;
  j.reverse(id);
  const auto r = reconcile(j, {900, -900});
  return r.matched == 2 ? 0 : 1;
}

int main(int argc, char** argv) { return runCase(argc, argv); }
