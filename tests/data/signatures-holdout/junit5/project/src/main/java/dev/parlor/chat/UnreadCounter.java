package dev.parlor.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tracks per-room message sequence numbers and each user's read marker. */
public final class UnreadCounter {
    private record Msg(long seq, String author) {}

    private final Map<String, List<Msg>> rooms = new HashMap<>();
    private final Map<String, Long> readUpTo = new HashMap<>();

    public long post(String room, String author) {
        List<Msg> msgs = rooms.computeIfAbsent(room, r -> new ArrayList<>());
        long seq = msgs.size() + 1;
        msgs.add(new Msg(seq, author));
        return seq;
    }

    /** The user has seen every message up to and including seq. */
    public void markRead(String user, String room, long seq) {
        readUpTo.put(user + "@" + room, seq - 1);
    }

    public int unread(String user, String room) {
        long marker = readUpTo.getOrDefault(user + "@" + room, 0L);
        int n = 0;
        for (Msg m : rooms.getOrDefault(room, List.of())) {
            if (m.seq() > marker && !m.author().equals(user)) n++;
        }
        return n;
    }
}
