package dev.leakwatch.jvm.perfdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads the counters of live child JVMs (the JDK running the tests, and JDK 25 where
 * installed), sees them move when the child allocates, and checks that reading never made the
 * child start its attach listener; then attaches with jcmd to show the check would notice.
 */
class PerfDataIT {
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final long MIB = 1024 * 1024;
    private static final String ATTACH_LISTENER = "Attach Listener";

    private final List<ChildJvm> children = new ArrayList<>();

    static Stream<Path> javaLaunchers() {
        return Stream.of(ChildJvm.currentJava(), JDK25).filter(Files::isExecutable).distinct();
    }

    @AfterEach
    void stopChildren() {
        for (ChildJvm child : children) {
            child.close();
        }
    }

    @ParameterizedTest
    @MethodSource("javaLaunchers")
    void readsALiveJvmWithoutAttachingToIt(Path java) throws Exception {
        ChildJvm child = start(java, "-Xmx64m");
        JvmDiscovery discovery = JvmDiscovery.system();

        LocalJvm jvm = await().atMost(Duration.ofSeconds(30))
                .until(() -> discovery.find(child.pid()), Optional::isPresent).orElseThrow();
        assertThat(discovery.list()).extracting(LocalJvm::pid).contains(child.pid());
        JvmCounters before = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(PerfDataFormatException.class) // a JVM still starting
                .until(jvm::readCounters, c -> c.perfData().accessible());

        assertThat(before.heapMaxBytes()).hasValue(64 * MIB);
        assertThat(before.maxHeapFlagBytes()).hasValue(64 * MIB);
        assertThat(before.mainClass()).contains(PerfDataTestChild.class.getName());
        assertThat(before.vmVersion()).hasValueSatisfying(v -> assertThat(v).startsWith(javaFeatureVersion(java)));
        assertThat(before.liveThreads().orElseThrow()).isPositive();
        long youngGcsBefore = before.youngGcCount().orElseThrow();

        child.send("alloc 256", "allocated"); // 256 MiB through a 64 MiB heap: several young GCs

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JvmCounters after = jvm.readCounters();
            assertThat(after.youngGcCount().orElseThrow()).isGreaterThan(youngGcsBefore);
            assertThat(after.youngGcTime().orElseThrow()).isGreaterThan(before.youngGcTime().orElseThrow());
            assertThat(after.heapUsedAfterLastGcBytes().orElseThrow()).isGreaterThan(0);
        });

        assertAttachListenerNeverStarted(child);

        // Control: a real attach does start the listener, so the checks above can fail.
        Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(child.pid()), "VM.version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jcmd.exitValue()).isZero();
        assertThat(nativeThreadNames(child.pid())).contains(ATTACH_LISTENER);
        assertThat(Files.exists(attachSocket(child.pid()))).isTrue();
    }

    /**
     * An attach (jcmd, jstack, the Attach API) sends SIGQUIT, which makes the JVM start its
     * "Attach Listener" thread and create the socket {@code /tmp/.java_pid<pid>}; both stay
     * for the JVM's lifetime. Neither exists, so the child was never signalled.
     */
    private static void assertAttachListenerNeverStarted(ChildJvm child) throws IOException {
        assertThat(nativeThreadNames(child.pid())).isNotEmpty().doesNotContain(ATTACH_LISTENER);
        assertThat(child.send("threads", "threads ")).doesNotContain(ATTACH_LISTENER).contains("main");
        assertThat(attachSocket(child.pid())).doesNotExist();
        assertThat(Path.of("/tmp", ".attach_pid" + child.pid())).doesNotExist();
        assertThat(Path.of("/proc", Long.toString(child.pid()), "cwd", ".attach_pid" + child.pid())).doesNotExist();
    }

    private static Path attachSocket(long pid) {
        return Path.of("/tmp", ".java_pid" + pid);
    }

    /** The kernel's names of the process's threads, which HotSpot sets to the Java names. */
    private static List<String> nativeThreadNames(long pid) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    names.add(Files.readString(task.resolve("comm")).trim());
                } catch (IOException exited) {
                    // the thread ended between listing and reading
                }
            }
        }
        return names;
    }

    /** "17" for a JDK 17 launcher: the feature version the child's java.vm.version starts with. */
    private static String javaFeatureVersion(Path java) {
        if (java.equals(JDK25)) {
            return "25";
        }
        return Integer.toString(Runtime.version().feature());
    }

    private ChildJvm start(Path java, String... options) throws IOException {
        ChildJvm child = ChildJvm.start(java, options);
        children.add(child);
        return child;
    }
}
