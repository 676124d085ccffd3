package dev.leakwatch.agent.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What {@code /metrics} shows: the agent's own metrics (a Prometheus client registry, whose
 * names are checked when registered) plus dynamic sources such as the series store. A dynamic
 * family whose name is already taken is left out (and logged once) instead of failing the
 * scrape, and a source that throws is skipped: one bad source never fails a scrape (a
 * streaming source that fails halfway keeps the families it already gave).
 */
public final class MetricsRegistry implements FamilyStream {
    private static final Logger LOG = Logger.getLogger(MetricsRegistry.class.getName());

    private final PrometheusRegistry agent = new PrometheusRegistry();
    private final List<MultiCollector> dynamic = new CopyOnWriteArrayList<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** The registry for the agent's own metrics (Counter/Gauge builders register here). */
    public PrometheusRegistry agentRegistry() {
        return agent;
    }

    /** Adds a source whose metric names are not known in advance. */
    public void addDynamic(MultiCollector source) {
        dynamic.add(source);
    }

    public void removeDynamic(MultiCollector source) {
        dynamic.remove(source);
    }

    /** Everything, deduplicated by Prometheus name; the agent's own metrics win a clash. */
    public MetricSnapshots scrape() {
        List<MetricSnapshot> out = new ArrayList<>();
        forEachFamily(out::add);
        return new MetricSnapshots(out);
    }

    /**
     * The same families as {@link #scrape()}, one at a time: the agent's own, then each dynamic
     * source's. A source that can stream ({@link FamilyStream}) builds each family only when it
     * is wanted.
     */
    @Override
    public void forEachFamily(Consumer<MetricSnapshot> sink) {
        forEachFamily(FamilySink.building(sink));
    }

    /** The same, with the reusable families of streaming sources passed on as such. */
    @Override
    public void forEachFamily(FamilySink sink) {
        Set<String> names = new HashSet<>();
        for (MetricSnapshot s : agent.scrape()) {
            names.add(s.getMetadata().getPrometheusName());
            sink.accept(s);
        }
        FamilySink unique = new FamilySink() {
            @Override
            public void accept(MetricSnapshot s) {
                if (isNew(names, s.getMetadata().getPrometheusName())) {
                    sink.accept(s);
                }
            }

            @Override
            public void reusable(ReusableFamily family) {
                if (isNew(names, family.prometheusName())) {
                    sink.reusable(family);
                }
            }
        };
        for (MultiCollector source : dynamic) {
            try {
                if (source instanceof FamilyStream stream) {
                    stream.forEachFamily(unique);
                } else {
                    source.collect().forEach(unique);
                }
            } catch (UncheckedIOException e) {
                throw e; // the response failed, not the source
            } catch (RuntimeException e) {
                logOnce("source " + source.getClass().getSimpleName(),
                        "a metrics source failed and was left out of the scrape: " + e, e);
            }
        }
    }

    /**
     * The streaming sources' families, without building the agent's own and without the check
     * for names taken twice: a family this renders that a scrape leaves out is simply not served.
     */
    @Override
    public void forEachReusable(FamilySink sink) {
        for (MultiCollector source : dynamic) {
            if (source instanceof FamilyStream stream) {
                try {
                    stream.forEachReusable(sink);
                } catch (RuntimeException e) {
                    logOnce("source " + source.getClass().getSimpleName(),
                            "a metrics source failed and was left out of the scrape: " + e, e);
                }
            }
        }
    }

    private boolean isNew(Set<String> names, String name) {
        if (names.add(name)) {
            return true;
        }
        logOnce(name, "metric " + name + " is defined twice; the second definition is not exported", null);
        return false;
    }

    private void logOnce(String key, String message, Throwable e) {
        if (reported.size() < 1_000 && reported.add(key)) {
            LOG.log(Level.WARNING, message, e);
        }
    }
}
