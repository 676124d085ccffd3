package dev.leakwatch.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few {@code /proc/<pid>} facts {@code leakwatch ps} shows: owner, RSS, threads, open
 * fds and command line. Rooted at an injectable directory for tests. A process that exits
 * while being read, or that is not ours to read, yields what could be read (unknown fields as
 * -1), never an error.
 */
final class PsProcReader {
    /** One process as read from /proc. */
    record ProcessInfo(long pid, String user, String name, String command, long rssBytes, int threads, int fds) {}

    private final Path procRoot;

    PsProcReader(Path procRoot) {
        this.procRoot = procRoot;
    }

    List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(procRoot)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && name.length() <= 10 && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    pids.add(Long.parseLong(name));
                }
            }
        }
        pids.sort(null);
        return pids;
    }

    /** Empty if the process is gone (or its status is unreadable). */
    Optional<ProcessInfo> read(long pid) {
        Path dir = procRoot.resolve(Long.toString(pid));
        List<String> status;
        try {
            status = Files.readAllLines(dir.resolve("status"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String name = field(status, "Name:").orElse("?");
        long rssKib = field(status, "VmRSS:").map(PsProcReader::leadingNumber).orElse(0L);
        int threads = field(status, "Threads:").map(PsProcReader::leadingNumber).map(Long::intValue).orElse(-1);
        String command = commandLine(dir).orElse("[" + name + "]"); // kernel threads have none
        return Optional.of(new ProcessInfo(pid, owner(dir), name, command, rssKib * 1024, threads, countFds(dir)));
    }

    private static Optional<String> field(List<String> status, String key) {
        return status.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length()).trim()).findFirst();
    }

    /** "123 kB" to 123; malformed to 0. */
    private static long leadingNumber(String value) {
        String digits = value.split("\\s+", 2)[0];
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Long.parseLong(digits);
    }

    private static Optional<String> commandLine(Path dir) {
        try {
            byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
            String text = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String owner(Path dir) {
        try {
            return Files.getOwner(dir).getName();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Entries of /proc/pid/fd; -1 when not ours to list. */
    private static int countFds(Path dir) {
        int count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
            for (Path ignored : fds) {
                count++;
            }
            return count;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
