package dev.leakwatch.agent.watch;

import dev.leakwatch.core.detect.Assessment;
import dev.leakwatch.core.detect.LeakAssessor;
import dev.leakwatch.core.detect.ResourceObservation;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.model.Severity;
import dev.leakwatch.core.model.Trend;
import dev.leakwatch.core.series.Sample;
import dev.leakwatch.core.trend.TrendSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Runs the diagnose detectors ({@link LeakAssessor}, with the trend code's own warm-up,
 * plateau and materiality rules) on a rolling window of one process's readings.
 *
 * <p>Two cuts come before the detectors: readings older than the window, and readings taken
 * while the process was younger than {@code warmup} (class loading, JIT threads and heap sizing
 * of a fresh JVM are not leaks). What remains may be too little for a verdict; the detector then
 * answers "not enough data" and the caller keeps its previous state. A process that is not a JVM
 * is assessed with a lower floor for its resident memory, as the diagnose engine does. No envelope is taken: the
 * readings come at the collector interval and the heap signal (old generation after the last
 * full collection, or a G1 JVM's {@link G1OldGenFloor}) is already the floor. A G1 floor must
 * also grow by more than G1's residue allowance to start a suspicion, and a signal that swings
 * without leaking (the agent's own heap, survivor spaces included) by more than its swing.
 *
 * <p>The detectors count readings, not time: their eight readings are two minutes at the default
 * 15 s collector interval but eight seconds at 1 s, and a fit over eight seconds extrapolates a
 * single step (one young collection's promotion, one pool thread started) to days. So readings
 * must also span {@link #minSpan}: at least {@value #MIN_SPAN_SECONDS} s (half the window when
 * that is shorter), or the answer is "not enough data". At the default interval the detectors
 * need longer than that anyway, so only faster collectors see a difference.
 */
final class WindowAssessor {
    /** Shortest span of readings to decide on, unless the window is shorter than twice this. */
    static final long MIN_SPAN_SECONDS = 60;

    private final LeakAssessor assessor = new LeakAssessor();
    /** A process that is not a JVM: a lower floor for its RSS, as the diagnose engine uses. */
    private final LeakAssessor nonJvmAssessor = new LeakAssessor(TrendSettings::nonJvmDefaultsFor);
    private final Duration window;
    private final Duration warmup;
    private final Duration selfWarmup;

    WindowAssessor(Duration window, Duration warmup, Duration selfWarmup) {
        this.window = window;
        this.warmup = warmup;
        this.selfWarmup = selfWarmup;
    }

    /**
     * One verdict per resource with readings.
     *
     * @param startMillis when the process started, epoch milliseconds
     * @param notBefore   readings before this are not used either (the end of a capture)
     * @param nowMillis   now, epoch milliseconds
     */
    Map<Resource, WindowVerdict> assess(ProcessSignals p, long startMillis, long notBefore, long nowMillis) {
        long from = Math.max(Math.max(nowMillis - window.toMillis(), notBefore),
                startMillis + (p.self() ? selfWarmup : warmup).toMillis());
        Map<Resource, WindowVerdict> out = new EnumMap<>(Resource.class);
        for (Map.Entry<Resource, Signal> e : p.signals().entrySet()) {
            Resource r = e.getKey();
            List<Sample> readings = new ArrayList<>();
            for (Sample s : e.getValue().readings()) {
                if (s.timeMillis() >= from) {
                    readings.add(s);
                }
            }
            long span = readings.size() < 2 ? 0
                    : readings.get(readings.size() - 1).timeMillis() - readings.get(0).timeMillis();
            if (span < minSpan().toMillis()) {
                out.put(r, tooShort(r, readings, span, e.getValue().limit()));
                continue;
            }
            ResourceObservation o = new ResourceObservation(r, readings, 0, e.getValue().limit(), List.of(), List.of());
            Assessment trendOnly = (p.jvm() ? assessor : nonJvmAssessor).assess(o);
            boolean material = trendOnly.finding().map(f -> f.severity() == Severity.LEAK).orElse(false)
                    && (!e.getValue().g1Floor() || beyondG1Residue(readings, trendOnly, e.getValue().limit()))
                    && growth(readings, trendOnly) > e.getValue().swing();
            // Without class histograms a heap trend is at most a suspect: the capture confirms it.
            Assessment shown = r == Resource.HEAP ? assessor.assessHeap(o, Optional.empty()) : trendOnly;
            out.put(r, new WindowVerdict(shown, !"not-enough-data".equals(trendOnly.trend().decision()), material));
        }
        return out;
    }

    /** Readings spanning less than this give "not enough data" (see the class comment). */
    Duration minSpan() {
        Duration half = window.dividedBy(2);
        Duration min = Duration.ofSeconds(MIN_SPAN_SECONDS);
        return half.compareTo(min) < 0 ? half : min;
    }

    private WindowVerdict tooShort(Resource r, List<Sample> readings, long spanMillis, OptionalDouble limit) {
        List<double[]> points = new ArrayList<>(readings.size());
        for (Sample s : readings) {
            points.add(new double[] {s.timeMillis(), s.value()});
        }
        String reason = String.format(Locale.ROOT, "%d readings over %.0f s, at least %d s needed", readings.size(),
                spanMillis / 1000.0, minSpan().toSeconds());
        Trend trend = new Trend(r, r.unit(), points, 0, 0, 0, limit.isPresent() ? (long) limit.getAsDouble() : null,
                "not-enough-data", reason);
        return new WindowVerdict(new Assessment(trend, Optional.empty()), false, false);
    }

    /**
     * Whether a G1 floor grew across the window by more than G1 may leave uncollected
     * ({@link G1OldGenFloor#residueAllowance}) plus the floor's largest fall and largest single
     * rise within the window: a floor that fell by that much shows a live set that moves by that
     * much without leaking (a cache emptied when a cycle happened to catch it), and one that jumped
     * once may have been read at another phase of such a live set (readings every 15 s see a cache
     * cleared every 30 s always at the same point of its cycle). A leak's floor does not fall and
     * rises reading after reading, so discounting its largest rise costs it about one reading.
     */
    private static boolean beyondG1Residue(List<Sample> readings, Assessment a, OptionalDouble heapMax) {
        if (readings.size() < 2) {
            return false;
        }
        return growth(readings, a) > G1OldGenFloor.residueAllowance(heapMax, readings.get(0).value())
                + G1OldGenFloor.largestFall(readings) + G1OldGenFloor.largestStep(readings);
    }

    /** The fitted growth from the first reading to the last. */
    private static double growth(List<Sample> readings, Assessment a) {
        if (readings.size() < 2) {
            return 0;
        }
        double minutes = (readings.get(readings.size() - 1).timeMillis() - readings.get(0).timeMillis()) / 60_000.0;
        return a.trend().slopePerMinute() * minutes;
    }

    /**
     * What the detectors said about one resource.
     *
     * @param assessment the trend and the finding, if any (for heap, unconfirmed: at most a suspect)
     * @param decided    false when there was not enough data for a verdict
     * @param alarming   the trend alone is significant and material (the detector's leak): what
     *                   starts a suspicion. Weaker findings (significant but too small or slow to
     *                   matter, or material but only weakly significant) keep an existing
     *                   suspicion alive but do not start one: on a rolling window, more data
     *                   comes anyway, and a host full of JVMs would otherwise flag every slow creep.
     */
    record WindowVerdict(Assessment assessment, boolean decided, boolean alarming) {}
}
