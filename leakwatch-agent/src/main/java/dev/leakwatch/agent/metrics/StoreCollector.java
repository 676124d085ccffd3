package dev.leakwatch.agent.metrics;

import dev.leakwatch.agent.store.FamilySnapshot;
import dev.leakwatch.agent.store.FamilyView;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.ReadStamp;
import dev.leakwatch.agent.store.MetricType;
import dev.leakwatch.agent.store.SeriesStore;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.List;

/**
 * Exposes the series store through the Prometheus client: one gauge or counter snapshot per
 * metric family, one data point per live series. Counter names lose their {@code _total}
 * (the client's model names the family without it and the writers add it back). Points come
 * from the store in the client's label order, with labels in the client's form, so building a
 * snapshot of 100,000 series neither sorts nor validates label names again.
 */
public final class StoreCollector implements MultiCollector, FamilyStream {
    private static final Logger LOG = Logger.getLogger(StoreCollector.class.getName());

    private final SeriesStore store;
    private final Set<String> clashes = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedNames = ConcurrentHashMap.newKeySet();
    private volatile int unexported;

    public StoreCollector(SeriesStore store) {
        this.store = store;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        forEachFamily(out::add);
        return new MetricSnapshots(out);
    }

    /** Families one at a time, each read and converted as it comes. */
    @Override
    public void forEachFamily(Consumer<MetricSnapshot> sink) {
        forEachFamily(FamilySink.building(sink));
    }

    /**
     * Families one at a time, gauges and counters as {@link ReusableFamily}, read only if the
     * sink asks. The halves of summaries (few families) are read as they come and joined at the
     * end. Sets {@link #unexportedFamilies()}: a scrape reads every family.
     */
    @Override
    public void forEachFamily(FamilySink sink) {
        unexported = walk(sink, true);
    }

    /**
     * Gauges and counters only, as {@link ReusableFamily}: the rendering ahead reads just the
     * large ones, so its walks neither build the summaries nor touch the count of refused
     * families (it would miss the refusals met only when a family is read).
     */
    @Override
    public void forEachReusable(FamilySink sink) {
        walk(sink, false);
    }

    /** @return the families refused, by name or, among those the sink read, by content */
    private int walk(FamilySink sink, boolean summaries) {
        Set<String> names = new HashSet<>();
        Map<String, FamilySnapshot> counts = new HashMap<>();
        Map<String, FamilySnapshot> sums = new HashMap<>();
        int[] refused = {0};
        store.forEachFamilyView(view -> {
            MetricDescriptor d = view.descriptor();
            switch (d.type()) {
                case SUMMARY_COUNT -> {
                    if (summaries) {
                        putIfLive(counts, d.baseName(), view.read().snapshot());
                    }
                }
                case SUMMARY_SUM -> {
                    if (summaries) {
                        putIfLive(sums, d.baseName(), view.read().snapshot());
                    }
                }
                default -> {
                    MetricMetadata metadata = metadata(d);
                    if (metadata == null) {
                        refused[0]++;
                    } else if (unique(names, metadata.getPrometheusName())) {
                        sink.reusable(new StoreFamily(view, metadata, refused));
                    }
                }
            }
        });
        for (Map.Entry<String, FamilySnapshot> count : counts.entrySet()) {
            FamilySnapshot sum = sums.get(count.getKey());
            if (sum != null) {
                refused[0] += addConverted(sink, names, count.getKey(),
                        () -> toSummary(count.getKey(), count.getValue(), sum));
            }
        }
        return refused[0];
    }

    private static void putIfLive(Map<String, FamilySnapshot> halves, String name, FamilySnapshot half) {
        if (half != null) {
            halves.put(name, half);
        }
    }

    /** How a gauge or counter is exposed (made once per family and walk); null (logged once) when the client refuses its name. */
    private MetricMetadata metadata(MetricDescriptor d) {
        try {
            return new MetricMetadata(clientName(d), d.help());
        } catch (IllegalArgumentException e) {
            logRefused(d.name(), e);
            return null;
        }
    }

    /** Counter names lose their {@code _total}: the client's model names the family without it. */
    private static String clientName(MetricDescriptor d) {
        String name = d.name();
        return d.type() == MetricType.COUNTER ? name.substring(0, name.length() - "_total".length()) : name;
    }

    /** A store family as the exposition reads it: converted to the client's snapshot when read. */
    private final class StoreFamily implements ReusableFamily {
        private final FamilyView view;
        private final MetricMetadata metadata;
        private final int[] refused;

