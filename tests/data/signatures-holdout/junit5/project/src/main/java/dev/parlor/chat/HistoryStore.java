package dev.parlor.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;

/** Append-only per-room message log under root/rooms/ROOM.log. */
public final class HistoryStore {
    private final Path rooms;

    public HistoryStore(Path root) {
        this.rooms = root.resolve("rooms");
    }

    private Path logOf(String room) {
        return rooms.resolve(room + ".log");
    }

    public void append(String room, long ts, String user, String text) throws IOException {
        Files.writeString(logOf(room), ts + "|" + user + "|" + text + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public List<String> read(String room) throws IOException {
        Files.createDirectories(rooms);
        Path log = logOf(room);
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    public List<String> tail(String room, int n) throws IOException {
        List<String> all = read(room);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    public List<String> search(String room, String needle) throws IOException {
        return read(room).stream().filter(l -> l.contains(needle)).collect(Collectors.toList());
    }
}
