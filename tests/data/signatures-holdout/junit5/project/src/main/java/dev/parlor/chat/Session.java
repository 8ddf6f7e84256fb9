package dev.parlor.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** One client connection of a user. Immutable state transitions return new instances. */
public final class Session {
    public enum State { NEW, OPEN, CLOSED }

    private final UUID id;
    private final String user;
    private final State state;
    private final List<String> outbox;

    public Session(String user) {
        this(UUID.randomUUID(), user, State.NEW, Collections.synchronizedList(new ArrayList<>()));
    }

    private Session(UUID id, String user, State state, List<String> outbox) {
        this.id = id;
        this.user = user;
        this.state = state;
        this.outbox = outbox;
    }

    public UUID id() { return id; }
    public String shortId() { return id.toString().substring(0, 8); }
    public String user() { return user; }
    public State state() { return state; }
    public List<String> outbox() { return outbox; }

    public Session opened() { return new Session(id, user, State.OPEN, outbox); }

    public Session closed() {
        requireOpen();
        return new Session(id, user, State.CLOSED, outbox);
    }

    public void deliver(String text) {
        requireOpen();
        outbox.add(text);
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("session " + shortId() + " is not open (state=" + state
                    + ", thread=" + Thread.currentThread().getName() + ")");
        }
    }
}
