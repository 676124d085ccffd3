package dev.leakwatch.core.fd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks groups of a countable resource (fd patterns, thread stacks) by how steadily they grow across samples.
 *
 * <p>Implementation note: a group counts as growing when its last count exceeds its first and the Mann–Kendall
 * statistic S (sum of the signs of all later-minus-earlier differences) is positive. Groups are ordered by their
 * trend growth, the Theil–Sen slope (median of the slopes between all pairs of samples) times the window length.
 * The median ignores spikes, so a group that churns up and down (connections opened and closed, a worker pool
 * breathing) ranks below one that climbs steadily even when its net difference happens to be larger. Cost is
 * O(groups × samples²), fine for the tens to hundreds of samples of a diagnosis window.
 * References: Sen (1968), "Estimates of the regression coefficient based on Kendall's tau"; Kendall (1975),
 * "Rank correlation methods".
 */
public final class GrowthRanking {

    /**
     * A growing group.
     *
     * @param key         the group
     * @param count       its count in the last sample
     * @param growth      last count minus first count (absent groups count 0)
     * @param trendGrowth the robust growth over the window (Theil–Sen slope × window), used for ranking
     */
    public record Ranked<K>(K key, int count, long growth, double trendGrowth) {}

    private GrowthRanking() {}

    /**
     * The groups that grow, steadiest growth first (ties: larger net growth, then the key's text).
     *
     * @param timesMillis the time of each sample, non-decreasing
     * @param counts      the count per group of each sample, in the same order
     * @throws IllegalArgumentException with fewer than 2 samples, mismatched sizes or times going backwards
     */
    public static <K> List<Ranked<K>> rank(List<Long> timesMillis, List<? extends Map<K, Integer>> counts) {
        if (timesMillis.size() != counts.size()) {
            throw new IllegalArgumentException(
                    "times and counts differ in size: " + timesMillis.size() + " vs " + counts.size());
        }
        if (counts.size() < 2) {
            throw new IllegalArgumentException("growth needs at least 2 samples, got " + counts.size());
        }
        long[] times = new long[timesMillis.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = timesMillis.get(i);
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("sample times go backwards at index " + i + ": "
                        + times[i - 1] + " then " + times[i]);
            }
        }
        Set<K> keys = new LinkedHashSet<>();
        counts.forEach(sample -> keys.addAll(sample.keySet()));
        List<Ranked<K>> ranked = new ArrayList<>();
        int[] series = new int[times.length];
        for (K key : keys) {
            for (int i = 0; i < series.length; i++) {
                series[i] = counts.get(i).getOrDefault(key, 0);
            }
            long growth = (long) series[series.length - 1] - series[0];
            if (growth > 0 && kendallS(series) > 0) {
                ranked.add(new Ranked<>(key, series[series.length - 1], growth, trendGrowth(times, series, growth)));
            }
        }
        ranked.sort(Comparator.comparingDouble((Ranked<K> r) -> r.trendGrowth()).reversed()
                .thenComparing(Comparator.comparingLong((Ranked<K> r) -> r.growth()).reversed())
                .thenComparing(r -> String.valueOf(r.key())));
        return ranked;
    }

    static long kendallS(int[] series) {
        long s = 0;
        for (int i = 0; i < series.length; i++) {
            for (int j = i + 1; j < series.length; j++) {
                s += Integer.signum(Integer.compare(series[j], series[i]));
            }
        }
        return s;
    }

    static double trendGrowth(long[] times, int[] series, long netGrowth) {
        double[] slopes = new double[series.length * (series.length - 1) / 2];
        int n = 0;
        for (int i = 0; i < series.length; i++) {
            for (int j = i + 1; j < series.length; j++) {
                if (times[j] > times[i]) {
                    slopes[n++] = (double) (series[j] - series[i]) / (times[j] - times[i]);
                }
            }
        }
        if (n == 0) {
            return netGrowth; // all samples at the same instant: no slope to estimate
        }
        Arrays.sort(slopes, 0, n);
        double median = n % 2 == 1 ? slopes[n / 2] : (slopes[n / 2 - 1] + slopes[n / 2]) / 2;
        return median * (times[times.length - 1] - times[0]);
    }
}
