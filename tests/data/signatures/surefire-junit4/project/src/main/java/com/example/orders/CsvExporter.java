package com.example.orders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes orders to <dir>/<name>.csv atomically via a .tmp file. */
public final class CsvExporter {
    public Path export(List<Order> orders, Path dir, String name) throws IOException {
        Path tmp = dir.resolve(name + ".csv.tmp");
        Path target = dir.resolve(name + ".csv");
        StringBuilder sb = new StringBuilder("id,customer,cents\n");
        for (Order o : orders) sb.append(o.id()).append(',').append(o.customer()).append(',').append(o.cents()).append('\n');
        Files.writeString(tmp, sb);
        Files.copy(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
