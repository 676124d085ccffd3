package dev.leakwatch.jvm.perfdata;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Typed view of the HotSpot counters leakwatch uses, over one {@link PerfData} snapshot.
 * Counter names were checked against recorded files of JDK 17 and 25 with G1, Parallel and
 * Serial GC (see the test resources); JDK 11 differs only in collector names, which
 * {@link GcKind} knows. Every accessor returns empty when the JVM does not publish the counter
 * (another collector, an older JVM, or a snapshot taken during start-up).
 *
 * <p><b>Heap after GC, for samplers.</b> The counters hold the current state only, so the
 * lower envelope of the heap (used after an old/full collection) is derived by sampling:
 * <ol>
 *   <li>each sample, call {@link #oldGenAfterLastFullGc()}; when present and its
 *       {@code fullGcCount} is new, record its {@code oldGenUsedBytes} as the after-full-GC
 *       point (Parallel publishes the value itself; for Serial and G1 it is present while no
 *       young collection has run since the full one, so sample often enough — a few seconds —
 *       to catch that window after a full GC);</li>
 *   <li>otherwise record {@link #heapUsedAfterLastGcBytes()} (old + survivors, i.e. the heap
 *       the last collection of any kind left behind) as an upper bound: for G1 it includes
 *       promoted garbage that only mixed collections reclaim, so a rise in it alone is not a
 *       leak;</li>
 *   <li>{@link #youngGcCount()} / {@link #fullGcCount()} changing between two samples tells
 *       whether a point is new; {@link #lastGcCause()} names what triggered the last one.</li>
 * </ol>
 */
public final class JvmCounters {
    static final String VM_VERSION = "java.property.java.vm.version";
    static final String JAVA_VERSION = "java.property.java.version";
    static final String JAVA_COMMAND = "sun.rt.javaCommand";
    static final String VM_ARGS = "java.rt.vmArgs";
    static final String VM_FLAGS = "java.rt.vmFlags";
    static final String GC_POLICY = "sun.gc.policy.name";
    static final String LAST_GC_CAUSE = "sun.gc.lastCause";
    static final String LIVE_AT_LAST_FULL_GC = "sun.gc.policy.liveAtLastFullGc";
    static final String HRT_FREQUENCY = "sun.os.hrt.frequency";
    static final String HRT_TICKS = "sun.os.hrt.ticks";
    static final String VM_START_MILLIS = "sun.rt.createVmBeginTime";
    static final String SAFEPOINTS = "sun.rt.safepoints";
    static final String SAFEPOINT_TIME = "sun.rt.safepointTime";
    static final String METASPACE = "sun.gc.metaspace.";
    static final String CLASS_SPACE = "sun.gc.compressedclassspace.";

    /** HotSpot publishes generation 0 (young) and 1 (old); 2 was the permanent generation of JDK 7. */
    private static final int HEAP_GENERATIONS = 2;
    private static final int YOUNG = 0;
    private static final int OLD = 1;
    /** Generous bound on space and collector indexes, so a corrupt count cannot spin. */
    private static final int MAX_INDEX = 16;
    private static final long MIB = 1024 * 1024;

    private final PerfData data;

    private JvmCounters(PerfData data) {
        this.data = data;
    }

    public static JvmCounters of(PerfData data) {
        return new JvmCounters(data);
    }

    public PerfData perfData() {
        return data;
    }

    // ---- identity and command line

    /** {@code java.vm.version}, e.g. "17.0.15+6-Debian-1deb12u1". */
    public Optional<String> vmVersion() {
        return data.stringValue(VM_VERSION);
    }

    /** {@code java.version}, e.g. "17.0.15". */
    public Optional<String> javaVersion() {
        return data.stringValue(JAVA_VERSION);
    }

    /** Main class or jar followed by the program's arguments ({@code sun.rt.javaCommand}). */
    public Optional<String> javaCommand() {
        return data.stringValue(JAVA_COMMAND).filter(Predicate.not(String::isBlank));
    }

    /** The first word of {@link #javaCommand()}: the main class, or the jar for {@code -jar}. */
    public Optional<String> mainClass() {
        return javaCommand().map(c -> c.trim().split("\\s+", 2)[0]);
    }

    /** The JVM options of the command line ({@code java.rt.vmArgs}). */
    public Optional<String> vmArgs() {
        return data.stringValue(VM_ARGS);
    }

    /** Options from a flags file ({@code java.rt.vmFlags}), usually empty. */
    public Optional<String> vmFlags() {
        return data.stringValue(VM_FLAGS);
    }

    /** The {@code -Xmx} / {@code -XX:MaxHeapSize} the JVM was started with, if any. */
    public OptionalLong maxHeapFlagBytes() {
        String options = vmFlags().orElse("") + " " + vmArgs().orElse("");
        return HeapSizeFlags.maxHeapBytes(options);
    }

    /** "GarbageFirst", "ParScav:MSC", "Copy:MSC", ... */
    public Optional<String> gcPolicy() {
        return data.stringValue(GC_POLICY);
    }

    public boolean isG1() {
        return gcPolicy().map("GarbageFirst"::equals).orElse(false)
                || collectors().stream().anyMatch(c -> c.name().startsWith("G1 "));
    }

    // ---- heap

    /** Bytes in use in all heap spaces (eden, survivors, old). */
    public OptionalLong heapUsedBytes() {
        return sum(spaceValues(YOUNG, "used", s -> true), spaceValues(OLD, "used", s -> true));
    }

    /**
     * Heap in use excluding eden: what the last collection left, plus direct old allocations
     * since. Empty before the first collection, and for collectors without an eden space.
     */
    public OptionalLong heapUsedAfterLastGcBytes() {
        List<GcCollector> all = collectors();
        if (!hasEden() || all.isEmpty() || all.stream().allMatch(c -> c.invocations() == 0)) {
            return OptionalLong.empty();
        }
        return sum(spaceValues(YOUNG, "used", s -> !isEden(s)), spaceValues(OLD, "used", s -> true));
    }

    /** Committed heap (the generations' current capacity). */
    public OptionalLong heapCommittedBytes() {
        return sum(generationValue(YOUNG, "capacity"), generationValue(OLD, "capacity"));
    }

    /**
     * The heap's maximum size. For generational collectors it is young max plus old max. G1
     * publishes the whole heap as the max of each generation (JDK 17 adds a few pad bytes), so
     * for G1 it is the larger of the two, rounded down to a whole MiB (G1 sizes the heap in
     * regions of at least 1 MiB).
     */
    public OptionalLong heapMaxBytes() {
        OptionalLong young = generationValue(YOUNG, "maxCapacity");
        OptionalLong old = generationValue(OLD, "maxCapacity");
        if (isG1()) {
            long max = Math.max(young.orElse(0), old.orElse(0));
            return max == 0 ? OptionalLong.empty() : OptionalLong.of(max / MIB * MIB);
        }
        return sum(young, old);
    }

    public OptionalLong oldGenUsedBytes() {
        return spaceValues(OLD, "used", s -> true);
    }

    public OptionalLong oldGenCommittedBytes() {
        return generationValue(OLD, "capacity");
    }

    public OptionalLong oldGenMaxBytes() {
        return generationValue(OLD, "maxCapacity");
    }

    /**
     * The old generation right after the last old/full collection, when this snapshot can
     * tell (see the class comment for how a sampler combines readings). Empty if no full
     * collection has happened, one is running, or a young collection has run since.
     */
    public Optional<OldGenAfterGc> oldGenAfterLastFullGc() {
        List<GcCollector> all = collectors();
        Optional<GcCollector> lastFull = all.stream()
                .filter(c -> c.kind() == GcKind.FULL && c.invocations() > 0)
                .max(Comparator.comparingLong(GcCollector::lastExitTicks));
        if (lastFull.isEmpty() || lastFull.get().running()) {
            return Optional.empty();
        }
        long fullCount = fullGcCount().orElse(0);
        OptionalLong reported = data.longValue(LIVE_AT_LAST_FULL_GC);
        if (reported.isPresent() && reported.getAsLong() > 0) {
            return Optional.of(new OldGenAfterGc(
                    fullCount, reported.getAsLong(), OldGenAfterGc.Source.REPORTED_BY_COLLECTOR));
        }
        long fullEnd = lastFull.get().lastExitTicks();
        boolean youngSince = all.stream()
                .anyMatch(c -> c.kind() == GcKind.YOUNG && c.invocations() > 0 && c.lastEntryTicks() >= fullEnd);
        OptionalLong oldUsed = oldGenUsedBytes();
        if (youngSince || oldUsed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OldGenAfterGc(
                fullCount, oldUsed.getAsLong(), OldGenAfterGc.Source.NO_YOUNG_GC_SINCE));
    }

    // ---- garbage collections

    /** All {@code sun.gc.collector.N} sets, by index. */
    public List<GcCollector> collectors() {
        List<GcCollector> result = new ArrayList<>();
        for (int i = 0; i < MAX_INDEX; i++) {
            String prefix = "sun.gc.collector." + i + ".";
            Optional<String> name = data.stringValue(prefix + "name");
            if (name.isEmpty()) {
                break;
            }
            result.add(new GcCollector(i, name.get(), GcKind.fromCollectorName(name.get()),
                    data.longValue(prefix + "invocations").orElse(0),
                    data.longValue(prefix + "time").orElse(0),
                    data.longValue(prefix + "lastEntryTime").orElse(0),
                    data.longValue(prefix + "lastExitTime").orElse(0)));
        }
        return result;
    }

    public OptionalLong youngGcCount() {
        return sumOfKind(GcKind.YOUNG, GcCollector::invocations);
    }

    /** Old-generation / full-heap collections. */
    public OptionalLong fullGcCount() {
        return sumOfKind(GcKind.FULL, GcCollector::invocations);
    }

    /** Stop-the-world pauses of concurrent cycles (G1 remark/cleanup). */
    public OptionalLong concurrentCyclePauseCount() {
        return sumOfKind(GcKind.CONCURRENT, GcCollector::invocations);
    }

    public Optional<Duration> youngGcTime() {
        return ticksToDuration(sumOfKind(GcKind.YOUNG, GcCollector::timeTicks));
    }

    public Optional<Duration> fullGcTime() {
        return ticksToDuration(sumOfKind(GcKind.FULL, GcCollector::timeTicks));
    }

    public Optional<Duration> concurrentCyclePauseTime() {
        return ticksToDuration(sumOfKind(GcKind.CONCURRENT, GcCollector::timeTicks));
    }

    /** What triggered the last collection, e.g. "G1 Evacuation Pause", "System.gc()". */
    public Optional<String> lastGcCause() {
        return data.stringValue(LAST_GC_CAUSE);
    }

    // ---- metaspace, classes, threads, safepoints

    public OptionalLong metaspaceUsedBytes() {
        return data.longValue(METASPACE + "used");
    }

    /** Committed metaspace. */
    public OptionalLong metaspaceCommittedBytes() {
        return data.longValue(METASPACE + "capacity");
    }

    /** The metaspace reservation limit (MaxMetaspaceSize, or the JVM's default reservation). */
    public OptionalLong metaspaceMaxBytes() {
        return data.longValue(METASPACE + "maxCapacity");
    }

    public OptionalLong compressedClassSpaceUsedBytes() {
        return data.longValue(CLASS_SPACE + "used");
    }

    public OptionalLong compressedClassSpaceMaxBytes() {
        return data.longValue(CLASS_SPACE + "maxCapacity");
    }

    /** Classes loaded since start, including those from the CDS archive (as jstat -class counts). */
    public OptionalLong classesLoaded() {
        return sum(data.longValue("java.cls.loadedClasses"), data.longValue("java.cls.sharedLoadedClasses"));
    }

    public OptionalLong classesUnloaded() {
        return sum(data.longValue("java.cls.unloadedClasses"), data.longValue("java.cls.sharedUnloadedClasses"));
    }

    public OptionalLong liveThreads() {
        return data.longValue("java.threads.live");
    }

    public OptionalLong daemonThreads() {
        return data.longValue("java.threads.daemon");
    }

    public OptionalLong peakThreads() {
        return data.longValue("java.threads.livePeak");
    }

    /** Threads started since the JVM began. */
    public OptionalLong startedThreads() {
        return data.longValue("java.threads.started");
    }

    public OptionalLong safepointCount() {
        return data.longValue(SAFEPOINTS);
    }

    public Optional<Duration> safepointTime() {
        return ticksToDuration(data.longValue(SAFEPOINT_TIME));
    }

    // ---- time

    /** Ticks per second of the JVM's high-resolution timer ({@code sun.os.hrt.frequency}). */
    public OptionalLong hrtFrequency() {
        return data.longValue(HRT_FREQUENCY).stream().filter(f -> f > 0).findFirst();
    }

    /**
     * Ticks since the JVM started, as of the last update by the JVM's sampler thread (every
     * 50 ms by default): the timestamp of this snapshot on the JVM's own clock. Published up
     * to JDK 21; JDK 25 no longer has it (use {@link #uptime(Instant)}).
     */
    public OptionalLong uptimeTicks() {
        return data.longValue(HRT_TICKS);
    }

    /** When the JVM started ({@code sun.rt.createVmBeginTime}, milliseconds since the epoch). */
    public Optional<Instant> vmStartTime() {
        return data.longValue(VM_START_MILLIS).stream().filter(t -> t > 0).mapToObj(Instant::ofEpochMilli).findFirst();
    }

    /**
     * How long the JVM has been running: {@link #uptimeTicks()} where published, otherwise
     * {@code now} minus {@link #vmStartTime()}.
     */
    public Optional<Duration> uptime(Instant now) {
        Optional<Duration> fromTicks = ticksToDuration(uptimeTicks());
        if (fromTicks.isPresent()) {
            return fromTicks;
        }
        return vmStartTime().filter(start -> !start.isAfter(now)).map(start -> Duration.between(start, now));
    }

    /** Converts high-resolution timer ticks of this JVM to a duration. */
    public Optional<Duration> ticksToDuration(long ticks) {
        OptionalLong frequency = hrtFrequency();
        if (frequency.isEmpty() || ticks < 0) {
            return Optional.empty();
        }
        BigInteger nanos = BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(1_000_000_000L))
                .divide(BigInteger.valueOf(frequency.getAsLong()));
        return Optional.of(Duration.ofNanos(nanos.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue()));
    }

    private Optional<Duration> ticksToDuration(OptionalLong ticks) {
        return ticks.isPresent() ? ticksToDuration(ticks.getAsLong()) : Optional.empty();
    }

    // ---- helpers

    private OptionalLong generationValue(int generation, String field) {
        return data.longValue("sun.gc.generation." + generation + "." + field);
    }

    private boolean hasEden() {
        return data.stringValue("sun.gc.generation." + YOUNG + ".space.0.name").map("eden"::equals).orElse(false);
    }

    private static boolean isEden(String spaceName) {
        return "eden".equals(spaceName);
    }

    /** Sum of a field over the generation's spaces whose name passes the filter. */
    private OptionalLong spaceValues(int generation, String field, Predicate<String> spaceName) {
        long total = 0;
        boolean any = false;
        for (int s = 0; s < MAX_INDEX; s++) {
            String prefix = "sun.gc.generation." + generation + ".space." + s + ".";
            OptionalLong value = data.longValue(prefix + field);
            if (value.isEmpty()) {
                break;
            }
            any = true;
            if (spaceName.test(data.stringValue(prefix + "name").orElse(""))) {
                total += value.getAsLong();
            }
        }
        return any ? OptionalLong.of(total) : OptionalLong.empty();
    }

    private OptionalLong sumOfKind(GcKind kind, ToLongFunction<GcCollector> field) {
        List<GcCollector> ofKind = collectors().stream().filter(c -> c.kind() == kind).toList();
        return ofKind.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ofKind.stream().mapToLong(field).sum());
    }

    /** Both present: their sum; one present: it; neither: empty. */
    private static OptionalLong sum(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return OptionalLong.of(a.getAsLong() + b.orElse(0));
    }

    @Override
    public String toString() {
        return "JvmCounters[" + vmVersion().orElse("?") + ", " + mainClass().orElse("?") + "]";
    }
}
