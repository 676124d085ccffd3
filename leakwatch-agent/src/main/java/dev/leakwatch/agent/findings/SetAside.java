package dev.leakwatch.agent.findings;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves an unusable database file out of the way as {@code <name>.corrupt-<timestamp>}, together
 * with its {@code -wal} and {@code -shm} companions (a stale WAL must not meet a fresh database),
 * so that it can be examined while the store starts afresh. Only the newest {@link #KEEP} set-aside
 * files are kept: a file that keeps going bad must not fill the disk.
 */
final class SetAside {
    static final int KEEP = 3;
    private static final String MARK = ".corrupt-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SetAside() {}

    /** Moves {@code file} (and its companions) aside and returns where it went. */
    static Path move(Path file, Instant now) throws IOException {
        String base = file.getFileName() + MARK + STAMP.format(now);
        Path target = file.resolveSibling(base);
        for (int n = 1; ; n++) {
            try {
                Files.move(file, target);
                break;
            } catch (FileAlreadyExistsException e) {
                target = file.resolveSibling(base + "-" + n);
            }
        }
        for (String companion : List.of("-wal", "-shm", "-journal")) {
            Path c = file.resolveSibling(file.getFileName() + companion);
            if (Files.exists(c)) {
                Files.move(c, target.resolveSibling(target.getFileName() + companion));
            }
        }
        prune(file);
        return target;
    }

    /** Set-aside copies of {@code file}, oldest first (the timestamp sorts as text). */
    static List<Path> list(Path file) throws IOException {
        List<Path> found = new ArrayList<>();
        String prefix = file.getFileName() + MARK;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(file.toAbsolutePath().getParent(), prefix + "*")) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.endsWith("-wal") && !name.endsWith("-shm") && !name.endsWith("-journal")) {
                    found.add(p);
                }
            }
        }
        found.sort(null);
        return found;
    }

    private static void prune(Path file) throws IOException {
        List<Path> aside = list(file);
        for (int i = 0; i < aside.size() - KEEP; i++) {
            Path old = aside.get(i);
            Files.deleteIfExists(old);
            for (String companion : List.of("-wal", "-shm", "-journal")) {
                Files.deleteIfExists(old.resolveSibling(old.getFileName() + companion));
            }
        }
    }
}
