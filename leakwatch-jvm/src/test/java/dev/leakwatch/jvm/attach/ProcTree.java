package dev.leakwatch.jvm.attach;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A fixture {@code /proc} and {@code /tmp} under a temporary directory, filled from files recorded
 * from real processes (src/test/resources/proc/{jvm,xrs,sleep}) and edited per test.
 */
final class ProcTree {

    final Path proc;
    final Path tmp;

    ProcTree(Path dir) {
        this.proc = dir.resolve("proc");
        this.tmp = dir.resolve("tmp");
        try {
            Files.createDirectories(proc);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Process {@code pid} with the files recorded from a real process ({@code jvm}, {@code xrs}, {@code sleep}). */
    ProcTree process(long pid, String recording) {
        for (String file : List.of("status", "maps", "cmdline")) {
            try (InputStream in = ProcTree.class.getResourceAsStream("/proc/" + recording + "/" + file)) {
                if (in != null) {
                    write(pid + "/" + file, new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Outside a container the namespace pid is the pid.
        return statusField(Long.toString(pid), "NSpid", Long.toString(pid));
    }

    /** {@code /proc/self} as a process running as that uid. */
    ProcTree self(long uid) {
        process(1, "jvm");
        try {
            Files.createDirectories(proc.resolve("self"));
            Files.copy(proc.resolve("1/status"), proc.resolve("self/status"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return statusField("self", "Uid", uid + "\t" + uid + "\t" + uid + "\t" + uid);
    }

    /** Replaces a field of {@code /proc/<process>/status}. */
    ProcTree statusField(String process, String field, String value) {
        Path status = proc.resolve(process).resolve("status");
        try {
            String edited = Files.readAllLines(status, StandardCharsets.ISO_8859_1).stream()
                    .map(line -> line.startsWith(field + ":") ? field + ":\t" + value : line)
                    .collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(status, edited, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ProcTree write(String procRelative, String content) {
        return writeUnder(proc, procRelative, content);
    }

    ProcTree writeTmp(String tmpRelative, String content) {
        return writeUnder(tmp, tmpRelative, content);
    }

    ProcTree delete(String procRelative) {
        try {
            Files.delete(proc.resolve(procRelative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private ProcTree writeUnder(Path root, String relative, String content) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ProcessFacts facts(long pid) {
        return new ProcessFacts(proc, tmp, pid);
    }

    HotSpotCheck hotSpotCheck() {
        return new HotSpotCheck(proc, tmp);
    }
}
