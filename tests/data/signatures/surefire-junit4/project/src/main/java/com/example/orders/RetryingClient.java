package com.example.orders;

import java.util.concurrent.Callable;

/** Calls a remote operation up to maxAttempts times. */
public final class RetryingClient {
    private final int maxAttempts;
    private int lastAttempts;

    public RetryingClient(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public <T> T call(Callable<T> op) throws Exception {
        Exception last = null;
        for (lastAttempts = 1; lastAttempts <= maxAttempts + 1; lastAttempts++) {
            try {
                return op.call();
            } catch (Exception e) {
                last = e;
            }
        }
        lastAttempts = maxAttempts + 1;
        throw last;
    }

    public int lastAttempts() { return lastAttempts; }
}
