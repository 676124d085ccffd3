package dev.leakwatch.bench.agent;

import dev.leakwatch.agent.metrics.MetricsRegistry;
import dev.leakwatch.agent.metrics.StoreCollector;
import dev.leakwatch.agent.metrics.StoreStatsCollector;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreLimits;
import java.time.Duration;
import java.util.Set;

/** A metrics registry over a store of N series shaped like per-process metrics (100 metrics x N/100 processes). */
final class ScrapeFixture {
    private ScrapeFixture() {}

    static MetricsRegistry registry(int series) {
        SeriesStore store = new SeriesStore(new StoreLimits(series, series, Duration.ofHours(1), 2, 0, Set.of()));
        int perMetric = series / 100;
        for (int m = 0; m < 100; m++) {
            MetricDescriptor d = m % 4 == 0
                    ? MetricDescriptor.counter("bench_metric_" + m + "_total", "A benchmark counter.")
                    : MetricDescriptor.gauge("bench_metric_" + m, "A benchmark gauge.");
            for (int i = 0; i < perMetric; i++) {
                store.set(d, Labels.of("pid", Integer.toString(10_000 + i), "process", "service-" + (i % 50) + ".jar"),
                        i * 1.5, 0);
            }
        }
        MetricsRegistry registry = new MetricsRegistry();
        registry.agentRegistry().register(new StoreStatsCollector(store));
        registry.addDynamic(new StoreCollector(store));
        return registry;
    }
}
