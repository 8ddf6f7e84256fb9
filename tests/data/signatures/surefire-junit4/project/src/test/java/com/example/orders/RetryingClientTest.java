package com.example.orders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

@RunWith(Parameterized.class)
public class RetryingClientTest {
    @Parameters(name = "{index}: maxAttempts={0}")
    public static Collection<Object[]> data() {
        return Arrays.asList(new Object[][] {{1}, {2}, {3}, {5}});
    }

    private final int maxAttempts;

    public RetryingClientTest(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @Test
    public void givesUpAfterMaxAttempts() throws Exception {
        RetryingClient client = new RetryingClient(maxAttempts);
        AtomicInteger calls = new AtomicInteger();
        try {
            client.call(() -> {
                calls.incrementAndGet();
                throw new IOException("connection reset on attempt " + calls.get());
            });
            fail("expected IOException");
        } catch (IOException expected) {
            // fine
        }
        assertEquals(maxAttempts, calls.get());
    }

    @Test
    public void succeedsFirstTime() throws Exception {
        RetryingClient client = new RetryingClient(maxAttempts);
        assertEquals("ok", client.call(() -> "ok"));
        assertEquals(1, client.lastAttempts());
    }
}
