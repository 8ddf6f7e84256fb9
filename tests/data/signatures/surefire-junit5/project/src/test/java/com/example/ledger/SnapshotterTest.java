package com.example.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotterTest {
    private Path dir;
    private Ledger ledger;
    private Snapshotter snapshotter;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("ledger-snap");
        ledger = new Ledger();
        snapshotter = new Snapshotter(dir);
    }

    @AfterEach
    void tearDown() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void restoresWhatWasSaved() {
        Account a = ledger.open(BigDecimal.ZERO);
        ledger.deposit(a, new BigDecimal("42.00"));
        assertEquals(new BigDecimal("42.00"), snapshotter.restore(snapshotter.save(a)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.00", "99.99", "-12.50"})
    void roundTripsBalances(String balance) {
        Account a = ledger.open(new BigDecimal("100.00"));
        ledger.deposit(a, new BigDecimal(balance));
        Path file = snapshotter.save(a);
        assertEquals(new BigDecimal(balance), snapshotter.restore(file));
    }

    @Test
    void restoresOlderFormat() throws IOException {
        Path file = dir.resolve("legacy-" + ProcessHandle.current().pid() + ".snap");
        Files.writeString(file, "v2\n17.00\n");
        assertEquals(new BigDecimal("17.00"), snapshotter.restore(file));
    }
}
