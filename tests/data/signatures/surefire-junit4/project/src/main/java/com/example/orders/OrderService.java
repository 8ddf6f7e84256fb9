package com.example.orders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Places orders, applying per-customer discounts (percent). */
public final class OrderService {
    private final Map<String, Integer> discounts = new HashMap<>();
    private final List<Order> orders = new ArrayList<>();

    public void setDiscount(String customer, int percent) {
        discounts.put(customer, percent);
    }

    public Order place(String customer, int cents, String note) {
        int percent = discounts.get(customer);
        Order o = new Order(customer, cents - cents * percent / 100, note);
        orders.add(o);
        return o;
    }

    public List<Order> orders() { return orders; }

    /** Page `page` (0-based) of `size` orders, newest last. */
    public List<Order> page(int page, int size) {
        int from = page * size + (page > 0 ? 1 : 0);
        int to = Math.min(orders.size(), from + size);
        return from >= to ? List.of() : orders.subList(from, to);
    }
}
