package dev.leakwatch.agent.metrics;

import dev.leakwatch.agent.store.DropReason;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/** The store's own bounds and what they refused: {@code leakwatch_series_*}, {@code leakwatch_store_*}. */
public final class StoreStatsCollector implements MultiCollector {
    private final SeriesStore store;

    public StoreStatsCollector(SeriesStore store) {
        this.store = store;
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of("leakwatch_series_dropped", "leakwatch_series_expired", "leakwatch_store_bytes",
                "leakwatch_store_series", "leakwatch_store_history_series", "leakwatch_store_max_series");
    }

    @Override
    public MetricSnapshots collect() {
        StoreStats s = store.stats();
        List<CounterSnapshot.CounterDataPointSnapshot> dropped = new ArrayList<>();
        for (DropReason r : DropReason.values()) {
            dropped.add(new CounterSnapshot.CounterDataPointSnapshot(s.dropped().getOrDefault(r, 0L),
                    Labels.of("reason", r.label()), null, 0));
        }
        return MetricSnapshots.of(
                new CounterSnapshot(new MetricMetadata("leakwatch_series_dropped",
                        "Writes the series store refused or folded, by reason (limit, cardinality, invalid,"
                                + " history_limit)."), dropped),
                counter("leakwatch_series_expired", "Series removed after not being written for store.series_ttl.",
                        s.expired()),
                gauge("leakwatch_store_bytes", "Estimated heap bytes held by the series store.", s.estimatedBytes()),
                gauge("leakwatch_store_series", "Series held by the store.", s.series()),
                gauge("leakwatch_store_history_series", "Series keeping a history.", s.historySeries()),
                gauge("leakwatch_store_max_series", "The store's series limit (store.max_series).",
                        store.limits().maxSeries()));
    }

    static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }
}
