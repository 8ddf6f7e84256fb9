package com.example.orders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class InvoiceFormatterTest {
    private final InvoiceFormatter formatter = new InvoiceFormatter();

    @Test
    public void formatsAmountWithCents() {
        Order o = new Order("acme", 12345, "");
        assertTrue(formatter.format(o).endsWith(" acme 123.45"));
    }

    @Test
    public void includesNote() {
        Order o = new Order("acme", 100, " gift wrap ");
        assertTrue(formatter.format(o).endsWith("[gift wrap]"));
    }

    @Test
    public void orderWithoutNote() {
        Order o = new Order("initech", 500, null);
        assertEquals(o.id().substring(0, 8) + " initech 5.00", formatter.format(o));
    }

    @Test
    public void batchOfImportedOrders() {
        for (String c : new String[] {"a", "b", "c"}) {
            formatter.format(new Order(c, 100, c.equals("b") ? null : "imported"));
        }
    }
}
