package dev.leakwatch.jvm.proc;

import dev.leakwatch.core.heap.HeapAddressRange;
import dev.leakwatch.core.fd.FdTarget;
import dev.leakwatch.core.fd.SocketEndpoint;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads processes from Linux {@code /proc} and {@code /sys}: works for any process, JVM or not.
 *
 * <p>Errors are results, not exceptions: a process that does not exist, or exits while being read, yields
 * {@link Optional#empty()}, an empty list or table, or {@link FdListing.Status#NO_SUCH_PROCESS}. Permission
 * matters only for {@code /proc/<pid>/fd} (readable by the process's user, root, or with {@code CAP_SYS_PTRACE}):
 * {@link #fds} then answers {@link FdListing.Status#PERMISSION_DENIED} and {@link ProcessStat#fdCount()} is empty;
 * everything else leakwatch reads is world-readable. Text the kernel would never write (a {@code stat} line
 * without its fields) raises {@link IllegalArgumentException} with the offending text.
 *
 * <p>Immutable and safe for concurrent use.
 */
public final class ProcFs {

    /**
     * Clock ticks per second of the times in {@code stat} ({@code USER_HZ}). The kernel fixes USER_HZ at 100 on
     * every architecture a JVM runs on, which is what {@code getconf CLK_TCK} prints; no need to fork it.
     */
    static final long USER_HZ = 100;

    private static final Path SYSTEM_PASSWD = Path.of("/etc/passwd");

    private final Path procRoot;
    private final Path sysRoot;
    private final Path passwd;
    private final ProcFiles files;
    private final ByteOrder byteOrder;
    private final CgroupMemoryLimit cgroupMemory;
    /** Boot time in epoch seconds, read once: it never changes while the machine runs. */
    private volatile Long bootTimeSeconds;

    /** For testing: a fixture tree, a passwd file, files that fail on demand, the byte order of the recording. */
    ProcFs(Path procRoot, Path sysRoot, Path passwd, ProcFiles files, ByteOrder byteOrder) {
        this.procRoot = procRoot;
        this.sysRoot = sysRoot;
        this.passwd = passwd;
        this.files = files;
        this.byteOrder = byteOrder;
        this.cgroupMemory = new CgroupMemoryLimit(sysRoot, this::readText);
    }

    /** This machine's {@code /proc} and {@code /sys}. */
    public static ProcFs system() {
        return of(Path.of("/proc"), Path.of("/sys"));
    }

    /**
     * {@code /proc} and {@code /sys} mounted elsewhere, e.g. the host's as {@code /host/proc} and {@code /host/sys}
     * in a container. User names still come from this machine's {@code /etc/passwd}.
     */
    public static ProcFs of(Path procRoot, Path sysRoot) {
        return new ProcFs(procRoot, sysRoot, SYSTEM_PASSWD, ProcFiles.nio(), ByteOrder.nativeOrder());
    }

    /** The ids of all processes, ascending. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try {
            for (String name : files.list(procRoot)) {
                parseId(name).ifPresent(pids::add);
            }
        } catch (IOException e) {
            return List.of();
        }
        pids.sort(Comparator.naturalOrder());
        return pids;
    }

    /** Key resources of a process; empty when it does not exist. */
    public Optional<ProcessStat> stat(long pid) {
        Optional<String> statLine = readText(pidPath(pid, "stat"));
        Optional<String> statusText = readText(pidPath(pid, "status"));
        if (statLine.isEmpty() || statLine.get().isBlank() || statusText.isEmpty()) {
            return Optional.empty();
        }
        StatParser.Stat stat = StatParser.parse(statLine.get().strip());
        Map<String, String> status = StatusParser.parse(statusText.get());
        Optional<byte[]> cmdline = readBytes(pidPath(pid, "cmdline"));
        OptionalInt fdCount = fdCount(pid);
        if (cmdline.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProcessStat(
                stat.pid(),
                stat.ppid(),
                StatusParser.first(status, "Uid").orElse(-1),
                CmdlineParser.commandLine(cmdline.get(), stat.comm()),
                stat.comm(),
                stat.state(),
                StatusParser.bytes(status, "VmRSS").orElse(0),
                StatusParser.bytes(status, "VmHWM").orElse(0),
                stat.threads(),
                fdCount,
                (double) stat.utimeTicks() / USER_HZ,
                (double) stat.stimeTicks() / USER_HZ,
                startTime(stat.startTicks())));
    }

    /**
     * When a process started, from its {@code stat} alone (cheaper than {@link #stat}, which also
     * lists the fds); empty when it does not exist.
     *
     * @throws IllegalArgumentException if its stat line is malformed
     */
    public Optional<ProcessStart> start(long pid) {
        Optional<String> statLine = readText(pidPath(pid, "stat"));
        if (statLine.isEmpty() || statLine.get().isBlank()) {
            return Optional.empty();
        }
        long ticks = StatParser.parse(statLine.get().strip()).startTicks();
        return Optional.of(new ProcessStart(ticks, startTime(ticks)));
    }

    /** The number of open descriptors; empty when the process does not exist or its fds may not be listed. */
    public OptionalInt fdCount(long pid) {
        try {
            return OptionalInt.of((int) files.list(pidPath(pid, "fd")).stream().filter(ProcFs::isNumber).count());
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The open descriptors and their targets, by number. A descriptor closed between listing and
     * {@code readlink} is left out; a process that exits meanwhile gives {@link FdListing.Status#NO_SUCH_PROCESS}.
     */
    public FdListing fds(long pid) {
        Path fdDir = pidPath(pid, "fd");
        List<String> names;
        try {
            names = files.list(fdDir);
        } catch (AccessDeniedException e) {
            return FdListing.permissionDenied();
        } catch (IOException e) {
            return FdListing.noSuchProcess();
        }
        List<FdTarget> fds = new ArrayList<>(names.size());
        for (String name : names) {
            Optional<Long> fd = parseId(name);
            if (fd.isEmpty() || fd.get() > Integer.MAX_VALUE) {
                continue;
            }
            try {
                fds.add(new FdTarget(fd.get().intValue(), files.readLink(fdDir.resolve(name))));
            } catch (AccessDeniedException e) {
                return FdListing.permissionDenied();
            } catch (IOException closedMeanwhile) {
                // the descriptor was closed after the listing: not open any more
            }
        }
        if (!files.exists(pidPath(pid, ""))) {
            return FdListing.noSuchProcess();
        }
        fds.sort(Comparator.comparingInt(FdTarget::fd));
        return FdListing.read(fds);
    }

    /** The soft limit on open files ({@code ulimit -n}); empty when unknown or unlimited. */
    public OptionalLong maxOpenFiles(long pid) {
        return readText(pidPath(pid, "limits")).map(LimitsParser::maxOpenFiles).orElse(OptionalLong.empty());
    }

    /**
     * The memory limit of the process's cgroup (v1 {@code memory.limit_in_bytes} or v2 {@code memory.max},
     * the smallest along the path to the root); empty when there is none or the process does not exist.
     */
    public OptionalLong cgroupMemoryLimit(long pid) {
        Optional<String> cgroup = readText(pidPath(pid, "cgroup"));
        if (cgroup.isEmpty()) {
            return OptionalLong.empty();
        }
        List<MountInfoParser.Mount> mounts = readText(procRoot.resolve("self").resolve("mountinfo"))
                .map(MountInfoParser::parse).orElse(List.of());
        return cgroupMemory.limit(CgroupParser.parse(cgroup.get()), mounts);
    }

    /** The 64-hex id of the container (docker, containerd, cri-o, podman) the process runs in, if any. */
    public Optional<String> containerId(long pid) {
        return readText(pidPath(pid, "cgroup")).map(CgroupParser::parse).flatMap(CgroupParser::containerId);
    }

    /**
     * The sockets of the process's network namespace, to resolve its {@code socket:[inode]} descriptors; empty
     * when the process does not exist.
     */
    public SocketTable sockets(long pid) {
        Map<Long, SocketEndpoint> sockets = new HashMap<>();
        readText(pidPath(pid, "net/tcp")).ifPresent(t -> sockets.putAll(NetTableParser.parseInet(t, "tcp", byteOrder)));
        readText(pidPath(pid, "net/tcp6")).ifPresent(t -> sockets.putAll(NetTableParser.parseInet(t, "tcp", byteOrder)));
        readText(pidPath(pid, "net/udp")).ifPresent(t -> sockets.putAll(NetTableParser.parseInet(t, "udp", byteOrder)));
        readText(pidPath(pid, "net/udp6")).ifPresent(t -> sockets.putAll(NetTableParser.parseInet(t, "udp", byteOrder)));
        readText(pidPath(pid, "net/unix")).ifPresent(t -> sockets.putAll(NetTableParser.parseUnix(t)));
        return sockets.isEmpty() ? SocketTable.empty() : new SocketTable(sockets);
    }

    /** The threads of a process by kernel name and state, by thread id; empty when the process does not exist. */
    public List<TaskStat> tasks(long pid) {
        Path taskDir = pidPath(pid, "task");
        List<String> names;
        try {
            names = files.list(taskDir);
        } catch (IOException e) {
            return List.of();
        }
        List<TaskStat> tasks = new ArrayList<>(names.size());
        for (String name : names) {
            if (parseId(name).isPresent()) {
                readText(taskDir.resolve(name).resolve("stat"))
                        .filter(line -> !line.isBlank())
                        .map(line -> StatParser.parse(line.strip()))
                        .ifPresent(stat -> tasks.add(new TaskStat(stat.pid(), stat.comm(), stat.state())));
            }
        }
        tasks.sort(Comparator.comparingLong(TaskStat::tid));
        return tasks;
    }

    /**
     * The user name of the process's real uid, or the uid as a number when no passwd entry names it; empty when
     * the process does not exist.
     */
    public Optional<String> processOwner(long pid) {
        OptionalLong uid = readText(pidPath(pid, "status")).map(StatusParser::parse)
                .map(status -> StatusParser.first(status, "Uid")).orElse(OptionalLong.empty());
        if (uid.isEmpty()) {
            return Optional.empty();
        }
        long id = uid.getAsLong();
        return Optional.of(readText(passwd).flatMap(text -> PasswdParser.userName(text, id)).orElse(Long.toString(id)));
    }

    /**
     * Resident bytes of the process's mappings that do not overlap the Java heap's reservation:
     * the resident memory outside the heap. Empty if the
     * process is gone or its smaps is unreadable.
     */
    public OptionalLong residentBytesOutside(long pid, HeapAddressRange range) {
        return readText(pidPath(pid, "smaps"))
                .map(text -> OptionalLong.of(SmapsParser.residentBytes(text, (start, end) -> !range.overlaps(start, end))))
                .orElse(OptionalLong.empty());
    }

    private Instant startTime(long startTicks) {
        Long boot = bootTimeSeconds;
        if (boot == null) {
            // /proc/stat "btime"; 0 if unreadable, which keeps start times stable and ordered if not absolute
            boot = readText(procRoot.resolve("stat")).flatMap(ProcFs::bootTime).orElse(0L);
            bootTimeSeconds = boot;
        }
        return Instant.ofEpochSecond(boot).plusMillis(startTicks * 1000 / USER_HZ);
    }

    static Optional<Long> bootTime(String procStat) {
        return procStat.lines()
                .filter(line -> line.startsWith("btime "))
                .map(line -> line.substring("btime ".length()).strip())
                .flatMap(value -> parseId(value).stream())
                .findFirst();
    }

    private Path pidPath(long pid, String file) {
        Path dir = procRoot.resolve(Long.toString(pid));
        return file.isEmpty() ? dir : dir.resolve(file);
    }

    private Optional<String> readText(Path file) {
        return readBytes(file).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private Optional<byte[]> readBytes(Path file) {
        try {
            return Optional.of(files.read(file));
        } catch (IOException goneOrUnreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseId(String text) {
        if (!isNumber(text) || text.length() > 18) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
