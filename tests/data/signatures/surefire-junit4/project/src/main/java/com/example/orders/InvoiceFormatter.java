package com.example.orders;

/** Renders an order as an invoice line: "<id8> <customer> <amount> [<note>]". */
public final class InvoiceFormatter {
    public String format(Order o) {
        StringBuilder sb = new StringBuilder();
        sb.append(o.id(), 0, 8).append(' ').append(o.customer()).append(' ')
          .append(o.cents() / 100).append('.').append(String.format("%02d", o.cents() % 100));
        String note = o.note().trim();
        if (!note.isEmpty()) sb.append(" [").append(note).append(']');
        return sb.toString();
    }
}
