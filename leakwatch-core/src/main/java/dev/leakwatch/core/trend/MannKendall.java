package dev.leakwatch.core.trend;

import dev.leakwatch.core.series.Sample;
import java.util.Arrays;
import java.util.List;

/**
 * The Mann-Kendall test for a monotonic trend: does a series tend to go up (or down) over time,
 * whatever the shape of the curve and the distribution of the noise?
 *
 * <p>Implementation note. The statistic is S = sum over all pairs i &lt; j of sign(x[j] - x[i]),
 * O(n^2). Its null distribution (no trend, exchangeable values):
 * <ul>
 *   <li>without ties and n &lt;= {@value #EXACT_MAX_N}: exact. With distinct values S = N - 2I,
 *       N = n(n-1)/2, where I counts inversions, and the number of permutations of n elements with
 *       k inversions follows the recursion P_n(k) = (1/n) sum_{j=0}^{n-1} P_{n-1}(k - j)
 *       (Kendall, "Rank Correlation Methods", 1948, ch. 4), computed with prefix sums in O(n^3);
 *   <li>otherwise: normal, with variance reduced for ties,
 *       Var(S) = [n(n-1)(2n+5) - sum_t t(t-1)(2t+5)] / 18, and a continuity correction
 *       Z = (S - sign(S)) / sqrt(Var(S)) (Gilbert, "Statistical Methods for Environmental
 *       Pollution Monitoring", 1987, section 16.4; Hipel and McLeod, 1994).
 * </ul>
 * Counts of threads or fds are full of ties, hence the correction; heap bytes rarely tie, hence
 * the exact path where normal tails are least accurate (small n).
 */
public final class MannKendall {

    /** Largest n for which the exact null distribution is used (when there are no ties). */
    static final int EXACT_MAX_N = 50;

    private MannKendall() {}

    /**
     * The outcome of the test.
     *
     * @param s      the Mann-Kendall statistic: concordant minus discordant pairs
     * @param z      the normal score of S with tie and continuity corrections (0 when S is 0)
     * @param pValue two-sided p-value of "no monotonic trend" (exact for small n without ties)
     * @param tau    Kendall's tau-b between time order and value, in [-1, 1]
     */
    public record Result(double s, double z, double pValue, double tau) {

        /**
         * One-sided p-value for the alternative "increasing": the probability of an S at least
         * this large without any trend. At least 0.5 when S &lt;= 0 (no evidence of growth).
         * Exact up to the discreteness of S, because the null distribution of S is symmetric.
         */
        public double pValueIncreasing() {
            return s > 0 ? pValue / 2 : 1 - pValue / 2;
        }
    }

    /**
     * Tests {@code values}, taken in time order, for a monotonic trend.
     *
     * @throws IllegalArgumentException if a value is not finite
     */
    public static Result test(double[] values) {
        int n = values.length;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values must be finite, found " + values[i] + " at index " + i);
            }
        }
        if (n < 2) {
            return new Result(0, 0, 1, 0);
        }
        long s = statistic(values);
        double pairs = n * (n - 1) / 2.0;
        TieSums ties = TieSums.of(values);
        double variance = (n * (n - 1.0) * (2.0 * n + 5) - ties.varianceTerm) / 18;
        double tiedPairs = ties.pairs;
        if (variance <= 0 || tiedPairs >= pairs) {
            // All values equal: no ordering information at all.
            return new Result(0, 0, 1, 0);
        }
        double z = s == 0 ? 0 : (s - Math.signum(s)) / Math.sqrt(variance);
        double pValue = ties.pairs == 0 && n <= EXACT_MAX_N
                ? Math.min(1, 2 * exactUpperTail(n, Math.abs(s)))
                : Math.min(1, 2 * NormalDistribution.upperTail(Math.abs(z)));
        double tau = s / Math.sqrt((pairs - tiedPairs) * pairs);
        return new Result(s, z, pValue, tau);
    }

    /** Tests the values of time-ordered samples. */
    static Result test(List<Sample> samples) {
        double[] values = new double[samples.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = samples.get(i).value();
        }
        return test(values);
    }

    static long statistic(double[] values) {
        long s = 0;
        for (int i = 0; i < values.length - 1; i++) {
            double xi = values[i];
            for (int j = i + 1; j < values.length; j++) {
                s += values[j] > xi ? 1 : values[j] < xi ? -1 : 0;
            }
        }
        return s;
    }

    /** P(S &gt;= s) without ties, from the distribution of the number of inversions. */
    static double exactUpperTail(int n, long s) {
        int pairs = n * (n - 1) / 2;
        // S >= s  <=>  I <= (pairs - s) / 2; without ties S has the parity of `pairs`.
        long maxInversions = Math.floorDiv(pairs - s, 2);
        if (maxInversions < 0) {
            return 0;
        }
        if (maxInversions >= pairs) {
            return 1;
        }
        double[] p = {1.0};
        for (int m = 2; m <= n; m++) {
            int size = m * (m - 1) / 2 + 1;
            double[] prefix = new double[p.length + 1];
            for (int k = 0; k < p.length; k++) {
                prefix[k + 1] = prefix[k] + p[k];
            }
            double[] next = new double[size];
            for (int k = 0; k < size; k++) {
                int hi = Math.min(k, p.length - 1);
                int lo = Math.max(0, k - (m - 1));
                next[k] = lo > hi ? 0 : (prefix[hi + 1] - prefix[lo]) / m;
            }
            p = next;
        }
        double tail = 0;
        for (int k = 0; k <= maxInversions; k++) {
            tail += p[k];
        }
        return Math.min(1, tail);
    }

    /** Sums over groups of equal values: the variance correction and the number of tied pairs. */
    private record TieSums(double varianceTerm, double pairs) {
        static TieSums of(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double varianceTerm = 0;
            double pairs = 0;
            int i = 0;
            while (i < sorted.length) {
                int j = i + 1;
                while (j < sorted.length && sorted[j] == sorted[i]) {
                    j++;
                }
                double t = j - i;
                if (t > 1) {
                    varianceTerm += t * (t - 1) * (2 * t + 5);
                    pairs += t * (t - 1) / 2;
                }
                i = j;
            }
            return new TieSums(varianceTerm, pairs);
        }
    }
}
