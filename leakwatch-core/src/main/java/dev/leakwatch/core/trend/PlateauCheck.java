package dev.leakwatch.core.trend;

import dev.leakwatch.core.series.Sample;
import java.util.List;
import java.util.Optional;

/**
 * Finds growth that has stopped: a rise in the head of the window and a flat tail.
 *
 * <p>Why a comparison and not just "the tail is not significant": a steady leak with noise often
 * shows no significant growth over a short tail (a third of the samples carries a ninth of the
 * evidence), and calling that a plateau would hide real leaks. So the tail must be flat in three
 * ways at once:
 * <ol>
 *   <li>no significant growth within it (one-sided Mann-Kendall p of at least
 *       {@code significance}): growth that merely slows down is still growth;
 *   <li>its Theil-Sen slope at most {@value #FLAT_SLOPE_RATIO} of the head's (growth has
 *       materially slowed, not merely wobbled);
 *   <li>the head's slope exceeds the tail's by more than the noise allows: the difference is
 *       significant at {@code plateauSignificance} (Student's t) against the slopes' standard
 *       errors, sigma / sqrt(sum (t - mean t)^2) per part, inflated for the efficiency of
 *       Theil-Sen, with the noise sigma estimated robustly from successive differences
 *       ({@link #noiseScale}; MAD as in Rousseeuw and Croux 1993). A steady noisy leak passes
 *       this test only about {@code plateauSignificance} of the time.
 * </ol>
 */
final class PlateauCheck {

    static final double FLAT_SLOPE_RATIO = 0.25;

    /** Fewest samples in the tail or the head for their slopes to mean anything. */
    static final int MIN_PART_SAMPLES = 4;

    private static final double MAD_TO_SIGMA = 1.4826;

    /**
     * Asymptotic efficiency of Theil-Sen relative to least squares under normal noise (Sen 1968):
     * its slope varies by 1/sqrt(0.91) more than the least-squares formula says.
     */
    private static final double THEIL_SEN_EFFICIENCY = Math.sqrt(0.91);

    private PlateauCheck() {}

    /**
     * The plateau in {@code used} (time-ordered samples that passed warm-up), if growth stopped.
     */
    static Optional<Plateau> find(List<Sample> used, TrendSettings settings) {
        long first = used.get(0).timeMillis();
        long last = used.get(used.size() - 1).timeMillis();
        double tailStart = last - settings.plateauTailFraction() * (last - first);
        int split = 0;
        while (split < used.size() && used.get(split).timeMillis() < tailStart) {
            split++;
        }
        List<Sample> head = used.subList(0, split);
        List<Sample> tail = used.subList(split, used.size());
        if (head.size() < MIN_PART_SAMPLES || tail.size() < MIN_PART_SAMPLES) {
            return Optional.empty();
        }
        MannKendall.Result tailTrend = MannKendall.test(tail);
        if (tailTrend.pValueIncreasing() < settings.significance()) {
            return Optional.empty();
        }
        TheilSen.Fit headFit = TheilSen.fit(head);
        TheilSen.Fit tailFit = TheilSen.fit(tail);
        double headSlope = headFit.slopePerMilli();
        double tailSlope = tailFit.slopePerMilli();
        if (!(headSlope > 0) || tailSlope > FLAT_SLOPE_RATIO * headSlope) {
            return Optional.empty();
        }
        double sigma = noiseScale(used);
        double noise = sigma / THEIL_SEN_EFFICIENCY * Math.sqrt(1 / timeSpread(head) + 1 / timeSpread(tail));
        // Degrees of freedom of the smaller part, whose slope dominates the difference's noise
        // (conservative, as in Welch's test): a 7-point tail must not borrow confidence from the head.
        int degreesOfFreedom = Math.min(head.size(), tail.size()) - 2;
        // Written so that an undefined noise (NaN) never counts as a plateau.
        if (!(headSlope - tailSlope > studentQuantile(settings.plateauSignificance(), degreesOfFreedom) * noise)) {
            return Optional.empty();
        }
        return Optional.of(new Plateau(headSlope, tailSlope, last - tail.get(0).timeMillis()));
    }

    /**
     * A detected plateau.
     *
     * @param headSlopePerMilli slope before the tail
     * @param tailSlopePerMilli slope over the tail
     * @param tailMillis        duration of the tail
     */
    record Plateau(double headSlopePerMilli, double tailSlopePerMilli, long tailMillis) {}

    /**
     * The reading noise, from differences between successive samples: 1.4826 MAD / sqrt(2).
     * Differencing removes any smooth trend, so neither the growth in the head nor a bend at the
     * plateau inflates the estimate, and nothing is fitted to the same points first (residuals
     * about a line fitted to seven points understate the noise). MAD keeps it robust to the few
     * differences that span a steep rise.
     */
    static double noiseScale(List<Sample> used) {
        int n = used.size() - 1;
        double[] differences = new double[n];
        for (int i = 0; i < n; i++) {
            differences[i] = used.get(i + 1).value() - used.get(i).value();
        }
        double center = Medians.medianInPlace(differences.clone(), n);
        for (int i = 0; i < n; i++) {
            differences[i] = Math.abs(differences[i] - center);
        }
        return MAD_TO_SIGMA * Medians.medianInPlace(differences, n) / Math.sqrt(2);
    }

    /** Sum of squared deviations of the sample times from their mean, the slope's "leverage". */
    private static double timeSpread(List<Sample> part) {
        long origin = part.get(0).timeMillis();
        double mean = 0;
        for (Sample s : part) {
            mean += s.timeMillis() - origin;
        }
        mean /= part.size();
        double spread = 0;
        for (Sample s : part) {
            double d = s.timeMillis() - origin - mean;
            spread += d * d;
        }
        return spread;
    }

    /**
     * Upper quantile of Student's t, by the Cornish-Fisher expansion around the normal one
     * (Abramowitz and Stegun 26.7.5): the noise scale is itself estimated from few points.
     */
    static double studentQuantile(double p, int degreesOfFreedom) {
        double z = NormalDistribution.upperQuantile(p);
        double v = Math.max(1, degreesOfFreedom);
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v);
    }
}
