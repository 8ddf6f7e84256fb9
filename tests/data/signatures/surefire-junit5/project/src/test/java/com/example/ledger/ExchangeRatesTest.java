package com.example.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeRatesTest {
    @TempDir
    Path tmp;

    private ExchangeRates rates;

    /** The rates file as the treasury exports it: aligned columns. */
    @BeforeEach
    void loadRates() throws IOException {
        Path file = tmp.resolve("rates-" + System.currentTimeMillis() + ".txt");
        Files.writeString(file, "# pair      rate\nEUR/USD     1.0870\nUSD/EUR     0.9200\nGBP/USD     1.2700\n");
        rates = ExchangeRates.load(file);
    }

    @Test
    void convertsEurToUsd() {
        assertEquals(new BigDecimal("108.70"), rates.convert(new BigDecimal("100"), "EUR", "USD"));
    }

    @Test
    void sameCurrencyIsIdentity() {
        assertEquals(new BigDecimal("5"), rates.convert(new BigDecimal("5"), "USD", "USD"));
    }

    @Test
    void unknownPairIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> rates.convert(BigDecimal.ONE, "JPY", "CHF"));
    }
}
