package dev.leakwatch.agent.store;

import java.time.Duration;
import java.util.Set;

/**
 * The store's bounds; replaceable at runtime (reload). Lowering {@code maxSeries} below the
 * current count evicts nothing: new series are refused until expiry brings the count down.
 *
 * @param maxSeries          most series held at once
 * @param maxSeriesPerMetric most label sets per metric before folding into the overflow series
 * @param ttl                a series not written for this long expires
 * @param historySamples     ring size of a series' history
 * @param historyMaxSeries   most series keeping a history at once
 * @param historyMetrics     metric names whose series keep a history
 */
public record StoreLimits(int maxSeries, int maxSeriesPerMetric, Duration ttl, int historySamples,
        int historyMaxSeries, Set<String> historyMetrics) {

    public StoreLimits {
        if (maxSeries < 1) {
            throw new IllegalArgumentException("maxSeries must be at least 1, got " + maxSeries);
        }
        if (maxSeriesPerMetric < 1) {
            throw new IllegalArgumentException("maxSeriesPerMetric must be at least 1, got " + maxSeriesPerMetric);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        if (historySamples < 1) {
            throw new IllegalArgumentException("historySamples must be at least 1, got " + historySamples);
        }
        if (historyMaxSeries < 0) {
            throw new IllegalArgumentException("historyMaxSeries must not be negative, got " + historyMaxSeries);
        }
        historyMetrics = Set.copyOf(historyMetrics);
    }

    /** The defaults of {@code docs/configuration.md}. */
    public static StoreLimits defaults() {
        return new StoreLimits(100_000, 2_000, Duration.ofMinutes(5), 240, 5_000, Set.of());
    }

    public StoreLimits withMaxSeries(int value) {
        return new StoreLimits(value, maxSeriesPerMetric, ttl, historySamples, historyMaxSeries, historyMetrics);
    }

    public StoreLimits withMaxSeriesPerMetric(int value) {
        return new StoreLimits(maxSeries, value, ttl, historySamples, historyMaxSeries, historyMetrics);
    }

    public StoreLimits withTtl(Duration value) {
        return new StoreLimits(maxSeries, maxSeriesPerMetric, value, historySamples, historyMaxSeries, historyMetrics);
    }

    public StoreLimits withHistory(int samples, int maxSeries, Set<String> metrics) {
        return new StoreLimits(this.maxSeries, maxSeriesPerMetric, ttl, samples, maxSeries, metrics);
    }
}
