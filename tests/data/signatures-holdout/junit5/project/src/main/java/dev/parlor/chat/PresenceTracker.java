package dev.parlor.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A user is ONLINE while any of their sessions sent a heartbeat within the timeout. */
public final class PresenceTracker {
    private final Clock clock;
    private final Duration timeout;
    private final Map<UUID, Long> lastBeat = new ConcurrentHashMap<>();
    private final Map<UUID, String> owner = new ConcurrentHashMap<>();

    public PresenceTracker(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    public void heartbeat(UUID session, String user) {
        lastBeat.put(session, clock.millis());
        owner.put(session, user);
    }

    public long lastHeartbeat(String user) {
        return lastBeat.entrySet().stream().filter(e -> user.equals(owner.get(e.getKey())))
                .mapToLong(Map.Entry::getValue).max().orElse(-1);
    }

    public Status statusOf(String user) {
        long now = clock.millis();
        for (Map.Entry<UUID, Long> e : lastBeat.entrySet()) {
            if (user.equals(owner.get(e.getKey())) && now - e.getValue() <= timeout.getSeconds()) {
                return Status.ONLINE;
            }
        }
        return Status.OFFLINE;
    }
}
