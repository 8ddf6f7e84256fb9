package dev.parlor.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PresenceTrackerTest {
    private MutableClock clock;
    private PresenceTracker tracker;

    @BeforeEach
    void setUp() {
        clock = new MutableClock();
        tracker = new PresenceTracker(clock, Duration.ofSeconds(30));
    }

    @Test
    void onlineRightAfterHeartbeat() {
        tracker.heartbeat(UUID.randomUUID(), "ana");
        assertEquals(Status.ONLINE, tracker.statusOf("ana"));
    }

    @ParameterizedTest(name = "online {0}s after heartbeat")
    @ValueSource(longs = {1, 5, 29})
    void stillOnlineWithinTimeout(long seconds) {
        tracker.heartbeat(UUID.randomUUID(), "ana");
        clock.advance(Duration.ofSeconds(seconds));
        assertEquals(Status.ONLINE, tracker.statusOf("ana"),
                () -> "last heartbeat " + tracker.lastHeartbeat("ana") + ", now " + clock.millis());
    }

    @Test
    void offlineAfterTimeout() {
        tracker.heartbeat(UUID.randomUUID(), "ana");
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Status.OFFLINE, tracker.statusOf("ana"));
    }

    @Test
    void onlineWhileAnySessionIsFresh() {
        tracker.heartbeat(UUID.randomUUID(), "ana");
        clock.advance(Duration.ofSeconds(40));
        UUID phone = UUID.randomUUID();
        tracker.heartbeat(phone, "ana");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Status.ONLINE, tracker.statusOf("ana"), () -> "fresh session " + phone);
    }
}
