package dev.leakwatch.core.trend;

import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Decides whether a resource leaks from a window of its readings: the trend decision every
 * leakwatch detector shares. Stateless and thread-safe; one instance per settings.
 *
 * <p>Implementation note. The slope is Theil-Sen (robust to a few odd readings), the significance
 * is the one-sided Mann-Kendall test (no assumption on the shape of growth or of the noise), and
 * the rules below turn them into a decision, in this order. Each exists for a reason:
 * <ol>
 *   <li><b>Not enough data.</b> Non-finite readings are dropped; fewer than {@code minSamples}
 *       samples after warm-up give {@link Decision#NOT_ENOUGH_DATA}. Too few points make both tests
 *       meaningless, and an explicit "cannot tell" is more useful than a guess.
 *   <li><b>Warm-up.</b> The first {@code warmupFraction} of the window's time span is excluded:
 *       start-up allocation, class loading and attaching to the process itself raise the floor in
 *       the first seconds, and that is not a leak.
 *   <li><b>Direction.</b> A fitted slope that is not positive is {@link Decision#NO_LEAK}:
 *       nothing grows.
 *   <li><b>Plateau.</b> Growth that has stopped is not a leak (a pool that filled up, a cache that
 *       warmed): when the last {@code plateauTailFraction} of the window is flat while the earlier
 *       part rose, the decision is {@link Decision#NO_LEAK}, "growth stopped (plateau)". The test
 *       compares the tail's slope with the head's against their noise (see {@link PlateauCheck}),
 *       so that a steady leak with noise, whose short tail is often not significant on its own,
 *       is not mistaken for a plateau.
 *   <li><b>Significance and materiality.</b> Growth is significant when the one-sided p is below
 *       {@code significance}, weakly significant below {@code suspectSignificance}; it is material
 *       when it matters in size ({@link Materiality}: above a noise floor relative to the level,
 *       and exhausting the limit within {@code maxExhaustionHorizonSeconds}, or without a limit
 *       reaching {@code minAbsoluteGrowth} over the window). Both: {@link Decision#LEAK}.
 *       Significant but immaterial, or material but only weakly significant:
 *       {@link Decision#SUSPECT}, worth gathering evidence, not worth an alarm. Otherwise
 *       {@link Decision#NO_LEAK}. Requiring both keeps a tiny but steady creep (a few KiB of
 *       interned strings) and a large but noisy wobble from being called leaks.
 * </ol>
 * Time to exhaustion runs from the last fitted value to the limit at the fitted slope.
 * Above {@value TheilSen#MAX_SAMPLES} samples after warm-up, an evenly spaced subset is tested,
 * which bounds the O(n^2) tests.
 *
 * <p>What a caller supplies matters as much: for heap, the lower envelope of after-GC readings
 * (see {@link LowerEnvelope}), never raw used heap.
 */
public final class TrendDetector {

    private final TrendSettings settings;

    public TrendDetector(TrendSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public TrendSettings settings() {
        return settings;
    }

    /**
     * Decides on one window.
     *
     * @param series time-ordered readings of the signal to test (for heap, already the lower envelope)
     * @param limit  the resource's limit in the same unit, if known
     * @throws IllegalArgumentException if the series is not in time order or the limit is not a positive number
     */
    public TrendDecision evaluate(List<Sample> series, OptionalDouble limit) {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(limit, "limit");
        if (limit.isPresent() && !(limit.getAsDouble() > 0 && Double.isFinite(limit.getAsDouble()))) {
            throw new IllegalArgumentException("limit must be a positive number, was " + limit.getAsDouble());
        }
        List<Sample> finite = finiteInOrder(series);
        if (finite.size() < settings.minSamples()) {
            return notEnough(finite, "only " + finite.size() + " samples, at least " + settings.minSamples() + " needed");
        }
        long first = finite.get(0).timeMillis();
        long last = finite.get(finite.size() - 1).timeMillis();
        List<Sample> used = Subsample.evenly(afterWarmup(finite, first, last), TheilSen.MAX_SAMPLES);
        if (used.size() < settings.minSamples()) {
            return notEnough(used, "only " + used.size() + " samples after ignoring the first "
                    + QuantityFormat.duration((last - first) * settings.warmupFraction() / 1000.0)
                    + " as warm-up, at least " + settings.minSamples() + " needed");
        }
        long usedFirst = used.get(0).timeMillis();
        long spanMillis = last - usedFirst;
        if (spanMillis <= 0) {
            return notEnough(used, "all samples at the same time");
        }
        return decide(used, usedFirst, spanMillis, limit);
    }

    private TrendDecision decide(List<Sample> used, long usedFirst, long spanMillis, OptionalDouble limit) {
        TheilSen.Fit fit = TheilSen.fit(used);
        MannKendall.Result trend = MannKendall.test(used);
        double p = trend.pValueIncreasing();
        double slopePerMinute = fit.slopePerMinute();
        double lastFitted = fit.valueAtOffset(spanMillis);
        OptionalDouble exhaustion = secondsToExhaustion(fit, lastFitted, limit);
        Fitted fitted = new Fitted(fit, p, exhaustion, used.size(), usedFirst);

        if (!(fit.slopePerMilli() > 0)) {
            return fitted.of(Decision.NO_LEAK, "no growth: " + QuantityFormat.perMinute(slopePerMinute, settings.unit())
                    + " (" + QuantityFormat.pValue(p) + ")");
        }
        String growth = "grows " + QuantityFormat.perMinute(slopePerMinute, settings.unit()) + " ("
                + QuantityFormat.pValue(p) + ")";
        boolean significant = p < settings.significance();
        boolean weaklySignificant = p < settings.suspectSignificance();
        if (!weaklySignificant) {
            return fitted.of(Decision.NO_LEAK, "no significant growth: " + growth);
        }
        Optional<PlateauCheck.Plateau> plateau = PlateauCheck.find(used, settings);
        if (plateau.isPresent()) {
            PlateauCheck.Plateau found = plateau.get();
            return fitted.of(Decision.NO_LEAK, "growth stopped (plateau): "
                    + QuantityFormat.perMinute(found.headSlopePerMilli() * 60_000, settings.unit()) + " earlier, "
                    + QuantityFormat.perMinute(found.tailSlopePerMilli() * 60_000, settings.unit()) + " over the last "
                    + QuantityFormat.duration(found.tailMillis() / 1000.0));
        }
        Materiality materiality = Materiality.assess(
                fit.slopePerMilli() * spanMillis, lastFitted, limit, exhaustion, settings);
        String size = sizeClause(slopePerMinute, limit, exhaustion);
        if (significant && materiality.material()) {
            return fitted.of(Decision.LEAK, growth + size);
        }
        if (significant) {
            return fitted.of(Decision.SUSPECT, growth + " but " + materiality.shortfall());
        }
        if (materiality.material()) {
            return fitted.of(Decision.SUSPECT, growth + size + ", but the evidence is weak (significance "
                    + settings.significance() + " needed for a leak)");
        }
        return fitted.of(Decision.NO_LEAK, "no material growth: " + growth + ", " + materiality.shortfall());
    }

    /** ", 3% of the limit per hour; exhausts in 4.1 h" when a limit is known, else "". */
    private static String sizeClause(double slopePerMinute, OptionalDouble limit, OptionalDouble exhaustion) {
        if (limit.isEmpty()) {
            return "";
        }
        String clause = ", " + QuantityFormat.percent(slopePerMinute * 60 / limit.getAsDouble()) + " of the limit per hour";
        return exhaustion.isPresent() ? clause + "; exhausts in " + QuantityFormat.duration(exhaustion.getAsDouble()) : clause;
    }

    private static OptionalDouble secondsToExhaustion(TheilSen.Fit fit, double lastFitted, OptionalDouble limit) {
        if (limit.isEmpty() || !(fit.slopePerMilli() > 0)) {
            return OptionalDouble.empty();
        }
        double headroom = Math.max(0, limit.getAsDouble() - lastFitted);
        return OptionalDouble.of(headroom / (fit.slopePerMilli() * 1000));
    }

    private List<Sample> afterWarmup(List<Sample> finite, long first, long last) {
        double cut = first + settings.warmupFraction() * (last - first);
        int start = 0;
        while (start < finite.size() && finite.get(start).timeMillis() < cut) {
            start++;
        }
        return finite.subList(start, finite.size());
    }

    private static List<Sample> finiteInOrder(List<Sample> series) {
        List<Sample> finite = new ArrayList<>(series.size());
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < series.size(); i++) {
            Sample s = Objects.requireNonNull(series.get(i), "sample");
            if (s.timeMillis() < previous) {
                throw new IllegalArgumentException("series must be in time order: sample " + i + " at "
                        + s.timeMillis() + " comes after one at " + previous);
            }
            previous = s.timeMillis();
            if (Double.isFinite(s.value())) {
                finite.add(s);
            }
        }
        return finite;
    }

    private static TrendDecision notEnough(List<Sample> available, String reason) {
        return new TrendDecision(Decision.NOT_ENOUGH_DATA, 0, 0, 0, OptionalDouble.empty(), reason,
                available.size(), available.isEmpty() ? 0 : available.get(0).timeMillis());
    }

    /** The fitted numbers shared by every decision taken on one window. */
    private record Fitted(TheilSen.Fit fit, double pIncreasing, OptionalDouble exhaustion, int samplesUsed, long first) {
        TrendDecision of(Decision decision, String reason) {
            return new TrendDecision(decision, fit.slopePerMinute(), fit.intercept(), 1 - pIncreasing, exhaustion,
                    reason, samplesUsed, first);
        }
    }
}
