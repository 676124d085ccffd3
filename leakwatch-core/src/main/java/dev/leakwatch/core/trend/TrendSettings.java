package dev.leakwatch.core.trend;

import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.model.Unit;
import java.util.Objects;

/**
 * How a {@link TrendDetector} decides; every amount is in the resource's {@code unit}, every
 * fraction is a plain ratio (0.01 = 1%), every duration says its unit in its name.
 *
 * <p>Defaults ({@link #defaultsFor(Resource)}), and why:
 * <table>
 *   <caption>Default settings</caption>
 *   <tr><th>setting</th><th>heap</th><th>metaspace, direct</th><th>native</th><th>threads</th><th>fds</th></tr>
 *   <tr><td>warmupFraction</td><td colspan="5">{@value #DEFAULT_WARMUP_FRACTION}: start-up and attach
 *       allocation sit in the first seconds (6 s, two readings, of a 2-minute window); slower
 *       warm-ups are left to the plateau rule rather than thrown away with evidence</td></tr>
 *   <tr><td>minSamples</td><td colspan="5">{@value #DEFAULT_MIN_SAMPLES}: the exact Mann-Kendall p of a
 *       perfectly monotone series is 1/n!, so fewer points barely reach {@code significance}, and
 *       Theil-Sen needs a handful of points to outvote outliers</td></tr>
 *   <tr><td>significance</td><td colspan="5">{@value #DEFAULT_SIGNIFICANCE}: one-sided Mann-Kendall p for
 *       LEAK, so that trendless noise is called a leak about once in a thousand windows (a watching
 *       agent evaluates many); weaker evidence still yields SUSPECT</td></tr>
 *   <tr><td>suspectSignificance</td><td colspan="5">{@value #DEFAULT_SUSPECT_SIGNIFICANCE}: weaker
 *       evidence that is worth a (rate-limited) evidence capture; noise reaches it about 1% of the time</td></tr>
 *   <tr><td>minGrowthFractionOfLevel</td><td>0.005</td><td>0.01</td><td>0.01</td><td>0</td><td>0</td></tr>
 *   <tr><td>minAbsoluteGrowth</td><td>1 MiB</td><td>1 MiB</td><td>8 MiB</td><td>3 threads</td><td>5 fds</td></tr>
 *   <tr><td>absoluteGrowthSufficientWithLimit</td><td>false</td><td>false</td><td>false</td><td>true</td><td>true</td></tr>
 *   <tr><td>maxExhaustionHorizonSeconds</td><td colspan="5">{@value #DEFAULT_MAX_EXHAUSTION_HORIZON_SECONDS}
 *       (7 days): routine restarts and deploys usually come sooner, and extrapolating a
 *       minutes-long window further is not credible</td></tr>
 *   <tr><td>plateauTailFraction</td><td colspan="5">1/3: long enough to measure a slope, short enough
 *       that a warm-up ending by mid-window lies wholly before it</td></tr>
 *   <tr><td>plateauSignificance</td><td colspan="5">{@value #DEFAULT_PLATEAU_SIGNIFICANCE}: a steady
 *       noisy leak is mistaken for a plateau about this often; it is the worst mistake (a leak
 *       reported as nothing), so this is strict</td></tr>
 * </table>
 * Level floors: post-GC heap moves by a fraction of a percent between collections; metaspace,
 * direct buffers and RSS move in coarser steps (class loading, buffer pools, malloc arenas).
 * Absolute floors: a few threads or a handful of fds are what a pool resizing or a reconnect does;
 * without a limit, less than 1 MiB of heap (8 MiB of RSS) over a window is within allocator noise.
 * Counts are material by absolute growth even with a known limit because {@code ulimit -n} and
 * {@code pids.max} are often set so high that headroom says nothing, while a count that keeps
 * climbing is a defect on its own.
 *
 * @param unit                              unit of the values, used to write reasons
 * @param warmupFraction                    leading fraction of the window ignored, in [0, 0.5]
 * @param minSamples                        fewest samples (after warm-up) to decide on, at least 4
 * @param significance                      one-sided Mann-Kendall p below which growth is significant, in (0, 0.5)
 * @param suspectSignificance               one-sided p below which growth is weakly significant, in [significance, 0.5)
 * @param minGrowthFractionOfLevel          growth over the window must reach this fraction of the level, in [0, 1]
 * @param minAbsoluteGrowth                 growth over the window that is material without a limit, &gt;= 0
 * @param absoluteGrowthSufficientWithLimit whether {@code minAbsoluteGrowth} also makes growth material when a limit is known
 * @param maxExhaustionHorizonSeconds       with a limit, growth is material only if it exhausts the limit within this, &gt; 0
 * @param plateauTailFraction               trailing fraction of the window tested for a plateau, in (0, 0.5]
 * @param plateauSignificance               how sure the tail must be that growth slowed, in (0, 0.5)
 */
