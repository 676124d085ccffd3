package dev.leakwatch.agent.collect.host;

import dev.leakwatch.agent.collect.Collector;
import dev.leakwatch.agent.collect.MetricSink;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Filesystem sizes, node_exporter style: mounts from {@code /proc/1/mounts} (the host's, when
 * the agent shares the host's pid namespace; else {@code /proc/mounts}), filtered by mount point
 * and type, each read with statvfs(2). A stuck network mount blocks only this collector, which
 * its timeout abandons.
 */
public final class FilesystemCollector implements Collector {
    static final MetricDescriptor SIZE = MetricDescriptor.gauge("node_filesystem_size_bytes",
            "Filesystem size in bytes.");
    static final MetricDescriptor FREE = MetricDescriptor.gauge("node_filesystem_free_bytes",
            "Filesystem free space in bytes.");
    static final MetricDescriptor AVAIL = MetricDescriptor.gauge("node_filesystem_avail_bytes",
            "Filesystem space available to non-root users in bytes.");
    static final MetricDescriptor READONLY = MetricDescriptor.gauge("node_filesystem_readonly",
            "Filesystem read-only status.");

    /** Space figures of one filesystem; a seam so tests need no real mounts. */
    @FunctionalInterface
    interface SpaceReader {
        /** Null when the filesystem cannot be read (statvfs failed). */
        Space read(Path mountPoint);
    }

    record Space(long size, long free, long avail) {}

    /** statvfs through java.io.File, which (unlike FileStore) does not re-read the mount table per call. */
    static final SpaceReader STATVFS = mountPoint -> {
        File f = mountPoint.toFile();
        long size = f.getTotalSpace();
        return size <= 0 ? null : new Space(size, f.getFreeSpace(), f.getUsableSpace());
    };

    private final HostPaths paths;
    private final Pattern mountPointsExclude;
    private final Pattern fsTypesExclude;
    private final SpaceReader reader;

    public FilesystemCollector(HostPaths paths, Pattern mountPointsExclude, Pattern fsTypesExclude) {
        this(paths, mountPointsExclude, fsTypesExclude, STATVFS);
    }

    FilesystemCollector(HostPaths paths, Pattern mountPointsExclude, Pattern fsTypesExclude, SpaceReader reader) {
        this.paths = paths;
        this.mountPointsExclude = mountPointsExclude;
        this.fsTypesExclude = fsTypesExclude;
        this.reader = reader;
    }

    @Override
    public void collect(MetricSink out) throws IOException {
        Set<Labels> seen = new HashSet<>();
        for (Mounts.Mount m : Mounts.parse(ProcText.read(mountsFile()))) {
            if (mountPointsExclude.matcher(m.mountPoint()).find() || fsTypesExclude.matcher(m.fsType()).find()) {
                continue;
            }
            Labels labels = Labels.of("device", m.device(), "fstype", m.fsType(), "mountpoint", m.mountPoint());
            if (!seen.add(labels)) {
                continue; // the same mount listed twice (bind mounts, namespaces): report once
            }
            Space space = reader.read(onRootfs(m.mountPoint()));
            if (space == null) {
                continue;
            }
            out.set(SIZE, labels, space.size());
            out.set(FREE, labels, space.free());
            out.set(AVAIL, labels, space.avail());
            out.set(READONLY, labels, m.readOnly() ? 1 : 0);
        }
    }

    private Path mountsFile() {
        Path init = paths.proc().resolve("1").resolve("mounts");
        return Files.isReadable(init) ? init : paths.proc().resolve("mounts");
    }

    private Path onRootfs(String mountPoint) {
        String relative = mountPoint.startsWith("/") ? mountPoint.substring(1) : mountPoint;
        return relative.isEmpty() ? paths.rootfs() : paths.rootfs().resolve(relative);
    }
}
