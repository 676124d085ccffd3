package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.jvm.profile.apps.AllocatorApp;
import dev.leakwatch.jvm.profile.apps.ContendedLockApp;
import dev.leakwatch.jvm.profile.apps.CpuBurnerApp;
import dev.leakwatch.jvm.profile.apps.LeakyApp;
import dev.leakwatch.jvm.profile.apps.ParkedThreadsApp;
import dev.leakwatch.jvm.profile.apps.Workload;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles of this very JVM while it runs a recognisable workload, each checked by
 * {@code go tool pprof}.
 */
class SelfProfilesIT {
    private static final Duration WINDOW = Duration.ofSeconds(3);
    /** Old-object samples come slowly on a loaded machine; a longer window keeps the heap profile from being empty. */
    private static final Duration HEAP_WINDOW = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    private final Profiler profiler = new Profiler(ProfileTarget.self());

    @Test
    void cpuProfileHasTheHotMethodOnTop() throws Exception {
        Set<Path> tempBefore = leakwatchTempFiles();
        Path file = whileRunning(CpuBurnerApp.start(), ProfileRequest.of(ProfileKind.CPU, WINDOW));
        assertThat(GoPprof.topFunctions(file)).as(GoPprof.top(file))
                .first().isEqualTo(CpuBurnerApp.class.getName() + ".burnHot");
        assertThat(FlightRecorder.getFlightRecorder().getRecordings())
                .extracting(Recording::getName).noneMatch(n -> n.startsWith("leakwatch-"));
        assertThat(leakwatchTempFiles()).isSubsetOf(tempBefore);
    }

    @Test
    void allocsProfileIsLedByTheAllocatingMethod() throws Exception {
        Path file = whileRunning(AllocatorApp.start(), ProfileRequest.of(ProfileKind.ALLOCS, WINDOW));
        assertThat(GoPprof.topFunctions(file)).as(GoPprof.top(file))
                .first().isEqualTo(AllocatorApp.class.getName() + ".allocateChunks");
    }

    @Test
    void threadProfileMergesFiftyParkedThreadsIntoOneStack() throws Exception {
        Path file = whileRunning(ParkedThreadsApp.start(), ProfileRequest.of(ProfileKind.GOROUTINE, Duration.ZERO));
        GoPprof.Raw raw = GoPprof.raw(file);
        String parked = ParkedThreadsApp.class.getName() + ".waitParked";
        assertThat(raw.samples()).filteredOn(s -> s.functions().contains(parked))
                .singleElement()
                .satisfies(s -> assertThat(s.value(raw.index("goroutine"))).isEqualTo(ParkedThreadsApp.THREADS));
    }

    @Test
    void heapProfileNamesTheRetainingAllocationSite() throws Exception {
        Path file;
        try {
            file = whileRunning(LeakyApp.start(), new ProfileRequest(ProfileKind.HEAP, HEAP_WINDOW, true));
        } finally {
            LeakyApp.release();
        }
        assertThat(GoPprof.topFunctions(file)).as(GoPprof.top(file))
                .first().isEqualTo(LeakyApp.class.getName() + ".retainEntry");
    }

