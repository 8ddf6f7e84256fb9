package com.example.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A customer account. Balances are in the account currency, 2 decimals. */
public class Account {
    private final String id = "acct-" + UUID.randomUUID();
    private final BigDecimal overdraftLimit;
    private BigDecimal balance = BigDecimal.ZERO.setScale(2);
    private final List<String> history = new ArrayList<>();

    public Account(BigDecimal overdraftLimit) {
        this.overdraftLimit = overdraftLimit;
    }

    public String id() { return id; }

    /** "acct-ca4a1055-453...-d62c8bfd0d20", for log lines. */
    public String shortId() { return id.substring(0, 17) + "..." + id.substring(id.length() - 13); }
    public BigDecimal balance() { return balance; }
    public List<String> history() { return history; }

    void deposit(BigDecimal amount) {
        balance = balance.add(amount);
        history.add("+" + amount);
    }

    void withdraw(BigDecimal amount) {
        if (balance.compareTo(amount) < 0) {
            throw new IllegalStateException("insufficient funds in " + this + " (" + shortId() + "): balance " + balance
                    + " < " + amount);
        }
        balance = balance.subtract(amount);
        history.add("-" + amount);
    }

    BigDecimal overdraftLimit() { return overdraftLimit; }
}
