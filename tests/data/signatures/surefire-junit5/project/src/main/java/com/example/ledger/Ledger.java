package com.example.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Posts amounts to accounts, rounding to cents with banker's rounding. */
public class Ledger {
    private final Map<String, Account> accounts = new LinkedHashMap<>();

    public Account open(BigDecimal overdraftLimit) {
        Account a = new Account(overdraftLimit);
        accounts.put(a.id(), a);
        return a;
    }

    public static BigDecimal toCents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.DOWN);
    }

    public void deposit(Account a, BigDecimal amount) {
        a.deposit(toCents(amount));
    }

    /** Withdraws, allowing the balance to go down to -overdraftLimit. */
    public void withdraw(Account a, BigDecimal amount) {
        a.withdraw(toCents(amount));
    }

    public void transfer(Account from, Account to, BigDecimal amount) {
        withdraw(from, amount);
        deposit(to, amount);
    }

    public Map<String, Account> accounts() { return accounts; }
}
