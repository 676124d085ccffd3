package dev.leakwatch.jvm.profile;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * An HPROF heap dump of live objects, taken by the target's HotSpotDiagnosticMXBean and deleted
 * on {@link #close()}. The dump is as large as the live heap and pauses the target while it is
 * written: it is for explicit, rare use.
 *
 * <p>Where the file goes: the target writes it, as its own user and in its own mount namespace,
 * so it is written to the target's {@code /tmp} (a directory of ours would be invisible to a JVM
 * in a container, and not writable by another user's JVM) under an unguessable name, and read
 * from here through {@code /proc/<pid>/root}. The file is opened without following links and
 * only if it is a regular file, so a target cannot make us serve another file in its place.
 */
public final class HeapDump implements AutoCloseable {
    private static final String TARGET_DIRECTORY = "/tmp";

    private final Path file;

    private HeapDump(Path file) {
        this.file = file;
    }

    public static HeapDump take(ProfileTarget target) throws IOException {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.newPlatformMXBeanProxy(
                target.mbeans(), "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
        // The JVM refuses to overwrite a file and, since JDK 17, insists on the .hprof suffix.
        String targetPath = TARGET_DIRECTORY + "/leakwatch-heapdump-" + UUID.randomUUID() + ".hprof";
        HeapDump dump = new HeapDump(seenFromHere(target.pid(), targetPath));
        try {
            hotspot.dumpHeap(targetPath, true);
            if (!Files.readAttributes(dump.file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
                throw new IOException(dump.file + " is not a regular file");
            }
            return dump;
        } catch (IOException | RuntimeException e) {
            dump.close();
            throw new IOException("heap dump of pid " + target.pid() + " failed: " + e.getMessage(), e);
        }
    }

    /** The path through the target's root directory, which the kernel resolves in its mount namespace. */
    static Path seenFromHere(long pid, String targetAbsolutePath) {
        Path root = Path.of("/proc", Long.toString(pid), "root");
        return Files.isDirectory(root) ? root.resolve(targetAbsolutePath.substring(1)) : Path.of(targetAbsolutePath);
    }

    public long size() throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
    }

    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            in.transferTo(out);
        }
    }

    /** Deletes the dump. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete heap dump " + file, e);
        }
    }
}
