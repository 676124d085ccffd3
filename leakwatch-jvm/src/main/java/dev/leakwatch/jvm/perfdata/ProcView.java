package dev.leakwatch.jvm.perfdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The little of {@code /proc} that JVM discovery needs: which pids exist, each one's mount
 * namespace and its pid inside its own pid namespace. Rooted at an injectable directory so
 * tests use a fixture tree. Unreadable entries (another user's process, a process that exited
 * meanwhile) read as absent, never as errors.
 */
final class ProcView {
    private final Path procRoot;

    ProcView(Path procRoot) {
        this.procRoot = procRoot;
    }

    Path root() {
        return procRoot;
    }

    Path pidDir(long pid) {
        return procRoot.resolve(Long.toString(pid));
    }

    boolean isAlive(long pid) {
        return Files.isDirectory(pidDir(pid));
    }

    /** Numeric entries of the proc root, in ascending order. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(procRoot)) {
            for (Path p : dir) {
                OptionalLong pid = parsePid(p.getFileName().toString());
                if (pid.isPresent()) {
                    pids.add(pid.getAsLong());
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        pids.sort(null);
        return pids;
    }

    /** The {@code ns/mnt} link target, e.g. "mnt:[4026531841]", of a pid or of "self". */
    Optional<String> mountNamespace(String pidOrSelf) {
        try {
            return Optional.of(Files.readSymbolicLink(procRoot.resolve(pidOrSelf).resolve("ns").resolve("mnt")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The pid in the process's own (innermost) pid namespace: the last field of the
     * {@code NSpid:} line of its status. Kernels older than 4.1 have no such line: empty.
     */
    OptionalLong innermostPid(long pid) {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidDir(pid).resolve("status"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        for (String line : lines) {
            if (line.startsWith("NSpid:")) {
                String[] fields = line.substring("NSpid:".length()).trim().split("\\s+");
                return parsePid(fields[fields.length - 1]);
            }
        }
        return OptionalLong.empty();
    }

    static OptionalLong parsePid(String text) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long pid = Long.parseLong(text);
        return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
    }
}
