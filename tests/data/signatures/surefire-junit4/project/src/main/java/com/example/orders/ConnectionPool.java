package com.example.orders;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ThreadLocalRandom;

/** Bounded pool of sockets to the order backend; warmUp() pre-opens minIdle connections. */
public final class ConnectionPool implements AutoCloseable {
    private final String id = String.format("pool-%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final String host;
    private final int port;
    private final int minIdle;
    private final int maxSize;
    private final Deque<Socket> idle = new ArrayDeque<>();
    private int open;

    public ConnectionPool(String host, int port, int minIdle, int maxSize) {
        this.host = host;
        this.port = port;
        this.minIdle = minIdle;
        this.maxSize = maxSize;
    }

    public void warmUp() throws IOException {
        for (int i = 0; i <= minIdle; i++) {
            idle.push(openOne());
        }
    }

    private Socket openOne() throws IOException {
        if (open >= maxSize) {
            throw new IllegalStateException("[" + id + "] cannot open connection " + (open + 1) + " to "
                    + host + ":" + port + ": maxSize " + maxSize + " reached");
        }
        open++;
        return new Socket(host, port);
    }

    public Socket borrow() throws IOException {
        return idle.isEmpty() ? openOne() : idle.pop();
    }

    public void giveBack(Socket s) {
        idle.push(s);
    }

    public int idleCount() { return idle.size(); }

    @Override
    public void close() throws IOException {
        for (Socket s : idle) s.close();
        idle.clear();
    }
}
