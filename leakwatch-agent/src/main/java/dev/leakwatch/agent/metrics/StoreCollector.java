package dev.leakwatch.agent.metrics;

import dev.leakwatch.agent.store.FamilySnapshot;
import dev.leakwatch.agent.store.MetricType;
import dev.leakwatch.agent.store.SeriesStore;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * Exposes the series store through the Prometheus client: one gauge or counter snapshot per
 * metric family, one data point per live series. Counter names lose their {@code _total}
 * (the client's model names the family without it and the writers add it back).
 */
public final class StoreCollector implements MultiCollector {
    private final SeriesStore store;

    public StoreCollector(SeriesStore store) {
        this.store = store;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        for (FamilySnapshot family : store.snapshot()) {
            out.add(toSnapshot(family));
        }
        return new MetricSnapshots(out);
    }

    static MetricSnapshot toSnapshot(FamilySnapshot family) {
        String name = family.descriptor().name();
        String help = family.descriptor().help();
        if (family.descriptor().type() == MetricType.COUNTER) {
            List<CounterSnapshot.CounterDataPointSnapshot> points = new ArrayList<>(family.points().size());
            for (FamilySnapshot.Point p : family.points()) {
                points.add(new CounterSnapshot.CounterDataPointSnapshot(p.value(), labels(p), null, 0));
            }
            return new CounterSnapshot(new MetricMetadata(name.substring(0, name.length() - "_total".length()), help),
                    points);
        }
        List<GaugeSnapshot.GaugeDataPointSnapshot> points = new ArrayList<>(family.points().size());
        for (FamilySnapshot.Point p : family.points()) {
            points.add(new GaugeSnapshot.GaugeDataPointSnapshot(p.value(), labels(p), null));
        }
        return new GaugeSnapshot(new MetricMetadata(name, help), points);
    }

    private static Labels labels(FamilySnapshot.Point p) {
        dev.leakwatch.agent.store.Labels l = p.labels();
        return l.size() == 0 ? Labels.EMPTY : Labels.of(l.names(), l.values());
    }
}
