package dev.leakwatch.jvm.jfr;

import dev.leakwatch.jvm.attach.Opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.jvm.attach.ChildProcess;
import dev.leakwatch.jvm.attach.JvmConnection;
import dev.leakwatch.jvm.attach.testapps.MetricCacheLeak;
import dev.leakwatch.jvm.attach.testapps.MetricPoint;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Old-object recordings in real child JVMs that leak metric points into a static map. */
class OldObjectRecordingIT {

    private static final String APP = MetricCacheLeak.class.getPackageName() + ".";

    @TempDir
    Path dir;

    private final Opened opened = new Opened();

    static Stream<Path> jdks() {
        return ChildProcess.jdks();
    }

    @AfterEach
    void closeEverything() throws Exception {
        opened.closeAll();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        return opened.track(closeable);
    }

    private JvmConnection leakingJvm(Path jdk) throws Exception {
        ChildProcess target = track(ChildProcess.startJvm(jdk, List.of("-Xmx256m"), MetricCacheLeak.class, "20000", "400000"));
        return track(JvmConnection.open(target.pid()));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void theLeakIsTracedToTheMethodThatFillsTheStaticMap(Path jdk) throws Exception {
        JvmConnection jvm = leakingJvm(jdk);
        OldObjectRecording recording = track(OldObjectRecording.start(jvm));
        assertThat(jvm.diagnosticCommand("JFR.check")).contains(recording.name());
        Path dump = dir.resolve("old-objects.jfr");
        AtomicReference<Culprit> attributed = new AtomicReference<>();
        List<Long> dumpMillis = new ArrayList<>();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long start = System.nanoTime();
            recording.dump(dump);
            dumpMillis.add((System.nanoTime() - start) / 1_000_000);
            attributed.set(OldObjectAnalysis.analyze(dump).attribute(Culprit.ofClass(MetricPoint.class.getName(), 1, 1)));
            return attributed.get().allocationSite() != null;
        });

        Culprit culprit = attributed.get();
        assertThat(culprit.allocationSite()).startsWith(APP + "MetricCacheLeak.record(MetricCacheLeak.java:");
        assertThat(culprit.gcRootPath()).first().isEqualTo("static " + APP + "MetricCacheLeak.cache");
        assertThat(culprit.gcRootPath()).contains("java.util.HashMap.table").last().isEqualTo(MetricPoint.class.getName());
        assertThat(ownFilesIn(jvm.hostPath("/tmp"))).as("dump files left in the target's /tmp").isEmpty();
        System.out.printf("JDK %s: JFR.dump with path-to-gc-roots took %s ms%n", jvm.info().javaVersion(), dumpMillis);

        recording.close();

        assertThat(jvm.diagnosticCommand("JFR.check")).doesNotContain(recording.name());
    }

    @Test
    void closingOnAnInterruptedThreadStillStopsTheRecordingAndKeepsTheInterrupt() throws Exception {
        JvmConnection jvm = leakingJvm(jdks().findFirst().orElseThrow());
        OldObjectRecording recording = OldObjectRecording.start(jvm);

        Thread.currentThread().interrupt();
        recording.close();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(jvm.diagnosticCommand("JFR.check")).doesNotContain(recording.name());
    }

    @Test
    void closingTheConnectionFirstStopsItsRecordings() throws Exception {
        Path jdk = jdks().findFirst().orElseThrow();
        ChildProcess target = track(ChildProcess.startJvm(jdk, List.of("-Xmx64m"), MetricCacheLeak.class, "1000", "1000"));
        JvmConnection first = JvmConnection.open(target.pid());
        OldObjectRecording recording = OldObjectRecording.start(first);
        int registered = ShutdownCleanup.registered();

        first.close();

        assertThat(ShutdownCleanup.registered()).isEqualTo(registered - 1);
        JvmConnection second = track(JvmConnection.open(target.pid()));
        assertThat(second.diagnosticCommand("JFR.check")).doesNotContain(recording.name());
    }

    @Test
    void aRecordingLeftByAKilledLeakwatchIsStoppedByTheNextStart() throws Exception {
        JvmConnection jvm = leakingJvm(jdks().findFirst().orElseThrow());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String abandoned = OldObjectRecording.NAME_PREFIX + gone.pid() + "-1";
        jvm.diagnosticCommand("JFR.start name=" + abandoned + " settings=none disk=false");
        String alive = OldObjectRecording.NAME_PREFIX + ProcessHandle.current().pid() + "-999";
        jvm.diagnosticCommand("JFR.start name=" + alive + " settings=none disk=false");

        track(OldObjectRecording.start(jvm));

        String recordings = jvm.diagnosticCommand("JFR.check");
        assertThat(recordings).doesNotContain(abandoned).contains(alive);
        jvm.diagnosticCommand("JFR.stop name=" + alive);
    }

    private static List<Path> ownFilesIn(Path tmp) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(tmp, OldObjectRecording.NAME_PREFIX + "*.jfr")) {
            stream.forEach(files::add);
        }
        return files;
    }
}
