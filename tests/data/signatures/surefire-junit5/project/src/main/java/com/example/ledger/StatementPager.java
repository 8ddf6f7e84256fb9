package com.example.ledger;

import java.util.List;

/** Splits an account history into statement pages. */
public final class StatementPager {
    private final List<String> lines;
    private final int pageSize;

    public StatementPager(List<String> lines, int pageSize) {
        if (pageSize <= 0) throw new IllegalArgumentException("pageSize must be > 0");
        this.lines = lines;
        this.pageSize = pageSize;
    }

    public int pageCount() {
        return lines.size() / pageSize;
    }

    public List<String> page(int index) {
        if (index < 0 || index >= pageCount()) {
            throw new IndexOutOfBoundsException("page " + index + " of " + pageCount());
        }
        int from = index * pageSize;
        return lines.subList(from, Math.min(lines.size(), from + pageSize));
    }
}
