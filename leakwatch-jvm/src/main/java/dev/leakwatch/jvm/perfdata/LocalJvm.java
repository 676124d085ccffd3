package dev.leakwatch.jvm.perfdata;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A running HotSpot JVM found through its hsperfdata file.
 *
 * @param pid                  the pid as this host (our pid namespace) sees it
 * @param namespacePid         the pid inside the JVM's own pid namespace (= pid unless containerised)
 * @param user                 the user of the {@code hsperfdata_<user>} directory
 * @param perfDataFile         where its counters are, possibly under {@code /proc/<pid>/root}
 * @param otherMountNamespace  true if the JVM runs in another mount namespace (container, PrivateTmp)
 */
public record LocalJvm(long pid, long namespacePid, String user, Path perfDataFile, boolean otherMountNamespace) {

    /** Reads a fresh snapshot of the JVM's counters (a private copy of the file; no attach). */
    public PerfData readPerfData() throws IOException {
        return HsperfdataFile.read(perfDataFile);
    }

    public JvmCounters readCounters() throws IOException {
        return JvmCounters.of(readPerfData());
    }
}
