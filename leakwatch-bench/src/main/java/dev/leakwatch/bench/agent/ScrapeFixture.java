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
    private static final int METRICS = 100;

    private ScrapeFixture() {}

    /** The store, its registry, and a way to give every series a new value as a collection does. */
    record Populated(SeriesStore store, MetricsRegistry registry, MetricDescriptor[] metrics, Labels[] labels) {
        /** Writes a new value to every series, building labels per write as collectors do. */
        void update(int round) {
            for (MetricDescriptor d : metrics) {
                for (int i = 0; i < labels.length; i++) {
                    store.set(d, Labels.of("pid", labels[i].value(0), "process", labels[i].value(1)),
                            i * 1.5 + round, round);
                }
            }
        }
    }

    static MetricsRegistry registry(int series) {
        return populate(series).registry();
    }

    static Populated populate(int series) {
        SeriesStore store = new SeriesStore(new StoreLimits(series, series, Duration.ofHours(1), 2, 0, Set.of()));
        int perMetric = series / METRICS;
        MetricDescriptor[] metrics = new MetricDescriptor[METRICS];
        for (int m = 0; m < METRICS; m++) {
            metrics[m] = m % 4 == 0
                    ? MetricDescriptor.counter("bench_metric_" + m + "_total", "A benchmark counter.")
                    : MetricDescriptor.gauge("bench_metric_" + m, "A benchmark gauge.");
        }
        Labels[] labels = new Labels[perMetric];
        for (int i = 0; i < perMetric; i++) {
            labels[i] = Labels.of("pid", Integer.toString(10_000 + i), "process", "service-" + (i % 50) + ".jar");
        }
        MetricsRegistry registry = new MetricsRegistry();
        registry.agentRegistry().register(new StoreStatsCollector(store));
        registry.addDynamic(new StoreCollector(store));
        Populated p = new Populated(store, registry, metrics, labels);
        p.update(0);
        return p;
    }
}
