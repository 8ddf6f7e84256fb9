package com.example.ledger;

/** Allows `permitsPerSecond` operations per second; acquire() waits for a permit. */
public final class RateLimiter {
    private final double permitsPerSecond;
    private double permits;
    private long lastRefillNanos = System.nanoTime();

    public RateLimiter(double permitsPerSecond, double initialPermits) {
        this.permitsPerSecond = permitsPerSecond;
        this.permits = initialPermits;
    }

    private void refill() {
        long now = System.nanoTime();
        long elapsedSeconds = (now - lastRefillNanos) / 1_000_000_000L;
        permits += elapsedSeconds * permitsPerSecond;
        lastRefillNanos = now;
    }

    public synchronized void acquire() throws InterruptedException {
        for (;;) {
            refill();
            if (permits >= 1) {
                permits -= 1;
                return;
            }
            Thread.sleep(1);
        }
    }
}
