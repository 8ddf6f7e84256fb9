package com.example.orders;

import java.util.UUID;

/** An order line; identity matters, so equals/hashCode/toString are Object's. */
public final class Order {
    private final String id = UUID.randomUUID().toString();
    private final String customer;
    private final int cents;
    private final String note;

    public Order(String customer, int cents, String note) {
        this.customer = customer;
        this.cents = cents;
        this.note = note;
    }

    public String id() { return id; }
    public String customer() { return customer; }
    public int cents() { return cents; }
    public String note() { return note; }
}
