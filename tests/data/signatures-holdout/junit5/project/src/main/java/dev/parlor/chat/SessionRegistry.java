package dev.parlor.chat;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

public final class SessionRegistry {
    private final Map<UUID, Session> sessions = new ConcurrentHashMap<>();

    /** Handshake done: registers the session as open and returns it. */
    public Session connect(String user) {
        Session s = new Session(user);
        sessions.put(s.id(), s);
        return s.opened();
    }

    public void send(UUID id, String text) {
        Session s = sessions.get(id);
        if (s == null) throw new IllegalArgumentException("unknown session " + id);
        s.deliver(text);
    }

    public void disconnect(UUID id) {
        Session s = sessions.remove(id);
        if (s != null) s.closed();
    }

    public Collection<Session> all() { return sessions.values(); }

    public void closeAll() {
        for (UUID id : sessions.keySet()) disconnect(id);
    }
}
