package com.example.ledger;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rates file: one "FROM/TO rate" per line, '#' comments, rates like 1.0870. */
public final class ExchangeRates {
    private final Map<String, BigDecimal> rates = new HashMap<>();

    public static ExchangeRates load(Path file) throws IOException {
        ExchangeRates r = new ExchangeRates();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split(" ");
            if (parts.length != 2) {
                throw new IOException(file + ":" + (i + 1) + ": expected 'FROM/TO rate', got '" + line + "'");
            }
            r.rates.put(parts[0], new BigDecimal(parts[1]));
        }
        return r;
    }

    public BigDecimal convert(BigDecimal amount, String from, String to) {
        if (from.equals(to)) return amount;
        BigDecimal rate = rates.get(from + "/" + to);
        if (rate == null) throw new IllegalArgumentException("no rate " + from + "/" + to);
        return Ledger.toCents(amount.multiply(rate));
    }
}