    @Test
    void mutexAndBlockProfilesShowTheContendedMonitor() throws Exception {
        Workload w = ContendedLockApp.start();
        Path mutex;
        Path block;
        try {
            mutex = write(ProfileRequest.of(ProfileKind.MUTEX, WINDOW));
            block = write(ProfileRequest.of(ProfileKind.BLOCK, WINDOW));
        } finally {
            w.close();
        }
        String contended = ContendedLockApp.class.getName() + ".holdSharedLock";
        assertThat(GoPprof.topFunctions(mutex)).as(GoPprof.top(mutex)).first().isEqualTo(contended);
        GoPprof.Raw raw = GoPprof.raw(block);
        assertThat(raw.samples()).filteredOn(s -> s.functions().get(0).equals(contended))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.value(raw.index("delay"))).isGreaterThanOrEqualTo(10_000_000L));
    }

    @Test
    void withoutJfrTheHeapProfileIsAClassHistogram() throws Exception {
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        ProfileTarget noJfr = new ProfileTarget() {
            @Override public long pid() { return ProcessHandle.current().pid(); }
            @Override public String name() { return "no-jfr"; }
            @Override public MBeanServerConnection mbeans() { return platform; }
            @Override public Optional<JfrRecorder> jfr() { return Optional.empty(); }
            @Override public void close() {}
        };
        Path file = dir.resolve("heap-histogram.pb.gz");
        Workload w = LeakyApp.start();
        try (OutputStream out = Files.newOutputStream(file)) {
            org.awaitility.Awaitility.await().until(() -> LeakyApp.retained() > 2_000);
            new Profiler(noJfr).writeProfile(ProfileRequest.of(ProfileKind.HEAP, WINDOW), out);
        } finally {
            w.close();
            LeakyApp.release();
        }

        assertThat(GoPprof.topFunctions(file)).as(GoPprof.top(file)).first().isEqualTo("byte[]");
        assertThat(GoPprof.top(file)).contains("Type: inuse_space");
        assertThatThrownBy(() -> new Profiler(noJfr).writeProfile(ProfileRequest.of(ProfileKind.CPU, WINDOW), OutputStream.nullOutputStream()))
                .isInstanceOf(ProfileUnavailableException.class)
                .hasMessageContaining("JFR");
    }

    @Test
    void traceIsAJfrRecordingThatTheJfrToolReads() throws Exception {
        Path recorded = profiler.recordTrace(Duration.ofSeconds(2));
        Path trace = Files.move(recorded, dir.resolve("trace.jfr"));

        Path jfrTool = Path.of(System.getProperty("java.home"), "bin", "jfr");
        Process summary = new ProcessBuilder(jfrTool.toString(), "summary", trace.toString()).redirectErrorStream(true).start();
        String out = new String(summary.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(summary.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(summary.exitValue()).as(out).isZero();
        assertThat(out).contains("jdk.ExecutionSample", "jdk.GarbageCollection");
    }

    @Test
    void theMBeanRecorderUsedForOtherJvmsGivesTheSameProfileAndLeavesNothingBehind() throws Exception {
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        ProfileTarget overJmx = new ProfileTarget() {
            @Override public long pid() { return ProcessHandle.current().pid(); }
            @Override public String name() { return "over-jmx"; }
            @Override public MBeanServerConnection mbeans() { return platform; }
            @Override public Optional<JfrRecorder> jfr() { return Optional.of(new MBeanJfrRecorder(platform)); }
            @Override public void close() {}
        };
        Set<Path> tempBefore = leakwatchTempFiles();

        Path file = dir.resolve("cpu-over-jmx.pb.gz");
        Workload w = CpuBurnerApp.start();
        try (OutputStream out = Files.newOutputStream(file)) {
            new Profiler(overJmx).writeProfile(ProfileRequest.of(ProfileKind.CPU, WINDOW), out);
        } finally {
            w.close();
        }

        assertThat(GoPprof.topFunctions(file)).as(GoPprof.top(file))
                .first().isEqualTo(CpuBurnerApp.class.getName() + ".burnHot");
        assertThat(FlightRecorder.getFlightRecorder().getRecordings())
                .extracting(Recording::getName).noneMatch(n -> n.startsWith("leakwatch-"));
        assertThat(leakwatchTempFiles()).isSubsetOf(tempBefore);
    }

    private static Set<Path> leakwatchTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            // Only recordings: other leakwatch tools may be using the same temp directory meanwhile.
            return files.filter(f -> f.getFileName().toString().startsWith("leakwatch-") && f.getFileName().toString().endsWith(".jfr"))
                    .collect(Collectors.toSet());
        }
    }

    private Path whileRunning(Workload workload, ProfileRequest request) throws Exception {
        try {
            return write(request);
        } finally {
            workload.close();
        }
    }

    private Path write(ProfileRequest request) throws Exception {
        Path file = dir.resolve(request.kind().endpoint() + ".pb.gz");
        try (OutputStream out = Files.newOutputStream(file)) {
            profiler.writeProfile(request, out);
        }
        return file;
    }
}
