package dev.parlor.chat;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RoomTest {
    private static Session open(String user) {
        return new Session(user).opened();
    }

    @Test
    void joinUpToCapacity() {
        Room room = new Room("general", 3);
        for (String u : new String[] {"ana", "bo", "cy"}) {
            assertDoesNotThrow(() -> room.join(open(u)), () -> u + " could not join " + room);
        }
        assertEquals(3, room.size());
    }

    @Test
    void joinBeyondCapacityRejected() {
        Room room = new Room("standup", 2);
        room.join(open("ana"));
        room.join(open("bo"));
        assertThrows(IllegalStateException.class, () -> room.join(open("cy")));
    }

    @Test
    void broadcastSkipsSender() {
        Room room = new Room("random", 4);
        Session ana = open("ana");
        room.join(ana);
        room.join(open("bo"));
        room.join(open("cy"));
        assertEquals(2, room.broadcast("ana", "lunch?"));
    }

    @Test
    void leaveFreesSeat() {
        Room room = new Room("ops", 2);
        Session ana = open("ana");
        room.join(ana);
        room.leave(ana);
        room.join(open("bo"));
        room.join(open("cy"));
        assertEquals(2, room.size());
    }
}
