package com.example.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementPagerTest {
    private static List<String> lines(int n) {
        List<String> out = new ArrayList<>();
        long t = System.currentTimeMillis();
        for (int i = 0; i < n; i++) out.add("txn " + (t + i));
        return out;
    }

    @Test
    void exactPages() {
        assertEquals(4, new StatementPager(lines(20), 5).pageCount());
    }

    @Test
    void partialLastPageCounts() {
        assertEquals(5, new StatementPager(lines(21), 5).pageCount());
    }

    @Test
    void shortHistoryHasOnePage() {
        assertEquals(1, new StatementPager(lines(3), 25).pageCount());
    }

    @Test
    void lastPageHoldsRemainder() {
        StatementPager p = new StatementPager(lines(11), 4);
        assertEquals(3, p.page(2).size());
    }
}
