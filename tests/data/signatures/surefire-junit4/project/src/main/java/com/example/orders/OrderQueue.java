package com.example.orders;

import java.util.ArrayDeque;
import java.util.Deque;

/** Hand-off queue between the web threads and the fulfilment worker. */
public final class OrderQueue {
    private final Deque<Order> items = new ArrayDeque<>();
    private final Object notEmpty = new Object();

    public void put(Order o) {
        synchronized (items) {
            items.addLast(o);
        }
        synchronized (notEmpty) {
            notEmpty.notifyAll();
        }
    }

    /** Blocks until an order is available. */
    public Order take() throws InterruptedException {
        synchronized (notEmpty) {
            while (true) {
                synchronized (items) {
                    if (items.size() > 1) return items.pollFirst();
                }
                notEmpty.wait();
            }
        }
    }
}
