package dev.leakwatch.core.trend;

import dev.leakwatch.core.series.Sample;
import java.util.List;
import java.util.Objects;

/**
 * The Theil-Sen line: the median of the slopes between all pairs of samples, and the median
 * intercept under that slope.
 *
 * <p>Implementation note (Theil 1950; Sen, "Estimates of the regression coefficient based on
 * Kendall's tau", JASA 1968). Unlike least squares, up to about 29% of arbitrarily bad points
 * (a full GC that ran late, a burst of temporary threads) barely move the slope. Pairs of samples
 * at the same time carry no slope and are skipped. All pairs are O(n^2): above
 * {@value #MAX_SAMPLES} samples an evenly spaced subset of that many (first and last kept) is
 * fitted, which keeps time and memory bounded (about 16 MB of slopes at the cap) while the
 * estimate stays within sampling noise of the full one.
 */
public final class TheilSen {

    /** Largest number of samples fitted with all pairs. */
    public static final int MAX_SAMPLES = 2000;

    private TheilSen() {}

    /**
     * A fitted line.
     *
     * @param slopePerMilli growth per millisecond, in the unit of the values
     * @param intercept     fitted value at the time of the first sample
     */
    public record Fit(double slopePerMilli, double intercept) {

        /** Growth per minute, in the unit of the values. */
        public double slopePerMinute() {
            return slopePerMilli * 60_000;
        }

        /** The fitted value {@code millisSinceFirstSample} after the first sample. */
        public double valueAtOffset(long millisSinceFirstSample) {
            return intercept + slopePerMilli * millisSinceFirstSample;
        }
    }

    /**
     * Fits a line to {@code samples} (any time order). A single sample, or samples all at the same
     * time, give a slope of 0 through their median.
     *
     * @throws IllegalArgumentException if there are no samples or a value is not finite
     */
    public static Fit fit(List<Sample> samples) {
        Objects.requireNonNull(samples, "samples");
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a line to no samples");
        }
        List<Sample> fitted = Subsample.evenly(samples, MAX_SAMPLES);
        int n = fitted.size();
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            Sample s = fitted.get(i);
            if (!Double.isFinite(s.value())) {
                throw new IllegalArgumentException("sample values must be finite, found " + s.value() + " at " + s.timeMillis());
            }
            times[i] = s.timeMillis();
            values[i] = s.value();
        }
        double slope = medianPairwiseSlope(times, values);
        long origin = samples.get(0).timeMillis();
        double[] offsets = new double[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = values[i] - slope * (times[i] - origin);
        }
        return new Fit(slope, Medians.medianInPlace(offsets, n));
    }

    private static double medianPairwiseSlope(long[] times, double[] values) {
        int n = times.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int count = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                long dt = times[j] - times[i];
                if (dt != 0) {
                    slopes[count++] = (values[j] - values[i]) / dt;
                }
            }
        }
        return count == 0 ? 0 : Medians.medianInPlace(slopes, count);
    }
}
