package dev.parlor.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnreadCounterTest {
    private final UnreadCounter c = new UnreadCounter();

    @Test
    void othersMessagesAreUnread() {
        c.post("general", "bo");
        c.post("general", "ana");
        c.post("general", "bo");
        assertEquals(2, c.unread("ana", "general"));
    }

    @Test
    void unreadAfterMarkRead() {
        c.post("general", "bo");
        long seen = c.post("general", "bo");
        c.post("general", "cy");
        c.markRead("ana", "general", seen);
        assertEquals(1, c.unread("ana", "general"));
    }

    @Test
    void nothingUnreadAfterReadingAll() {
        c.post("general", "bo");
        long last = c.post("general", "cy");
        c.markRead("ana", "general", last);
        assertEquals(0, c.unread("ana", "general"));
    }
}
