package dev.parlor.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryStoreTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "append to #{0}")
    @ValueSource(strings = {"general", "random", "ops-alerts"})
    void appendCreatesRoomLog(String room) throws Exception {
        HistoryStore store = new HistoryStore(root);
        long ts = System.currentTimeMillis();
        store.append(room, ts, "ana", "hello " + room);
        assertEquals(List.of(ts + "|ana|hello " + room), store.read(room));
    }

    @Test
    void readingUnknownRoomIsEmpty() throws Exception {
        assertTrue(new HistoryStore(root).read("nobody-here").isEmpty());
    }

    @Nested
    class SeededHistory {
        HistoryStore store;

        @BeforeEach
        void seed() throws Exception {
            store = new HistoryStore(root);
            long ts = System.currentTimeMillis();
            for (int i = 0; i < 5; i++) store.append("general", ts + i, i % 2 == 0 ? "ana" : "bo", "msg " + i);
        }

        @Test
        void tailReturnsLastN() throws Exception {
            assertEquals(2, store.tail("general", 2).size());
        }

        @Test
        void searchFindsText() throws Exception {
            assertEquals(1, store.search("general", "msg 3").size());
        }
    }
}
