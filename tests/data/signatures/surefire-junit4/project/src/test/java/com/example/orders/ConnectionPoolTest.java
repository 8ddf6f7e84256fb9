package com.example.orders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class ConnectionPoolTest {
    private ServerSocket backend;
    private ConnectionPool pool;

    @Before
    public void startBackendAndWarmPool() throws IOException {
        backend = new ServerSocket(0);
        pool = new ConnectionPool("127.0.0.1", backend.getLocalPort(), 2, 2);
        pool.warmUp();
    }

    @After
    public void stop() throws IOException {
        pool.close();
        backend.close();
    }

    @Test
    public void warmPoolHasMinIdle() {
        assertEquals(2, pool.idleCount());
    }

    @Test
    public void borrowReturnsIdleSocket() throws IOException {
        Socket s = pool.borrow();
        assertNotNull(s);
        pool.giveBack(s);
    }

    @Test
    public void borrowAndGiveBackKeepsIdleCount() throws IOException {
        pool.giveBack(pool.borrow());
        assertEquals(2, pool.idleCount());
    }
}
