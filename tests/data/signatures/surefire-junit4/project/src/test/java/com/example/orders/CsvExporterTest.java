package com.example.orders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

public class CsvExporterTest {
    private Path dir;
    private final CsvExporter exporter = new CsvExporter();

    @Before
    public void createDir() throws IOException {
        dir = Files.createTempDirectory("orders-export");
    }

    /** An export must not leave partial files behind. */
    @After
    public void noLeftovers() throws IOException {
        List<String> leftovers;
        try (Stream<Path> s = Files.list(dir)) {
            leftovers = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).collect(Collectors.toList());
        }
        assertTrue("leftover temp files in " + dir + ": " + leftovers, leftovers.isEmpty());
    }

    @Test
    public void writesHeaderAndRows() throws IOException {
        Path out = exporter.export(List.of(new Order("acme", 100, "")), dir, "orders-" + UUID.randomUUID());
        assertEquals(2, Files.readAllLines(out).size());
    }

    @Test
    public void overwritesPreviousExport() throws IOException {
        String name = "daily-" + System.currentTimeMillis();
        exporter.export(List.of(new Order("a", 1, "")), dir, name);
        Path out = exporter.export(List.of(new Order("b", 2, ""), new Order("c", 3, "")), dir, name);
        assertEquals(3, Files.readAllLines(out).size());
    }

    @Test
    public void exportsEmptyList() throws IOException {
        Path out = exporter.export(List.of(), dir, "empty-" + ProcessHandle.current().pid());
        assertEquals(1, Files.readAllLines(out).size());
    }
}
