package dev.leakwatch.jvm.proc;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Finds the memory limit that applies to a process's cgroup.
 *
 * <p>Implementation note: the paths in {@code /proc/<pid>/cgroup} are relative to the reader's cgroup namespace;
 * the directory holding that cgroup is the mount point of the matching hierarchy (from the reader's
 * {@code mountinfo}) joined with the path made relative to the mount's root, which matters inside containers
 * whose {@code /sys/fs/cgroup} mounts a sub-tree. A limit set on an ancestor cgroup applies too, so the smallest
 * limit from the process's cgroup up to the mount point wins. cgroup v1 is tried first (on hybrid hosts the memory
 * controller lives there), then v2. v1 writes "no limit" as {@code PAGE_COUNTER_MAX} pages (9223372036854771712
 * with 4 KiB pages), v2 as {@code max}; both, and any value above {@value #UNLIMITED_ABOVE}, mean no limit.
 * Without a usable {@code mountinfo}, the conventional mount points are assumed
 * ({@code /sys/fs/cgroup/memory}, {@code /sys/fs/cgroup/unified} or {@code /sys/fs/cgroup}).
 * Reference: the JDK's {@code CgroupSubsystemFactory} and {@code CgroupV1Subsystem}.
 */
final class CgroupMemoryLimit {

    static final long UNLIMITED_ABOVE = 1L << 62;
    private static final String V1_FILE = "memory.limit_in_bytes";
    private static final String V2_FILE = "memory.max";

    private final Path sysRoot;
    private final Function<Path, Optional<String>> reader;

    /**
     * @param sysRoot where {@code /sys} is (mount points under {@code /sys} are re-rooted there)
     * @param reader  the content of a file, empty when it cannot be read
     */
    CgroupMemoryLimit(Path sysRoot, Function<Path, Optional<String>> reader) {
        this.sysRoot = sysRoot;
        this.reader = reader;
    }

    OptionalLong limit(List<CgroupParser.Entry> cgroups, List<MountInfoParser.Mount> mounts) {
        for (CgroupParser.Entry entry : cgroups) {
            if (entry.controllers().contains("memory")) {
                Optional<MountInfoParser.Mount> mount = mounts.stream()
                        .filter(m -> m.fsType().equals("cgroup") && m.superOptions().contains("memory"))
                        .findFirst();
                Path mountPoint = mount.map(m -> sysPath(m.mountPoint()))
                        .orElse(sysRoot.resolve("fs/cgroup/memory"));
                OptionalLong limit = smallest(mountPoint, mount.map(MountInfoParser.Mount::root).orElse("/"),
                        entry.path(), V1_FILE);
                if (limit.isPresent()) {
                    return limit;
                }
            }
        }
        for (CgroupParser.Entry entry : cgroups) {
            if (entry.unified()) {
                Optional<MountInfoParser.Mount> mount =
                        mounts.stream().filter(m -> m.fsType().equals("cgroup2")).findFirst();
                Path mountPoint = mount.map(m -> sysPath(m.mountPoint())).orElseGet(this::conventionalV2);
                return smallest(mountPoint, mount.map(MountInfoParser.Mount::root).orElse("/"), entry.path(), V2_FILE);
            }
        }
        return OptionalLong.empty();
    }

    private Path conventionalV2() {
        Path unified = sysRoot.resolve("fs/cgroup/unified");
        return reader.apply(unified.resolve("cgroup.controllers")).isPresent() ? unified : sysRoot.resolve("fs/cgroup");
    }

    private OptionalLong smallest(Path mountPoint, String mountRoot, String cgroupPath, String file) {
        Path dir;
        try {
            dir = mountPoint.resolve(relative(mountRoot, cgroupPath)).normalize();
        } catch (InvalidPathException notAPath) {
            return OptionalLong.empty();
        }
        if (!dir.startsWith(mountPoint)) {
            dir = mountPoint; // "..": stay inside the hierarchy
        }
        long smallest = Long.MAX_VALUE;
        for (Path at = dir; at != null && at.startsWith(mountPoint); at = at.getParent()) {
            OptionalLong value = reader.apply(at.resolve(file)).map(CgroupMemoryLimit::parseLimit)
                    .orElse(OptionalLong.empty());
            if (value.isPresent()) {
                smallest = Math.min(smallest, value.getAsLong());
            }
        }
        return smallest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(smallest);
    }

    /** The cgroup path below the mount's root; the mount point itself when the cgroup is outside it. */
    private static String relative(String mountRoot, String cgroupPath) {
        String root = mountRoot.endsWith("/") ? mountRoot : mountRoot + '/';
        String path = cgroupPath.endsWith("/") ? cgroupPath : cgroupPath + '/';
        if (!path.startsWith(root)) {
            return "";
        }
        String below = path.substring(root.length());
        return below.endsWith("/") ? below.substring(0, below.length() - 1) : below;
    }

    private Path sysPath(String mountPoint) {
        if (mountPoint.equals("/sys")) {
            return sysRoot;
        }
        try {
            return mountPoint.startsWith("/sys/")
                    ? sysRoot.resolve(mountPoint.substring("/sys/".length()))
                    : Path.of(mountPoint);
        } catch (InvalidPathException notAPath) {
            return sysRoot.resolve("fs/cgroup");
        }
    }

    static OptionalLong parseLimit(String text) {
        String value = text.strip();
        try {
            long limit = Long.parseLong(value);
            return limit < 0 || limit > UNLIMITED_ABOVE ? OptionalLong.empty() : OptionalLong.of(limit);
        } catch (NumberFormatException maxOrMalformed) {
            return OptionalLong.empty();
        }
    }
}
