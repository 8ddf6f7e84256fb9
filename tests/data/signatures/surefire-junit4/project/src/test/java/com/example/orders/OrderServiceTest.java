package com.example.orders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Before;
import org.junit.Test;

public class OrderServiceTest {
    private OrderService service;

    @Before
    public void setUp() {
        service = new OrderService();
        service.setDiscount("acme", 10);
    }

    @Test
    public void appliesCustomerDiscount() {
        assertEquals(9000, service.place("acme", 10000, "").cents());
    }

    @Test
    public void customerWithoutDiscountPaysFullPrice() {
        assertEquals(2500, service.place("globex", 2500, "").cents());
    }

    @Test
    public void firstOrderOfNewCustomer() {
        Order o = service.place("cust-" + System.nanoTime(), 1999, "welcome");
        assertTrue(o.id().length() > 0);
    }

    @Test
    public void firstPageHoldsOldestOrders() {
        for (int i = 0; i < 5; i++) service.place("acme", 100 * (i + 1), "");
        assertEquals(service.orders().subList(0, 2), service.page(0, 2));
    }

    @Test
    public void secondPageFollowsFirst() {
        for (int i = 0; i < 6; i++) service.place("acme", 100 * (i + 1), "");
        assertEquals(service.orders().subList(2, 4), service.page(1, 2));
    }

    @Test
    public void pagesCoverAllOrders() {
        for (int i = 0; i < 9; i++) service.place("acme", 100, "");
        int seen = 0;
        for (int p = 0; p < 3; p++) seen += service.page(p, 4).size();
        assertEquals(9, seen);
    }

    @Test
    public void lastPageIsPartial() {
        for (int i = 0; i < 7; i++) service.place("acme", 100, "");
        List<Order> last = service.page(1, 5);
        assertEquals(2, last.size());
    }
}
