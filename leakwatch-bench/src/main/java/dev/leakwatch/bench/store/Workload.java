package dev.leakwatch.bench.store;

import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.StoreLimits;
import dev.leakwatch.agent.store.Ticker;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A realistic shape: 100 metrics of 1,000 label sets each (pid and process, like per-process
 * metrics), 100,000 series in all, the agent's default bounds.
 */
final class Workload {
    static final int METRICS = 100;

    final MetricDescriptor[] metrics = new MetricDescriptor[METRICS];
    final int perMetric;
    final AtomicLong nanos = new AtomicLong(1);
    final Ticker ticker = nanos::get;

    Workload(int series) {
        this.perMetric = series / METRICS;
        for (int m = 0; m < METRICS; m++) {
            metrics[m] = m % 4 == 0
                    ? MetricDescriptor.counter("bench_metric_" + m + "_total", "A benchmark counter.")
                    : MetricDescriptor.gauge("bench_metric_" + m, "A benchmark gauge.");
        }
    }

    static StoreLimits limits(int maxSeries) {
        return new StoreLimits(maxSeries, 100_000, Duration.ofMinutes(5), 240, 0, Set.of());
    }

    /** The i-th series' labels, built fresh as a collector would. */
    Labels labels(int i) {
        return Labels.of("pid", Integer.toString(10_000 + i), "process", "service-" + (i % 50) + ".jar");
    }

    BenchStore create(String impl, int maxSeries) {
        return switch (impl) {
            case "leakwatch" -> new LeakwatchBenchStore(limits(maxSeries), ticker);
            case "caffeine" -> new CaffeineBenchStore(limits(maxSeries), ticker);
            default -> throw new IllegalArgumentException("impl is leakwatch or caffeine, got " + impl);
        };
    }

    void fill(BenchStore store) {
        for (int m = 0; m < METRICS; m++) {
            for (int i = 0; i < perMetric; i++) {
                store.set(metrics[m], labels(i), i, 0);
            }
        }
    }
}
