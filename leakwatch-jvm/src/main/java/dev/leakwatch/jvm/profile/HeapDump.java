package dev.leakwatch.jvm.profile;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An HPROF heap dump of live objects, taken by the target's HotSpotDiagnosticMXBean into a
 * private temporary directory and deleted on {@link #close()}. The dump is as large as the
 * live heap and pauses the target while it is written: it is for explicit, rare use.
 */
public final class HeapDump implements AutoCloseable {
    private final Path dir;
    private final Path file;

    private HeapDump(Path dir, Path file) {
        this.dir = dir;
        this.file = file;
    }

    public static HeapDump take(ProfileTarget target) throws IOException {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.newPlatformMXBeanProxy(
                target.mbeans(), "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
        Path dir = Files.createTempDirectory("leakwatch-heapdump-");
        // The JVM refuses to overwrite a file and, since JDK 17, insists on the .hprof suffix.
        Path file = dir.resolve("heap.hprof");
        HeapDump dump = new HeapDump(dir, file);
        try {
            hotspot.dumpHeap(file.toString(), true);
            return dump;
        } catch (IOException | RuntimeException e) {
            dump.close();
            throw new IOException("heap dump of pid " + target.pid() + " failed: " + e.getMessage(), e);
        }
    }

    public long size() throws IOException {
        return Files.size(file);
    }

    public void writeTo(OutputStream out) throws IOException {
        Files.copy(file, out);
    }

    /** Deletes the dump and its directory. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete heap dump " + file, e);
        }
    }
}
