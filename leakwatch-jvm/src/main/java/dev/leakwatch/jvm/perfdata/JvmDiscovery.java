package dev.leakwatch.jvm.perfdata;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Finds the HotSpot JVMs running on this host without touching them, through the hsperfdata
 * files they publish (a JVM started with {@code -XX:-UsePerfData} or
 * {@code -XX:+PerfDisableSharedMem} has none and is not found).
 *
 * <p>Implementation note. A JVM writes {@code /tmp/hsperfdata_<user>/<pid>} with the pid and
 * the {@code /tmp} of its own namespaces. Two places are searched:
 * <ul>
 *   <li>our {@code /tmp/hsperfdata_*}/<i>pid</i>, for every user (root sees all); the file
 *       counts only if that pid is alive and, when namespaces are readable, in our mount
 *       namespace (the file of a dead JVM stays until the user's next JVM cleans it up);</li>
 *   <li>for each process in another mount namespace (a container, systemd PrivateTmp):
 *       {@code /proc/<pid>/root/tmp/hsperfdata_*}/<i>nspid</i>, where <i>nspid</i> is the last
 *       {@code NSpid} of {@code /proc/<pid>/status}, its pid inside its own pid namespace. The
 *       kernel resolves {@code /proc/<pid>/root} in the process's mount namespace.</li>
 * </ul>
 * Same approach as jattach and async-profiler. Limitation: only a killed JVM leaves its file
 * behind (a JVM deletes it on exit, and the next JVM of that user deletes stale ones); if a
 * new process reuses that pid before then, it is reported with the dead JVM's counters.
 */
public final class JvmDiscovery {
    static final String DIR_PREFIX = "hsperfdata_";
    private static final String SELF = "self";

    private final ProcView proc;
    private final Path tmpRoot;

    /**
     * @param procRoot where {@code /proc} is (tests pass a fixture tree)
     * @param tmpRoot  where our {@code /tmp} is
     */
    public JvmDiscovery(Path procRoot, Path tmpRoot) {
        this.proc = new ProcView(procRoot);
        this.tmpRoot = tmpRoot;
    }

    /** Discovery on the real {@code /proc} and {@code /tmp}. */
    public static JvmDiscovery system() {
        return new JvmDiscovery(Path.of("/proc"), Path.of("/tmp"));
    }

    /** Every JVM visible, by ascending pid. */
    public List<LocalJvm> list() {
        Optional<String> selfNs = proc.mountNamespace(SELF);
        Map<Long, LocalJvm> found = new TreeMap<>();
        for (Path userDir : userDirs(tmpRoot)) {
            for (Path file : files(userDir)) {
                OptionalLong pid = ProcView.parsePid(file.getFileName().toString());
                if (pid.isPresent() && inOurNamespaces(pid.getAsLong(), selfNs)) {
                    found.put(pid.getAsLong(), new LocalJvm(pid.getAsLong(), pid.getAsLong(), user(userDir), file, false));
                }
            }
        }
        if (selfNs.isPresent()) {
            for (long pid : proc.pids()) {
                if (!found.containsKey(pid)) {
                    inOtherNamespace(pid, selfNs.get()).ifPresent(jvm -> found.put(pid, jvm));
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The JVM with this pid (as this host sees it), if it is one and publishes counters. */
    public Optional<LocalJvm> find(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Optional<String> selfNs = proc.mountNamespace(SELF);
        if (inOurNamespaces(pid, selfNs)) {
            for (Path userDir : userDirs(tmpRoot)) {
                Path file = userDir.resolve(Long.toString(pid));
                if (Files.isRegularFile(file)) {
                    return Optional.of(new LocalJvm(pid, pid, user(userDir), file, false));
                }
            }
            return Optional.empty();
        }
        return selfNs.isPresent() ? inOtherNamespace(pid, selfNs.get()) : Optional.empty();
    }

    /** Alive, and in our mount namespace as far as we can tell. */
    private boolean inOurNamespaces(long pid, Optional<String> selfNs) {
        if (!proc.isAlive(pid)) {
            return false; // a stale file: its JVM is gone
        }
        Optional<String> ns = proc.mountNamespace(Long.toString(pid));
        return selfNs.isEmpty() || ns.isEmpty() || ns.equals(selfNs);
    }

    private Optional<LocalJvm> inOtherNamespace(long pid, String selfNs) {
        Optional<String> ns = proc.mountNamespace(Long.toString(pid));
        if (ns.isEmpty() || ns.get().equals(selfNs)) {
            return Optional.empty();
        }
        long nsPid = proc.innermostPid(pid).orElse(pid);
        Path theirTmp = proc.pidDir(pid).resolve("root").resolve("tmp");
        for (Path userDir : userDirs(theirTmp)) {
            Path file = userDir.resolve(Long.toString(nsPid));
            if (Files.isRegularFile(file)) {
                return Optional.of(new LocalJvm(pid, nsPid, user(userDir), file, true));
            }
        }
        return Optional.empty();
    }

    private static String user(Path userDir) {
        return userDir.getFileName().toString().substring(DIR_PREFIX.length());
    }

    private static List<Path> userDirs(Path tmp) {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(tmp, DIR_PREFIX + "*")) {
            for (Path p : stream) {
                if (Files.isDirectory(p)) {
                    dirs.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // no such /tmp, or not ours to read
        }
        return dirs;
    }

    private static List<Path> files(Path dir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return files;
    }
}
