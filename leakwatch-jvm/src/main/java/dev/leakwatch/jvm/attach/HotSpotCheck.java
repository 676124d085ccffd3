package dev.leakwatch.jvm.attach;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Tells whether a process is a HotSpot JVM, before anything is sent to it.
 *
 * <p>Why it matters: the Attach API wakes a JVM with SIGQUIT, and SIGQUIT terminates any process
 * that does not handle it. So no attach without this check. A process is HotSpot if its memory map
 * shows {@code libjvm.so} or its {@code hsperfdata} file (HotSpot maps both). When the map cannot be
 * read (another user), the existence of {@code /tmp/hsperfdata_<user>/<pid>} decides, looked up both
 * in our {@code /tmp} and, for containers, in {@code /proc/<pid>/root/tmp} under the pid of the
 * process's own namespace ({@code NSpid}). When the map can be read, a lone hsperfdata file is not
 * trusted: it may be left over by a killed JVM whose pid was reused.
 */
public final class HotSpotCheck {

    private static final HotSpotCheck SYSTEM = new HotSpotCheck(Path.of("/proc"), Path.of("/tmp"));

    private final Path procRoot;
    private final Path tmpRoot;

    /** For testing: a check over fixture {@code /proc} and {@code /tmp} trees. */
    HotSpotCheck(Path procRoot, Path tmpRoot) {
        this.procRoot = procRoot;
        this.tmpRoot = tmpRoot;
    }

    /** Whether the process is a running HotSpot JVM; false if it does not exist or cannot be told. */
    public static boolean isHotSpot(long pid) {
        return SYSTEM.check(pid);
    }

    boolean check(long pid) {
        return check(new ProcessFacts(procRoot, tmpRoot, pid));
    }

    static boolean check(ProcessFacts process) {
        if (!process.exists()) {
            return false;
        }
        Optional<List<String>> maps = process.maps();
        if (maps.isPresent()) {
            return maps.get().stream().anyMatch(HotSpotCheck::isHotSpotMapping);
        }
        return process.hasHsperfdataFile();
    }

    private static boolean isHotSpotMapping(String mapsLine) {
        // "(deleted)" may follow the path when the JDK was replaced under a running JVM.
        return mapsLine.contains("/libjvm.so") || mapsLine.contains("/hsperfdata_");
    }
}
