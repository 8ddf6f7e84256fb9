package com.example.orders;

import static org.junit.Assert.assertSame;

import org.junit.Test;

public class OrderQueueTest {
    @Test(timeout = 300)
    public void takeReturnsSingleOrder() throws InterruptedException {
        OrderQueue q = new OrderQueue();
        Order o = new Order("acme", 100, "");
        q.put(o);
        assertSame(o, q.take());
    }

    @Test(timeout = 300)
    public void takeDrainsInOrder() throws InterruptedException {
        OrderQueue q = new OrderQueue();
        Order a = new Order("a", 1, ""), b = new Order("b", 2, "");
        q.put(a);
        q.put(b);
        assertSame(a, q.take());
        assertSame(b, q.take());
    }

    @Test(timeout = 500)
    public void takeWakesUpOnPut() throws InterruptedException {
        OrderQueue q = new OrderQueue();
        Order o = new Order("late", 100, "");
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                return;
            }
            q.put(o);
        });
        producer.start();
        assertSame(o, q.take());
    }
}
