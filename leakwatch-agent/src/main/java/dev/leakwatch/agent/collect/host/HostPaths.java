package dev.leakwatch.agent.collect.host;

import java.nio.file.Path;

/**
 * Where the host's pseudo-filesystems are: the real ones, or a container's mounts of the
 * host's (node_exporter's {@code --path.procfs}, {@code --path.sysfs}, {@code --path.rootfs}),
 * or a fixture tree in tests.
 */
public record HostPaths(Path proc, Path sys, Path rootfs) {
    public static HostPaths system() {
        return new HostPaths(Path.of("/proc"), Path.of("/sys"), Path.of("/"));
    }
}
