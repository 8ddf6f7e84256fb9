package dev.parlor.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {
    private final SessionRegistry registry = new SessionRegistry();

    @AfterEach
    void closeAll() {
        registry.closeAll();
    }

    @Test
    void connectAssignsUniqueIds() {
        Session a = registry.connect("ana");
        Session b = registry.connect("ana");
        assertNotEquals(a.id(), b.id());
    }

    @Test
    void sendDeliversToOutbox() {
        Session s = registry.connect("bo");
        registry.send(s.id(), "welcome");
        assertEquals(List.of("welcome"), s.outbox());
    }

    @Test
    void concurrentSendsAllArrive() throws Exception {
        Session s = registry.connect("cy");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                final int n = i;
                fs.add(pool.submit(() -> registry.send(s.id(), "m" + n)));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20, s.outbox().size());
    }

    @Test
    void disconnectForgetsSession() {
        Session s = registry.connect("dee");
        registry.disconnect(s.id());
        assertEquals(0, registry.all().size());
    }
}
