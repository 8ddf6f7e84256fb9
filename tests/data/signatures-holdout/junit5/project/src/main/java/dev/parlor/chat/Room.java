package dev.parlor.chat;

import java.util.ArrayList;
import java.util.List;

public final class Room {
    private final String name;
    private final int capacity;
    private final List<Session> members = new ArrayList<>();

    public Room(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    public synchronized void join(Session s) {
        if (members.size() + 1 >= capacity) {
            throw new IllegalStateException("room #" + name + " is full (" + members.size() + "/" + capacity + ")");
        }
        members.add(s);
    }

    public synchronized void leave(Session s) {
        members.remove(s);
    }

    public synchronized int size() { return members.size(); }

    public synchronized int broadcast(String from, String text) {
        int n = 0;
        for (Session s : members) {
            if (!s.user().equals(from)) {
                s.deliver("#" + name + " <" + from + "> " + text);
                n++;
            }
        }
        return n;
    }
}
