package dev.leakwatch.agent.cli;

import static org.awaitility.Awaitility.await;

import dev.leakwatch.jvm.attach.ChildProcess;
import dev.leakwatch.jvm.attach.testapps.IdleTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An {@link IdleTarget} JVM started the way a container runtime would isolate it, for tests of what
 * the agent sees from the host: in its own pid and mount namespaces with a private {@code /tmp}
 * ({@code unshare}), or as another user ({@code setpriv}). Knows the JVM's pid on the host and in
 * its namespace; {@link #stop} kills the JVM and its launcher and removes the cgroup it was put in.
 */
final class IsolatedJvm {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final ChildProcess launcher;
    private final long hostPid;
    private final long namespacePid;
    private Path cgroup;

    private IsolatedJvm(ChildProcess launcher, long hostPid, long namespacePid) {
        this.launcher = launcher;
        this.hostPid = hostPid;
        this.namespacePid = namespacePid;
    }

    /**
     * The JVM as pid 1 of a new pid namespace, in a new mount namespace whose {@code /tmp} is an
     * empty tmpfs: its hsperfdata file and attach socket exist only there. The network namespace is
     * shared (as with {@code docker run --network host}), so its loopback JMX connector is reachable.
     * {@code --kill-child} makes the kernel kill the JVM when {@code unshare} dies.
     */
    static IsolatedJvm inNewNamespaces(Path javaHome) {
        return inNewNamespaces(javaHome, List.of());
    }

    /** As {@link #inNewNamespaces(Path)}, also with its own network namespace (a container not on the host network). */
    static IsolatedJvm inNewNamespacesWithOwnNetwork(Path javaHome) {
        return inNewNamespaces(javaHome, List.of("--net"));
    }

    private static IsolatedJvm inNewNamespaces(Path javaHome, List<String> moreNamespaces) {
        List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--mount"));
        command.addAll(moreNamespaces);
        command.addAll(List.of("--fork", "--mount-proc", "--kill-child",
                "sh", "-c", "mount -t tmpfs -o mode=1777 tmpfs /tmp && exec \"$0\" \"$@\""));
        command.addAll(javaCommand(javaHome));
        ChildProcess launcher = ChildProcess.start(command);
        awaitReady(launcher, "unshare --pid --mount --fork (needs root or CAP_SYS_ADMIN; this test must not pass without it)");
        long hostPid = javaChildOf(launcher.pid());
        return new IsolatedJvm(launcher, hostPid, innermostPid(hostPid));
    }

    /** The JVM running as {@code uid}/{@code gid} (no supplementary groups), in our namespaces. */
    static IsolatedJvm asUser(Path javaHome, int uid, int gid) {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
        command.addAll(javaCommand(javaHome));
        ChildProcess launcher = ChildProcess.start(command);
        awaitReady(launcher, "setpriv --reuid=" + uid + " (needs root)");
        return new IsolatedJvm(launcher, launcher.pid(), launcher.pid());
    }

    private static List<String> javaCommand(Path javaHome) {
        return List.of(javaHome.resolve("bin/java").toString(), "-Xmx32m", "-XX:+UseSerialGC",
                "-cp", classpathOf(IdleTarget.class), IdleTarget.class.getName());
    }

    private static void awaitReady(ChildProcess launcher, String what) {
        try {
            launcher.awaitLine("ready", STARTUP);
        } catch (RuntimeException e) {
            launcher.close();
            throw new IllegalStateException("could not start a JVM with " + what + ": " + e.getMessage(), e);
        }
    }

    /** The JVM that {@code unshare --fork} started: its only child, once that has exec'd java. */
    private static long javaChildOf(long unsharePid) {
        return await().atMost(STARTUP).until(() -> ProcessHandle.of(unsharePid)
                .flatMap(p -> p.children().findFirst())
                .map(ProcessHandle::pid)
                .filter(pid -> cmdline(pid).contains(IdleTarget.class.getName())), Optional::isPresent).orElseThrow();
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last pid of the {@code NSpid:} line: the pid the process has in its own namespace. */
    private static long innermostPid(long hostPid) {
        try {
            String line = Files.readAllLines(Path.of("/proc", Long.toString(hostPid), "status")).stream()
                    .filter(l -> l.startsWith("NSpid:")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no NSpid in /proc/" + hostPid + "/status"));
            String[] pids = line.substring("NSpid:".length()).strip().split("\\s+");
            return Long.parseLong(pids[pids.length - 1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classpathOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a test report shows as the parameter. */
    @Override
    public String toString() {
        return "JVM pid " + hostPid + " (" + namespacePid + " in its namespace)";
    }

    long hostPid() {
        return hostPid;
    }

    long namespacePid() {
        return namespacePid;
    }

    /** Sends a command to the {@link IdleTarget} and waits for its answer. */
    void command(String command) {
        launcher.send(command);
        launcher.awaitLine("done " + command, STARTUP);
    }

    /**
     * Moves the JVM into a new cgroup v2 directory {@code <leaf>} under a test-owned parent of the
     * cgroup2 mount, as a container runtime would; empty if there is no writable cgroup2 hierarchy.
     */
    Optional<Path> moveToCgroup(String leaf) {
        Optional<Path> mount = cgroup2Mount();
        if (mount.isEmpty()) {
            return Optional.empty();
        }
        Path dir = mount.get().resolve("leakwatch-test-" + hostPid).resolve(leaf);
        try {
            Files.createDirectories(dir);
            cgroup = dir;
            Files.writeString(dir.resolve("cgroup.procs"), Long.toString(hostPid));
            return Optional.of(dir);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where a cgroup2 hierarchy is mounted: {@code /sys/fs/cgroup} on v2 hosts, {@code .../unified} on hybrid ones. */
    private static Optional<Path> cgroup2Mount() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                // mount-id parent major:minor root mount-point options ... - fstype source super-options
                String[] halves = line.split(" - ", 2);
                String[] fields = halves[0].split(" ");
                if (halves.length == 2 && halves[1].startsWith("cgroup2 ") && fields.length > 4) {
                    return Optional.of(Path.of(fields[4]));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Kills the JVM and its launcher and removes its cgroup. Not {@code AutoCloseable} on purpose:
     * JUnit closes the AutoCloseable arguments of a parameterized test after each invocation.
     */
    void stop() {
        // SIGTERM first: a JVM that exits normally deletes its hsperfdata file (ours is in the host's
        // /tmp when it runs as another user); unshare does not pass SIGTERM on, so it goes to the JVM.
        ProcessHandle.of(hostPid).ifPresent(ProcessHandle::destroy);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(hostPid).map(p -> !p.isAlive()).orElse(true));
        } catch (ConditionTimeoutException e) {
            ProcessHandle.of(hostPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        launcher.close();
        await().atMost(STARTUP).until(() -> ProcessHandle.of(hostPid).map(p -> !p.isAlive()).orElse(true));
        if (cgroup != null) {
            // a cgroup can be removed once its last process is reaped
            await().atMost(STARTUP).ignoreExceptions().until(() -> {
                Files.deleteIfExists(cgroup);
                Files.deleteIfExists(cgroup.getParent());
                return true;
            });
        }
    }
}
