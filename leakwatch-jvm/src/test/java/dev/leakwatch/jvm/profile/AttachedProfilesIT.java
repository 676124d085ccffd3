package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.jvm.profile.apps.AllocatorApp;
import dev.leakwatch.jvm.profile.apps.ContendedLockApp;
import dev.leakwatch.jvm.profile.apps.CpuBurnerApp;
import dev.leakwatch.jvm.profile.apps.LeakyApp;
import dev.leakwatch.jvm.profile.apps.ParkedThreadsApp;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.management.jfr.FlightRecorderMXBean;
import jdk.management.jfr.RecordingInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles of other JVMs, by pid (attach, JMX, FlightRecorderMXBean), each checked by
 * {@code go tool pprof}; recordings started in the target are gone afterwards.
 */
class AttachedProfilesIT {
    private static final Duration WINDOW = Duration.ofSeconds(3);
    /** Old-object samples come slowly on a loaded machine; a longer window keeps the heap profile from being empty. */
    private static final Duration HEAP_WINDOW = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    private ChildJvm child;

    @AfterEach
    void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void cpuProfileOfAnotherJvmHasItsHotMethodOnTop() throws Exception {
        child = ChildJvm.start(CpuBurnerApp.class, dir);
        Path file = profile(ProfileRequest.of(ProfileKind.CPU, WINDOW));

        assertThat(GoPprof.topFunctions(file)).as(GoPprof.top(file)).first().isEqualTo(CpuBurnerApp.class.getName() + ".burnHot");
        assertThat(GoPprof.top(file)).contains("File: " + CpuBurnerApp.class.getName());
        assertNoLeakwatchRecordingLeftIn(child.pid());
    }

    @Test
    void allocsProfileOfAnotherJvmIsLedByItsAllocatingMethod() throws Exception {
        child = ChildJvm.start(AllocatorApp.class, dir);
        Path file = profile(ProfileRequest.of(ProfileKind.ALLOCS, WINDOW));

        assertThat(GoPprof.topFunctions(file)).as(GoPprof.top(file)).first().isEqualTo(AllocatorApp.class.getName() + ".allocateChunks");
    }

    @Test
    void threadProfileOfAnotherJvmMergesItsFiftyParkedThreads() throws Exception {
        child = ChildJvm.start(ParkedThreadsApp.class, dir);
        Path file = profile(ProfileRequest.of(ProfileKind.GOROUTINE, Duration.ZERO));

        GoPprof.Raw raw = GoPprof.raw(file);
        assertThat(raw.samples()).filteredOn(s -> s.functions().contains(ParkedThreadsApp.class.getName() + ".waitParked"))
                .singleElement()
                .satisfies(s -> assertThat(s.value(raw.index("goroutine"))).isEqualTo(ParkedThreadsApp.THREADS));
        try (ProfileTarget target = ProfileTarget.of(child.pid())) {
            assertThat(new Profiler(target).threadDump(1)).containsPattern("(?m)^50 @ WAITING: parked-");
        }
    }

    @Test
    void heapProfileOfAnotherJvmNamesTheLeakingSite() throws Exception {
        child = ChildJvm.start(LeakyApp.class, dir);
        Path file = profile(new ProfileRequest(ProfileKind.HEAP, HEAP_WINDOW, true));

        assertThat(GoPprof.topFunctions(file)).as(GoPprof.top(file)).first().isEqualTo(LeakyApp.class.getName() + ".retainEntry");
        assertNoLeakwatchRecordingLeftIn(child.pid());
    }

    @Test
    void mutexProfileOfAnotherJvmShowsItsContendedMonitor() throws Exception {
        child = ChildJvm.start(ContendedLockApp.class, dir);
        Path file = profile(ProfileRequest.of(ProfileKind.MUTEX, WINDOW));

        assertThat(GoPprof.topFunctions(file)).as(GoPprof.top(file)).first().isEqualTo(ContendedLockApp.class.getName() + ".holdSharedLock");
    }

    @Test
    void traceOfAnotherJvmIsARecordingTheJfrToolReads() throws Exception {
        child = ChildJvm.start(CpuBurnerApp.class, dir);
        Path trace;
        try (ProfileTarget target = ProfileTarget.of(child.pid())) {
            trace = Files.move(new Profiler(target).recordTrace(Duration.ofSeconds(2)), dir.resolve("trace.jfr"));
        }
        Process summary = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(),
                "summary", trace.toString()).redirectErrorStream(true).start();
        String out = new String(summary.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(summary.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(summary.exitValue()).as(out).isZero();
        assertThat(out).contains("jdk.ExecutionSample");
        assertNoLeakwatchRecordingLeftIn(child.pid());
    }

    @Test
    void aPidWithoutAProcessIsReportedAsSuch() {
        long unused = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 100_000;
        assertThatThrownBy(() -> ProfileTarget.of(unused))
                .isInstanceOfSatisfying(TargetUnreachableException.class,
                        e -> assertThat(e.kind()).isEqualTo(TargetUnreachableException.Kind.NO_SUCH_PROCESS));
    }

    private Path profile(ProfileRequest request) throws Exception {
        Path file = dir.resolve(request.kind().endpoint() + ".pb.gz");
        try (ProfileTarget target = ProfileTarget.of(child.pid()); OutputStream out = Files.newOutputStream(file)) {
            new Profiler(target).writeProfile(request, out);
        }
        return file;
    }

    private static void assertNoLeakwatchRecordingLeftIn(long pid) throws Exception {
        try (ProfileTarget target = ProfileTarget.of(pid)) {
            FlightRecorderMXBean jfr = javax.management.JMX.newMXBeanProxy(target.mbeans(),
                    new javax.management.ObjectName(FlightRecorderMXBean.MXBEAN_NAME), FlightRecorderMXBean.class);
            assertThat(jfr.getRecordings()).extracting(RecordingInfo::getName).noneMatch(n -> n.startsWith("leakwatch-"));
        }
    }
}
