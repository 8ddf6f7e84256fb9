package com.example.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchPosterTest {
    private Ledger ledger;
    private BatchPoster poster;

    @BeforeEach
    void setUp() {
        ledger = new Ledger();
        poster = new BatchPoster(ledger, 3);
    }

    @AfterEach
    void closePoster() throws InterruptedException {
        poster.close();
        assertTrue(poster.awaitTermination(200), () -> "worker threads still alive after close(): " + poster.liveWorkers());
    }

    private static void waitAll(List<Future<?>> fs) throws Exception {
        for (Future<?> f : fs) f.get();
    }

    @Test
    void postsAllDeposits() throws Exception {
        Account a = ledger.open(BigDecimal.ZERO);
        waitAll(poster.postAll(a, Collections.nCopies(30, new BigDecimal("1.00"))));
        assertEquals(new BigDecimal("30.00"), a.balance());
    }

    @Test
    void postsIntoSeveralAccounts() throws Exception {
        Account a = ledger.open(BigDecimal.ZERO);
        Account b = ledger.open(BigDecimal.ZERO);
        waitAll(poster.postAll(a, List.of(new BigDecimal("2.00"), new BigDecimal("3.00"))));
        waitAll(poster.postAll(b, List.of(new BigDecimal("4.00"))));
        assertEquals(new BigDecimal("4.00"), b.balance());
    }

    @Test
    void emptyBatchIsFine() throws Exception {
        waitAll(poster.postAll(ledger.open(BigDecimal.ZERO), List.of()));
    }
}
