package com.example.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes one snapshot file per account: "v<format>\n<balance>\n". */
public final class Snapshotter {
    public static final int FORMAT = 3;
    private final Path dir;

    public Snapshotter(Path dir) {
        this.dir = dir;
    }

    public Path save(Account a) {
        Path file = dir.resolve(a.id() + ".snap");
        try {
            Files.writeString(file, "v" + FORMAT + "\n" + a.balance() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Reads a balance back; files written by older formats are accepted. */
    public BigDecimal restore(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int version = Integer.parseInt(lines.get(0).substring(1));
            if (version >= FORMAT) {
                throw new IllegalStateException("snapshot " + file + " has format v" + version
                        + ", newer than supported v" + FORMAT);
            }
            return new BigDecimal(lines.get(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
