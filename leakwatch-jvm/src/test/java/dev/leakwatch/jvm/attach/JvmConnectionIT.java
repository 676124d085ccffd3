package dev.leakwatch.jvm.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.core.heap.ClassHistogram;
import dev.leakwatch.jvm.attach.AttachRefusedException.Reason;
import dev.leakwatch.jvm.attach.testapps.IdleTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Attaches to real child JVMs on every available JDK (17 and 25 here), and refuses the unsafe ones. */
class JvmConnectionIT {

    private static final long MIB = 1024 * 1024;

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

    @ParameterizedTest
    @MethodSource("jdks")
    void readsIdentityLimitsMemoryAndEvidence(Path jdk) throws Exception {
        ChildProcess target = track(ChildProcess.startJvm(jdk,
                List.of("-Xmx64m", "-XX:MaxMetaspaceSize=96m", "-XX:MaxDirectMemorySize=32m", "-XX:+UseG1GC"),
                IdleTarget.class));
        assertThat(HotSpotCheck.isHotSpot(target.pid())).isTrue();

        JvmConnection jvm = track(JvmConnection.open(target.pid()));

        assertThat(jvm.isConnected()).isTrue();
        assertThat(jvm.info().javaVersion()).isEqualTo(javaVersionOf(jdk));
        assertThat(jvm.info().featureVersion()).isEqualTo(Integer.parseInt(javaVersionOf(jdk).split("\\.")[0]));
        assertThat(jvm.info().inputArguments()).contains("-Xmx64m", "-XX:MaxMetaspaceSize=96m");
        assertThat(jvm.info().command()).startsWith(IdleTarget.class.getName());
        assertThat(jvm.info().startTimeMillis()).isLessThanOrEqualTo(System.currentTimeMillis());

        assertThat(jvm.limits()).isEqualTo(new JvmLimits(64 * MIB, 96 * MIB, 32 * MIB, false));

        MemoryReadings memory = jvm.readMemory();
        assertThat(memory.heapUsed()).isPositive().isLessThanOrEqualTo(memory.heapCommitted());
        assertThat(memory.heapMax()).isEqualTo(64 * MIB);
        assertThat(memory.pool("G1 Old Gen")).hasValueSatisfying(old -> {
            assertThat(old.heap()).isTrue();
            assertThat(old.usedAfterLastGc()).isNotNegative();
        });
        assertThat(memory.pool("Metaspace")).hasValueSatisfying(meta -> assertThat(meta.heap()).isFalse());
        assertThat(memory.metaspaceUsed()).isPositive().isLessThanOrEqualTo(memory.metaspaceCommitted());
        assertThat(memory.loadedClasses()).isPositive();
        assertThat(memory.totalLoadedClasses()).isGreaterThanOrEqualTo(memory.loadedClasses());
        assertThat(memory.direct().count()).isNotNegative();
        assertThat(memory.mapped().count()).isNotNegative();
        assertThat(memory.threads()).isPositive().isGreaterThan(memory.daemonThreads());

        ClassHistogram histogram = jvm.classHistogram();
        assertThat(histogram.entry(IdleTarget.class.getName() + "$Payload"))
                .hasValueSatisfying(payload -> assertThat(payload.instances()).isEqualTo(1000));
        assertThat(jvm.classLoaderStats().byLoaderType()).containsKey("jdk.internal.loader.ClassLoaders$AppClassLoader");
        assertThat(jvm.diagnosticCommand("VM.version")).contains(javaVersionOf(jdk));
        assertThatThrownBy(() -> jvm.diagnosticCommand("No.such_command"))
                .isInstanceOf(IOException.class).hasMessageContaining("No.such_command");
        assertThatThrownBy(() -> jvm.diagnosticCommand("GC.class_histogram -nosuchoption"))
                .isInstanceOf(IOException.class).hasMessageContaining("GC.class_histogram failed in the target");

        assertThat(jvm.threadMXBean().getThreadCount()).isPositive();
        assertThat(jvm.mbeanServer().getMBeanCount()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void pollingFindsEachNewCollectionOnceWithoutListening(Path jdk) throws Exception {
        ChildProcess target = track(ChildProcess.startJvm(jdk, List.of("-Xmx64m", "-XX:+UseG1GC"), IdleTarget.class));
        JvmConnection jvm = track(JvmConnection.open(target.pid()));
        jvm.pollLastGcs();
        long before = System.currentTimeMillis();

        target.send("gc");
        target.awaitLine("done gc", Duration.ofSeconds(10));

        List<GcEvent> polled = await().atMost(Duration.ofSeconds(15)).until(jvm::pollLastGcs, l -> !l.isEmpty());
        GcEvent full = polled.stream().filter(e -> e.gcName().equals("G1 Old Generation")).findFirst().orElseThrow();
        assertThat(full.heapUsedAfter()).isPositive().isLessThan(64 * MIB);
        assertThat(full.endTimeMillis()).isBetween(before - 2_000, System.currentTimeMillis() + 2_000);
        assertThat(jvm.pollLastGcs()).as("the same collection is not reported twice").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void reportsTheFullGcOfASystemGcInTheTarget(Path jdk) throws Exception {
        ChildProcess target = track(ChildProcess.startJvm(jdk, List.of("-Xmx64m", "-XX:+UseG1GC"), IdleTarget.class));
        JvmConnection jvm = track(JvmConnection.open(target.pid()));
        jvm.drainGcEvents();
        long before = System.currentTimeMillis();

        target.send("gc");
        target.awaitLine("done gc", Duration.ofSeconds(10));

        List<GcEvent> events = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            events.addAll(jvm.drainGcEvents());
            return events.stream().anyMatch(event -> event.cause().equals("System.gc()"));
        });
        GcEvent full = events.stream().filter(event -> event.cause().equals("System.gc()")).findFirst().orElseThrow();
        assertThat(full.gcName()).isEqualTo("G1 Old Generation");
        assertThat(full.gcAction()).isEqualTo("end of major GC");
        assertThat(full.oldOrFull()).isTrue();
        assertThat(full.heapUsedAfter()).isPositive().isLessThan(64 * MIB);
        assertThat(full.oldGenUsedAfter()).isPositive().isLessThanOrEqualTo(full.heapUsedAfter());
        assertThat(full.endTimeMillis()).isBetween(before - 2_000, System.currentTimeMillis() + 2_000);
        assertThat(jvm.droppedGcEvents()).isZero();
    }

    @Test
    void directMemoryDefaultsToTheMaxHeapAndMetaspaceToUnlimited() throws Exception {
        ChildProcess target = track(ChildProcess.startJvm(jdks().findFirst().orElseThrow(), List.of("-Xmx48m"), IdleTarget.class));
        JvmConnection jvm = track(JvmConnection.open(target.pid()));

        assertThat(jvm.limits()).isEqualTo(new JvmLimits(48 * MIB, JvmLimits.UNLIMITED, 48 * MIB, true));
        assertThat(jvm.limits().metaspaceLimited()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aJvmWithAttachDisabledIsRefusedAndNotDisturbed(Path jdk) {
        ChildProcess target = track(ChildProcess.startJvm(jdk, List.of("-XX:+DisableAttachMechanism"), IdleTarget.class));

        assertThatThrownBy(() -> JvmConnection.open(target.pid()))
                .isInstanceOfSatisfying(AttachRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ATTACH_DISABLED))
                .hasMessageContaining("-XX:+DisableAttachMechanism");

        target.send("ping");
        target.awaitLine("done ping", Duration.ofSeconds(10));
        assertThat(target.isAlive()).isTrue();
        assertThat(target.output()).doesNotContain("Full thread dump");
    }

    @Test
    void aProcessThatIsNotAJvmIsRefusedAndSurvives() {
        ChildProcess sleeper = track(ChildProcess.start(List.of("sleep", "60")));

        assertThat(HotSpotCheck.isHotSpot(sleeper.pid())).isFalse();
        assertThatThrownBy(() -> JvmConnection.open(sleeper.pid()))
                .isInstanceOfSatisfying(AttachRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_HOTSPOT))
                .hasMessageContaining("not a HotSpot JVM");
        assertThat(sleeper.isAlive()).isTrue();
    }

    /**
     * A JVM started with -Xrs does not handle SIGQUIT, so the signal would kill it; HotSpot then opens its
     * attach listener at startup instead, and the attach must use it without any signal.
     */
    @Test
    void aJvmThatDoesNotHandleSigquitIsAttachedOnlyThroughItsOpenListener() throws Exception {
        ChildProcess target = track(ChildProcess.startJvm(jdks().findFirst().orElseThrow(), List.of("-Xrs"), IdleTarget.class));
        ProcessFacts facts = ProcessFacts.of(target.pid());
        assertThat(facts.catchesSigquit()).isFalse();
        assertThat(facts.hasAttachSocket()).isTrue();

        JvmConnection jvm = track(JvmConnection.open(target.pid()));

        assertThat(jvm.info().inputArguments()).contains("-Xrs");
        target.send("ping");
        target.awaitLine("done ping", Duration.ofSeconds(10));
        assertThat(target.isAlive()).isTrue();
    }

    @Test
    void aProcessThatIsGoneIsRefused() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();

        assertThatThrownBy(() -> JvmConnection.open(finished.pid()))
                .isInstanceOfSatisfying(AttachRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_PROCESS));
    }

    @Test
    void aClosedConnectionRefusesCallsAndClosesAgainQuietly() throws Exception {
        ChildProcess target = track(ChildProcess.startJvm(jdks().findFirst().orElseThrow(), List.of("-Xmx32m"), IdleTarget.class));
        JvmConnection jvm = JvmConnection.open(target.pid());
        List<String> closedDependents = new ArrayList<>();
        jvm.registerDependent(() -> closedDependents.add("first"));
        jvm.registerDependent(() -> closedDependents.add("second"));

        jvm.close();
        jvm.close();

        assertThat(closedDependents).containsExactly("second", "first");
        assertThat(jvm.isConnected()).isFalse();
        assertThatThrownBy(() -> jvm.diagnosticCommand("VM.version")).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThatThrownBy(jvm::readMemory).isInstanceOf(IOException.class);
        assertThat(target.isAlive()).isTrue();
    }

    private static String javaVersionOf(Path jdk) throws IOException {
        return Files.readAllLines(jdk.resolve("release")).stream()
                .filter(line -> line.startsWith("JAVA_VERSION="))
                .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                .findFirst().orElseThrow();
    }
}
