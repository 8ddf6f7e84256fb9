package com.example.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LedgerTest {
    private Ledger ledger;

    @BeforeEach
    void setUp() {
        ledger = new Ledger();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "10.299, 10.30",
        "0.125, 0.12",
        "19.995, 20.00",
        "7.006, 7.01",
        "1234.5678, 1234.57",
        "2.50, 2.50",
    })
    void roundsDepositsToCents(String raw, String expected) {
        Account a = ledger.open(BigDecimal.ZERO);
        ledger.deposit(a, new BigDecimal(raw));
        assertEquals(new BigDecimal(expected), a.balance(), () -> "balance of " + a.id());
    }

    @Test
    void depositsAccumulate() {
        Account a = ledger.open(BigDecimal.ZERO);
        ledger.deposit(a, new BigDecimal("5.00"));
        ledger.deposit(a, new BigDecimal("2.25"));
        assertEquals(new BigDecimal("7.25"), a.balance());
    }

    @Test
    void withdrawWithinOverdraft() {
        Account a = ledger.open(new BigDecimal("100.00"));
        ledger.deposit(a, new BigDecimal("50.00"));
        ledger.withdraw(a, new BigDecimal("80.00"));
        assertEquals(new BigDecimal("-30.00"), a.balance());
    }

    @Test
    void transferMayUseOverdraft() {
        Account from = ledger.open(new BigDecimal("500.00"));
        Account to = ledger.open(BigDecimal.ZERO);
        ledger.transfer(from, to, new BigDecimal("120.00"));
        assertEquals(new BigDecimal("120.00"), to.balance());
    }

    @Test
    void overdraftIsStillLimited() {
        Account a = ledger.open(new BigDecimal("10.00"));
        assertThrows(IllegalStateException.class, () -> ledger.withdraw(a, new BigDecimal("10.01")));
    }

    @Test
    void payrollRunWithOverdraft() {
        Account payroll = ledger.open(new BigDecimal("10000.00"));
        ledger.deposit(payroll, new BigDecimal("3000.00"));
        for (int i = 0; i < 3; i++) {
            ledger.transfer(payroll, ledger.open(BigDecimal.ZERO), new BigDecimal("1500.00"));
        }
        assertEquals(new BigDecimal("-1500.00"), payroll.balance());
    }
}