public record TrendSettings(
        Unit unit,
        double warmupFraction,
        int minSamples,
        double significance,
        double suspectSignificance,
        double minGrowthFractionOfLevel,
        double minAbsoluteGrowth,
        boolean absoluteGrowthSufficientWithLimit,
        long maxExhaustionHorizonSeconds,
        double plateauTailFraction,
        double plateauSignificance) {

    public static final double DEFAULT_WARMUP_FRACTION = 0.05;
    public static final int DEFAULT_MIN_SAMPLES = 8;
    public static final double DEFAULT_SIGNIFICANCE = 0.001;
    public static final double DEFAULT_SUSPECT_SIGNIFICANCE = 0.01;
    public static final long DEFAULT_MAX_EXHAUSTION_HORIZON_SECONDS = 7 * 24 * 3600;
    public static final double DEFAULT_PLATEAU_TAIL_FRACTION = 1.0 / 3;
    public static final double DEFAULT_PLATEAU_SIGNIFICANCE = 0.005;

    private static final double MIB = 1024 * 1024;

    public TrendSettings {
        Objects.requireNonNull(unit, "unit");
        requireIn("warmupFraction", warmupFraction, 0, 0.5);
        if (minSamples < 4) {
            throw new IllegalArgumentException("minSamples must be at least 4, was " + minSamples);
        }
        requireOpen("significance", significance, 0, 0.5);
        if (!(suspectSignificance >= significance && suspectSignificance < 0.5)) {
            throw new IllegalArgumentException("suspectSignificance must be in [significance (" + significance
                    + "), 0.5), was " + suspectSignificance);
        }
        requireIn("minGrowthFractionOfLevel", minGrowthFractionOfLevel, 0, 1);
        if (!(minAbsoluteGrowth >= 0 && Double.isFinite(minAbsoluteGrowth))) {
            throw new IllegalArgumentException("minAbsoluteGrowth must be finite and >= 0, was " + minAbsoluteGrowth);
        }
        if (maxExhaustionHorizonSeconds <= 0) {
            throw new IllegalArgumentException(
                    "maxExhaustionHorizonSeconds must be positive, was " + maxExhaustionHorizonSeconds);
        }
        if (!(plateauTailFraction > 0 && plateauTailFraction <= 0.5)) {
            throw new IllegalArgumentException("plateauTailFraction must be in (0, 0.5], was " + plateauTailFraction);
        }
        requireOpen("plateauSignificance", plateauSignificance, 0, 0.5);
    }

    /**
     * The defaults for a process that is not a JVM: its RSS has no JIT, heap first-touch or GC
     * arenas moving it, so a few MiB of steady growth in a window is already a signal (the
     * default native floor, 8 MiB, is sized for a JVM's memory outside the heap).
     */
    public static TrendSettings nonJvmDefaultsFor(Resource resource) {
        return resource == Resource.NATIVE
                ? defaultsFor(resource).withMinAbsoluteGrowth(NON_JVM_NATIVE_FLOOR_BYTES)
                : defaultsFor(resource);
    }

    /** Least RSS growth per window that matters for a process that is not a JVM. */
    public static final double NON_JVM_NATIVE_FLOOR_BYTES = 2 * 1024 * 1024;

    /** The documented defaults for {@code resource} (see the class comment). */
    public static TrendSettings defaultsFor(Resource resource) {
        Objects.requireNonNull(resource, "resource");
        return switch (resource) {
            case HEAP -> common(resource, 0.005, MIB, false);
            case METASPACE, DIRECT_MEMORY -> common(resource, 0.01, MIB, false);
            case NATIVE -> common(resource, 0.01, 8 * MIB, false);
            case THREADS -> common(resource, 0, 3, true);
            case FDS -> common(resource, 0, 5, true);
        };
    }

    private static TrendSettings common(
            Resource resource, double levelFraction, double absoluteGrowth, boolean absoluteWithLimit) {
        return new TrendSettings(resource.unit(), DEFAULT_WARMUP_FRACTION, DEFAULT_MIN_SAMPLES, DEFAULT_SIGNIFICANCE,
                DEFAULT_SUSPECT_SIGNIFICANCE, levelFraction, absoluteGrowth, absoluteWithLimit,
                DEFAULT_MAX_EXHAUSTION_HORIZON_SECONDS, DEFAULT_PLATEAU_TAIL_FRACTION, DEFAULT_PLATEAU_SIGNIFICANCE);
    }

    public TrendSettings withWarmupFraction(double value) {
        return new TrendSettings(unit, value, minSamples, significance, suspectSignificance, minGrowthFractionOfLevel,
                minAbsoluteGrowth, absoluteGrowthSufficientWithLimit, maxExhaustionHorizonSeconds, plateauTailFraction,
                plateauSignificance);
    }

    public TrendSettings withMinSamples(int value) {
        return new TrendSettings(unit, warmupFraction, value, significance, suspectSignificance,
                minGrowthFractionOfLevel, minAbsoluteGrowth, absoluteGrowthSufficientWithLimit,
                maxExhaustionHorizonSeconds, plateauTailFraction, plateauSignificance);
    }

    /** Both thresholds at once, since {@code suspectSignificance} may not be below {@code significance}. */
    public TrendSettings withSignificance(double leak, double suspect) {
        return new TrendSettings(unit, warmupFraction, minSamples, leak, suspect, minGrowthFractionOfLevel,
                minAbsoluteGrowth, absoluteGrowthSufficientWithLimit, maxExhaustionHorizonSeconds, plateauTailFraction,
                plateauSignificance);
    }

    public TrendSettings withMinGrowthFractionOfLevel(double value) {
        return new TrendSettings(unit, warmupFraction, minSamples, significance, suspectSignificance, value,
                minAbsoluteGrowth, absoluteGrowthSufficientWithLimit, maxExhaustionHorizonSeconds, plateauTailFraction,
                plateauSignificance);
    }

    public TrendSettings withMinAbsoluteGrowth(double value) {
        return new TrendSettings(unit, warmupFraction, minSamples, significance, suspectSignificance,
                minGrowthFractionOfLevel, value, absoluteGrowthSufficientWithLimit, maxExhaustionHorizonSeconds,
                plateauTailFraction, plateauSignificance);
    }

    public TrendSettings withAbsoluteGrowthSufficientWithLimit(boolean value) {
        return new TrendSettings(unit, warmupFraction, minSamples, significance, suspectSignificance,
                minGrowthFractionOfLevel, minAbsoluteGrowth, value, maxExhaustionHorizonSeconds, plateauTailFraction,
                plateauSignificance);
    }

    public TrendSettings withMaxExhaustionHorizonSeconds(long value) {
        return new TrendSettings(unit, warmupFraction, minSamples, significance, suspectSignificance,
                minGrowthFractionOfLevel, minAbsoluteGrowth, absoluteGrowthSufficientWithLimit, value,
                plateauTailFraction, plateauSignificance);
    }

    public TrendSettings withPlateau(double tailFraction, double significanceOfSlowdown) {
        return new TrendSettings(unit, warmupFraction, minSamples, significance, suspectSignificance,
                minGrowthFractionOfLevel, minAbsoluteGrowth, absoluteGrowthSufficientWithLimit,
                maxExhaustionHorizonSeconds, tailFraction, significanceOfSlowdown);
    }

    private static void requireIn(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }

    private static void requireOpen(String name, double value, double min, double max) {
        if (!(value > min && value < max)) {
            throw new IllegalArgumentException(name + " must be in (" + min + ", " + max + "), was " + value);
        }
    }
}
