package dev.leakwatch.agent.findings;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The findings store's durability, bound and what it forgot or failed: {@code leakwatch_findings_*}. One
 * collector per open store, registered while it is open, so that a store reopened on the same
 * registry (a restart in tests) does not clash with its predecessor.
 */
final class FindingsMetrics implements MultiCollector {

    /** What the store was doing when something failed: the {@code operation} label. */
    enum Operation {
        OPEN("open"),
        SAVE("save"),
        READ("read"),
        /** A stored row whose diagnosis could not be decoded; the row is skipped. */
        DECODE("decode");

        private final String label;

        Operation(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private final int maxEntries;
    private final boolean durable;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final Map<Operation, AtomicLong> errors = new EnumMap<>(Operation.class);

    /** @param durable whether the store keeps its entries across a restart ({@code leakwatch_findings_durable}) */
    FindingsMetrics(int maxEntries, boolean durable) {
        this.maxEntries = maxEntries;
        this.durable = durable;
        for (Operation op : Operation.values()) {
            errors.put(op, new AtomicLong());
        }
    }

    void stored(long entries) {
        stored.set(entries);
    }

    void evicted(long entries) {
        evicted.addAndGet(entries);
    }

    void error(Operation operation) {
        errors.get(operation).incrementAndGet();
    }

    void reset() {
        resets.incrementAndGet();
    }

    long storedValue() {
        return stored.get();
    }

    long evictedValue() {
        return evicted.get();
    }

    long errorValue(Operation operation) {
        return errors.get(operation).get();
    }

    long resetValue() {
        return resets.get();
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of("leakwatch_findings_durable", "leakwatch_findings_stored", "leakwatch_findings_max_entries", "leakwatch_findings_evicted",
                "leakwatch_findings_errors", "leakwatch_findings_database_resets");
    }

    @Override
    public MetricSnapshots collect() {
        List<CounterSnapshot.CounterDataPointSnapshot> byOperation = new ArrayList<>();
        for (Operation op : Operation.values()) {
            byOperation.add(new CounterSnapshot.CounterDataPointSnapshot(errors.get(op).get(),
                    Labels.of("operation", op.label()), null, 0));
        }
        return MetricSnapshots.of(
                gauge("leakwatch_findings_durable", "1 if findings are kept on disk and survive a restart, 0 if they"
                        + " are kept in memory only (the durable store could not be opened; the log says why).",
                        durable ? 1 : 0),
                gauge("leakwatch_findings_stored", "Processes the findings store holds an entry for.", stored.get()),
                gauge("leakwatch_findings_max_entries", "The findings store's cap on entries.", maxEntries),
                counter("leakwatch_findings_evicted",
                        "Entries the findings store forgot, least recently updated first, to stay within its cap.",
                        evicted.get()),
                new CounterSnapshot(new MetricMetadata("leakwatch_findings_errors",
                        "Findings store failures by operation (open, save, read, decode: a stored row that could not"
                                + " be decoded and was skipped)."), byOperation),
                counter("leakwatch_findings_database_resets",
                        "Times an unusable findings.db was moved aside and a fresh one started.", resets.get()));
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }
}
