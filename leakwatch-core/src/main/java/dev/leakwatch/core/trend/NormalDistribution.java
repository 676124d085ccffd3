package dev.leakwatch.core.trend;

/**
 * The standard normal distribution's tail and quantile, which the JDK does not provide.
 *
 * <p>Implementation note: the complementary error function uses the Chebyshev fit of
 * Press et al., "Numerical Recipes" (3rd ed., section 6.2.2, {@code erfccheb}'s predecessor
 * {@code erfcc}), fractional error below 1.2e-7 everywhere: ample for p-values compared with
 * thresholds like 0.01. The quantile inverts it by bisection, which is slow in theory but runs
 * once per evaluation at most.
 */
final class NormalDistribution {

    private NormalDistribution() {}

    /** P(Z &gt; z) for a standard normal Z. */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** The z with P(Z &gt; z) = p, for p in (0, 1). */
    static double upperQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1), was " + p);
        }
        double lo = -40;
        double hi = 40;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (upperTail(mid) > p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
