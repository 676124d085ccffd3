package dev.leakwatch.jvm.perfdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class JvmCountersTest {
    private static final long MIB = 1024 * 1024;

    static List<String> recordedFiles() {
        return PerfDataBuilder.RECORDED;
    }

    private static JvmCounters recorded(String name) {
        return JvmCounters.of(PerfDataBuilder.parseRecorded(name));
    }

    private static JvmCounters synthetic(PerfDataBuilder builder) {
        return JvmCounters.of(PerfDataParser.parse(ByteBuffer.wrap(builder.build())));
    }

    @Test
    void readsAJdk17G1Jvm() {
        JvmCounters c = recorded("jdk17-g1");

        assertThat(c.vmVersion()).contains("17.0.15+6-Debian-1deb12u1");
        assertThat(c.javaVersion()).contains("17.0.15");
        assertThat(c.javaCommand()).contains("Rec");
        assertThat(c.mainClass()).contains("Rec");
        assertThat(c.vmArgs()).contains("-Xmx128m -XX:+UseG1GC");
        assertThat(c.gcPolicy()).contains("GarbageFirst");
        assertThat(c.isG1()).isTrue();
        assertThat(c.maxHeapFlagBytes()).hasValue(128 * MIB);
        assertThat(c.heapMaxBytes()).hasValue(128 * MIB); // the file says 128 MiB + 8 pad bytes
        assertThat(c.oldGenUsedBytes()).hasValue(7_657_672);
        assertThat(c.oldGenCommittedBytes()).hasValue(16_777_224);
        assertThat(c.heapUsedBytes()).hasValue(7_657_672 + 656_192); // old + survivor, eden empty
        assertThat(c.youngGcCount()).hasValue(5);
        assertThat(c.fullGcCount()).hasValue(1);
        assertThat(c.concurrentCyclePauseCount()).hasValue(0);
        assertThat(c.youngGcTime()).contains(Duration.ofNanos(33_156_954));
        assertThat(c.fullGcTime()).contains(Duration.ofNanos(33_766_030));
        assertThat(c.lastGcCause()).contains("G1 Evacuation Pause");
        assertThat(c.metaspaceUsedBytes()).hasValue(76_488);
        assertThat(c.metaspaceCommittedBytes()).hasValue(327_680);
        assertThat(c.metaspaceMaxBytes()).hasValue(1_140_850_688);
        assertThat(c.compressedClassSpaceUsedBytes()).hasValue(3_400);
        assertThat(c.classesLoaded()).hasValue(33 + 519);
        assertThat(c.classesUnloaded()).hasValue(0);
        assertThat(c.liveThreads()).hasValue(6);
        assertThat(c.daemonThreads()).hasValue(5);
        assertThat(c.safepointCount()).hasValue(6);
        assertThat(c.safepointTime()).contains(Duration.ofNanos(71_709_593));
        assertThat(c.hrtFrequency()).hasValue(1_000_000_000L);
        assertThat(c.uptimeTicks()).hasValue(639_458_440);
        assertThat(c.uptime(Instant.EPOCH)).contains(Duration.ofNanos(639_458_440)); // ticks win
    }

    @Test
    void readsAJdk25G1JvmWhichNoLongerPublishesUptimeTicks() {
        JvmCounters c = recorded("jdk25-g1");

        assertThat(c.vmVersion()).contains("25.0.3+9-LTS");
        assertThat(c.heapMaxBytes()).hasValue(128 * MIB);
        assertThat(c.classesLoaded()).hasValue(26 + 647);
        assertThat(c.uptimeTicks()).isEmpty();
        Instant start = Instant.ofEpochMilli(1_795_783_402_132L);
        assertThat(c.vmStartTime()).contains(start);
        assertThat(c.uptime(start.plusSeconds(5))).contains(Duration.ofSeconds(5));
        assertThat(c.uptime(start.minusSeconds(1))).isEmpty(); // a clock behind the JVM's start
    }

    @ParameterizedTest
    @MethodSource("recordedFiles")
    void heapMaxMatchesTheXmxTheJvmWasStartedWith(String name) {
        JvmCounters c = recorded(name);

        assertThat(c.maxHeapFlagBytes()).isPresent();
        assertThat(c.heapMaxBytes()).isEqualTo(c.maxHeapFlagBytes());
    }

    @ParameterizedTest
    @MethodSource("recordedFiles")
    void heapUsedIsTheSumOfAllSpacesAndAfterGcLeavesOutEden(String name) {
        JvmCounters c = recorded(name);
        PerfData d = c.perfData();
        long eden = d.longValue("sun.gc.generation.0.space.0.used").orElseThrow();
        long survivors = d.longValue("sun.gc.generation.0.space.1.used").orElseThrow()
                + d.longValue("sun.gc.generation.0.space.2.used").orElseThrow();
        long old = d.longValue("sun.gc.generation.1.space.0.used").orElseThrow();

        assertThat(c.heapUsedBytes()).hasValue(eden + survivors + old);
        assertThat(c.heapUsedAfterLastGcBytes()).hasValue(survivors + old);
        assertThat(c.oldGenUsedBytes()).hasValue(old);
        assertThat(c.heapCommittedBytes().orElseThrow()).isLessThanOrEqualTo(c.heapMaxBytes().orElseThrow() + 64);
    }

    @ParameterizedTest
    @CsvSource({
        "jdk17-g1, YOUNG FULL CONCURRENT",
        "jdk25-g1, YOUNG FULL CONCURRENT",
        "jdk17-parallel, YOUNG FULL",
        "jdk25-parallel, YOUNG FULL",
        "jdk17-serial, YOUNG FULL",
        "jdk25-serial, YOUNG FULL"
    })
    void identifiesCollectorsByName(String name, String kinds) {
        List<GcCollector> collectors = recorded(name).collectors();

        assertThat(collectors.stream().map(col -> col.kind().name()).collect(Collectors.joining(" "))).isEqualTo(kinds);
        assertThat(collectors).extracting(GcCollector::index).containsExactly(
                IntStream.range(0, collectors.size()).boxed().toArray(Integer[]::new));
        assertThat(collectors).noneMatch(GcCollector::running);
    }

    @ParameterizedTest
    @CsvSource({
        "G1 young collection pauses, YOUNG",
        "G1 full collection pauses, FULL",
        "G1 concurrent cycle pauses, CONCURRENT",
        "Parallel young collection pauses, YOUNG",
        "Serial full collection pauses, FULL",
        "G1 incremental collections, YOUNG",
        "G1 stop-the-world full collections, FULL",
        "G1 stop-the-world phases, CONCURRENT",
        "Copy, YOUNG",
        "MSC, FULL",
        "PSScavenge, YOUNG",
        "PSParallelCompact, FULL",
        "Shenandoah full gc pauses, FULL",
        "something new, UNKNOWN"
    })
    void classifiesCollectorNamesOfJdk11AndLater(String name, GcKind kind) {
        assertThat(GcKind.fromCollectorName(name)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"jdk17-parallel, 7015384", "jdk25-parallel, 7824824"})
    void parallelGcReportsOldGenAfterTheLastFullGc(String name, long expected) {
        assertThat(recorded(name).oldGenAfterLastFullGc())
                .contains(new OldGenAfterGc(1, expected, OldGenAfterGc.Source.REPORTED_BY_COLLECTOR));
    }

    @ParameterizedTest
    @CsvSource({"jdk17-g1-after-full, 7657360", "jdk25-serial-after-full, 7831600"})
    void oldGenRightAfterAFullGcIsItsAfterGcValue(String name, long expected) {
        assertThat(recorded(name).oldGenAfterLastFullGc())
                .contains(new OldGenAfterGc(1, expected, OldGenAfterGc.Source.NO_YOUNG_GC_SINCE));
    }

    @ParameterizedTest
    @CsvSource({"jdk17-g1", "jdk25-g1", "jdk17-serial", "jdk25-serial"})
    void aYoungGcAfterTheFullGcHidesTheAfterGcValue(String name) {
        assertThat(recorded(name).oldGenAfterLastFullGc()).isEmpty();
    }

    @Test
    void aFullGcInProgressGivesNoAfterGcValue() {
        JvmCounters c = synthetic(jdk11Serial().put("sun.gc.collector.1.lastEntryTime", 900L));

        assertThat(c.collectors().get(1).running()).isTrue();
        assertThat(c.oldGenAfterLastFullGc()).isEmpty();
    }

    @Test
    void readsJdk11CollectorNames() {
        JvmCounters c = synthetic(jdk11Serial());

        assertThat(c.youngGcCount()).hasValue(7);
        assertThat(c.fullGcCount()).hasValue(2);
        assertThat(c.youngGcTime()).contains(Duration.ofMillis(7));
        assertThat(c.oldGenAfterLastFullGc()).contains(new OldGenAfterGc(2, 5_000, OldGenAfterGc.Source.NO_YOUNG_GC_SINCE));
        assertThat(c.heapMaxBytes()).hasValue(40 * MIB);
    }

    @Test
    void thereIsNoHeapAfterGcBeforeTheFirstCollection() {
        JvmCounters c = synthetic(new PerfDataBuilder()
                .put("sun.gc.collector.0.name", "G1 young collection pauses")
                .put("sun.gc.collector.0.invocations", 0L)
                .put("sun.gc.generation.0.space.0.name", "eden")
                .put("sun.gc.generation.0.space.0.used", 4_000L)
                .put("sun.gc.generation.1.space.0.name", "space")
                .put("sun.gc.generation.1.space.0.used", 1_000L));

        assertThat(c.heapUsedBytes()).hasValue(5_000);
        assertThat(c.heapUsedAfterLastGcBytes()).isEmpty();
        assertThat(c.youngGcCount()).hasValue(0);
    }

    @Test
    void convertsTicksWithTheJvmsFrequency() {
        JvmCounters c = synthetic(new PerfDataBuilder().put("sun.os.hrt.frequency", 3L).put("sun.os.hrt.ticks", 7L));

        assertThat(c.uptime(Instant.EPOCH)).contains(Duration.ofNanos(2_333_333_333L));
        assertThat(c.ticksToDuration(Long.MAX_VALUE)).contains(Duration.ofNanos(Long.MAX_VALUE));
        assertThat(c.ticksToDuration(-1)).isEmpty();
    }

    @Test
    void anEmptySnapshotHasNoValues() {
        JvmCounters c = synthetic(new PerfDataBuilder().accessible(false));

        assertThat(c.vmVersion()).isEmpty();
        assertThat(c.heapMaxBytes()).isEmpty();
        assertThat(c.heapUsedBytes()).isEmpty();
        assertThat(c.heapUsedAfterLastGcBytes()).isEmpty();
        assertThat(c.youngGcCount()).isEmpty();
        assertThat(c.youngGcTime()).isEmpty();
        assertThat(c.oldGenAfterLastFullGc()).isEmpty();
        assertThat(c.classesLoaded()).isEmpty();
        assertThat(c.uptime(Instant.now())).isEmpty();
        assertThat(c.maxHeapFlagBytes()).isEmpty();
        assertThat(c.isG1()).isFalse();
    }

    @Test
    void theMainClassIsTheFirstWordOfTheCommand() {
        assertThat(synthetic(new PerfDataBuilder().put("sun.rt.javaCommand", "app.jar --port 8080")).mainClass())
                .contains("app.jar");
        assertThat(synthetic(new PerfDataBuilder().put("sun.rt.javaCommand", "  ")).mainClass()).isEmpty();
    }

    @Test
    void flagsFileOptionsYieldToCommandLineOptions() {
        JvmCounters c = synthetic(new PerfDataBuilder()
                .put("java.rt.vmFlags", "-XX:MaxHeapSize=1g").put("java.rt.vmArgs", "-Dx=1 -Xmx300m"));

        assertThat(c.maxHeapFlagBytes()).hasValue(300 * MIB);
    }

    /** A JDK 11 Serial GC JVM: legacy collector names, a full GC with no young GC since. */
    private static PerfDataBuilder jdk11Serial() {
        return new PerfDataBuilder()
                .put("sun.os.hrt.frequency", 1_000_000_000L)
                .put("sun.gc.policy.name", "Copy:MSC")
                .put("sun.gc.collector.0.name", "Copy")
                .put("sun.gc.collector.0.invocations", 7L)
                .put("sun.gc.collector.0.time", 7_000_000L)
                .put("sun.gc.collector.0.lastEntryTime", 100L)
                .put("sun.gc.collector.0.lastExitTime", 200L)
                .put("sun.gc.collector.1.name", "MSC")
                .put("sun.gc.collector.1.invocations", 2L)
                .put("sun.gc.collector.1.time", 9_000_000L)
                .put("sun.gc.collector.1.lastEntryTime", 300L)
                .put("sun.gc.collector.1.lastExitTime", 400L)
                .put("sun.gc.generation.0.maxCapacity", 10 * MIB)
                .put("sun.gc.generation.1.maxCapacity", 30 * MIB)
                .put("sun.gc.generation.1.space.0.name", "old")
                .put("sun.gc.generation.1.space.0.used", 5_000L);
    }
}
