package dev.leakwatch.jvm.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checked-in tree under src/test/resources/proc-fixture, recorded on an x86-64 Linux 6.18 machine with cgroup v1
 * and v2 mounted side by side, then edited by hand to add cases (see README.md there). Read from the source tree,
 * not the classpath: resource copying does not preserve the dangling symbolic links of {@code fd/}.
 */
final class Fixture {

    static final Path ROOT = Path.of("src/test/resources/proc-fixture").toAbsolutePath();
    /** A JDK 17 process with files, tcp/tcp6/udp/unix sockets, pipes and anon inodes open, in a docker v1 cgroup. */
    static final long JVM = 9058;
    /** A {@code sleep} run as nobody, in a cgroup v2 docker scope. */
    static final long SLEEP = 9402;
    /** kthreadd: no command line, no memory, root cgroup. */
    static final long KTHREADD = 2;
    static final long MISSING = 424242;
    static final String JVM_CONTAINER = "8f2c1d4e5b6a79880123456789abcdef0123456789abcdef0123456789abcdef";
    static final String SLEEP_CONTAINER = "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e";

    private Fixture() {}

    static ProcFs procFs() {
        return procFs(ProcFiles.nio());
    }

    static ProcFs procFs(ProcFiles files) {
        return new ProcFs(ROOT.resolve("proc"), ROOT.resolve("sys"), ROOT.resolve("etc/passwd"), files,
                ByteOrder.LITTLE_ENDIAN);
    }

    /** A file of the fixture, e.g. {@code proc/9058/stat}. */
    static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
