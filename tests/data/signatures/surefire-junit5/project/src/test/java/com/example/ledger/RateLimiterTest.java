package com.example.ledger;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RateLimiterTest {
    @Test
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    void initialPermitsAreImmediate() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(10, 3);
        for (int i = 0; i < 3; i++) limiter.acquire();
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.MILLISECONDS)
    void refillsWithinAFractionOfASecond() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(50, 1);
        limiter.acquire();
        limiter.acquire(); // the next permit is due after 20 ms
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
    void sustainsConfiguredRate() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(100, 0);
        for (int i = 0; i < 10; i++) limiter.acquire();
    }

    @Test
    @Timeout(value = 500, unit = TimeUnit.MILLISECONDS)
    void burstThenSteady() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(20, 5);
        for (int i = 0; i < 7; i++) limiter.acquire();
    }
}