        StoreFamily(FamilyView view, MetricMetadata metadata, int[] refused) {
            this.view = view;
            this.metadata = metadata;
            this.refused = refused;
        }

        @Override
        public String prometheusName() {
            return metadata.getPrometheusName();
        }

        @Override
        public int size() {
            return view.size();
        }

        @Override
        public boolean unchangedSince(ReadStamp stamp) {
            return view.unchangedSince(stamp);
        }

        @Override
        public Read read() {
            SeriesStore.StampedRead read = view.read();
            if (read.snapshot() == null) {
                return null;
            }
            try {
                return new Read(toSnapshot(read.snapshot(), metadata), read.stamp());
            } catch (IllegalArgumentException e) {
                logRefused(view.descriptor().name(), e);
                refused[0]++;
                return null;
            }
        }
    }

    /** Metric families the last scrape left out because the exposition refuses their name. */
    public int unexportedFamilies() {
        return unexported;
    }

    /**
     * The client's model refuses some names that the store accepts (a counter {@code x_created_total}
     * becomes {@code x_created}, a suffix OpenMetrics reserves; likewise {@code _bucket}, {@code _info}).
     * Such a family is left out and logged once; the rest of the scrape goes on without it.
     *
     * @return 1 if the family was refused, else 0
     */
    private int addConverted(Consumer<MetricSnapshot> out, Set<String> names, String name,
            Supplier<MetricSnapshot> conversion) {
        MetricSnapshot snapshot;
        try {
            snapshot = conversion.get();
        } catch (IllegalArgumentException e) {
            logRefused(name, e);
            return 1;
        }
        if (unique(names, snapshot.getMetadata().getPrometheusName())) {
            out.accept(snapshot);
        }
        return 0;
    }

    private void logRefused(String name, IllegalArgumentException e) {
        if (refusedNames.size() < 100 && refusedNames.add(name)) {
            LOG.warning(() -> "metric " + name + " is left out of /metrics: " + e.getMessage());
        }
    }

    /**
     * Two families can share a Prometheus name (a gauge {@code x} and a counter {@code x_total});
     * the client refuses the whole scrape then, so the second is left out (and logged once).
     */
    private boolean unique(Set<String> names, String name) {
        if (names.add(name)) {
            return true;
        }
        if (clashes.size() < 100 && clashes.add(name)) {
            LOG.warning(() -> "two metrics are exported as " + name + "; only the first is shown");
        }
        return false;
    }

    /** Joins the two halves of a summary by labels; a label set without both halves is left out. */
    static SummarySnapshot toSummary(String name, FamilySnapshot count, FamilySnapshot sum) {
        Map<dev.leakwatch.agent.store.Labels, Double> sums = new HashMap<>();
        for (FamilySnapshot.Point p : sum.points()) {
            sums.put(p.labels(), p.value());
        }
        List<SummarySnapshot.SummaryDataPointSnapshot> points = new ArrayList<>(count.points().size());
        for (FamilySnapshot.Point p : count.points()) {
            Double s = sums.get(p.labels());
            if (s != null) {
                points.add(new SummarySnapshot.SummaryDataPointSnapshot((long) p.value(), s, Quantiles.EMPTY,
                        labels(p), Exemplars.EMPTY, 0));
            }
        }
        return new SummarySnapshot(new MetricMetadata(name, count.descriptor().help()), points);
    }

    /** The client's snapshot of a gauge or counter family, exposed as {@code metadata} says. */
    static MetricSnapshot toSnapshot(FamilySnapshot family, MetricMetadata metadata) {
        if (family.descriptor().type() == MetricType.COUNTER) {
            List<CounterSnapshot.CounterDataPointSnapshot> points = new ArrayList<>(family.points().size());
            for (FamilySnapshot.Point p : family.points()) {
                points.add(new CounterSnapshot.CounterDataPointSnapshot(p.value(), labels(p), null, 0));
            }
            return new CounterSnapshot(metadata, points);
        }
        List<GaugeSnapshot.GaugeDataPointSnapshot> points = new ArrayList<>(family.points().size());
        for (FamilySnapshot.Point p : family.points()) {
            points.add(new GaugeSnapshot.GaugeDataPointSnapshot(p.value(), labels(p), null));
        }
        return new GaugeSnapshot(metadata, points);
    }

    /** The client form the store's labels keep (building it per scrape cost more than writing the text). */
    private static Labels labels(FamilySnapshot.Point p) {
        return p.labels().prometheusLabels();
    }
}
