package dev.leakwatch.agent.collect;

import dev.leakwatch.agent.lifecycle.Component;
import dev.leakwatch.agent.lifecycle.PeriodicScheduler;
import dev.leakwatch.agent.lifecycle.TaskObserver;
import dev.leakwatch.agent.store.SeriesStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a set of collectors on their schedules, each into the series store, and reports each
 * run in {@link CollectorMetrics}. A failing collector is logged once until it recovers, so a
 * broken source does not flood the log every interval.
 */
public final class CollectorRunner implements Component {
    private static final Logger LOG = Logger.getLogger(CollectorRunner.class.getName());

    private final SeriesStore store;
    private final CollectorMetrics metrics;
    private final List<CollectorSpec> specs;
    private final PeriodicScheduler scheduler;
    private final Set<String> completedOnce = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Integer> lastWritten = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    /**
     * @param workers how many collectors may run at the same moment
     */
    public CollectorRunner(SeriesStore store, CollectorMetrics metrics, List<CollectorSpec> specs, int workers) {
        this.store = store;
        this.metrics = metrics;
        this.specs = List.copyOf(specs);
        this.scheduler = new PeriodicScheduler("collect", workers, new Observer());
        long distinct = specs.stream().map(CollectorSpec::name).distinct().count();
        if (distinct != specs.size()) {
            throw new IllegalArgumentException("collector names must be unique: " + specs.stream()
                    .map(CollectorSpec::name).toList());
        }
    }

    @Override
    public String name() {
        return "collectors";
    }

    @Override
    public void start() {
        for (CollectorSpec spec : specs) {
            metrics.skipped.labelValues(spec.name()).inc(0);
            metrics.timeouts.labelValues(spec.name()).inc(0);
            scheduler.schedule(spec.name(), spec.interval(), spec.timeout(), run -> {
                StoreSink sink = new StoreSink(store, run);
                try {
                    spec.collector().collect(sink);
                } finally {
                    lastWritten.put(spec.name(), sink.written());
                }
            });
        }
        scheduler.start();
        LOG.info(() -> "collectors: " + String.join(", ", specs.stream().map(CollectorSpec::name).toList()));
    }

    @Override
    public void stop() throws InterruptedException {
        scheduler.stop();
    }

    /** True once every collector has finished (or timed out) at least one run. */
    public boolean initialCollectionDone() {
        return completedOnce.size() >= specs.size();
    }

    /** The collectors' names, in registration order. */
    public List<String> collectorNames() {
        return specs.stream().map(CollectorSpec::name).toList();
    }

    private final class Observer implements TaskObserver {
        @Override
        public void skipped(String task) {
            metrics.skipped.labelValues(task).inc();
        }

        @Override
        public void finished(String task, long durationNanos, Throwable failure) {
            metrics.duration.labelValues(task).set(durationNanos / 1e9);
            metrics.success.labelValues(task).set(failure == null ? 1 : 0);
            metrics.series.labelValues(task).set(lastWritten.getOrDefault(task, 0));
            completedOnce.add(task);
            if (failure == null) {
                if (failing.remove(task)) {
                    LOG.info(() -> "collector " + task + " recovered");
                }
            } else if (failing.add(task)) {
                LOG.log(Level.WARNING, "collector " + task + " failed (logged once until it recovers): " + failure,
                        failure);
            }
        }

        @Override
        public void timedOut(String task, long durationNanos) {
            metrics.duration.labelValues(task).set(durationNanos / 1e9);
            metrics.success.labelValues(task).set(0);
            metrics.timeouts.labelValues(task).inc();
            completedOnce.add(task);
            if (failing.add(task)) {
                LOG.warning(() -> "collector " + task + " timed out after "
                        + TimeUnit.NANOSECONDS.toMillis(durationNanos) + " ms (logged once until it recovers)");
            }
        }
    }
}
