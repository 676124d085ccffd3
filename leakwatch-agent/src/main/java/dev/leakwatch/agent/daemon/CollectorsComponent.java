package dev.leakwatch.agent.daemon;

import dev.leakwatch.agent.collect.CollectorMetrics;
import dev.leakwatch.agent.collect.CollectorRunner;
import dev.leakwatch.agent.collect.CollectorSpec;
import dev.leakwatch.agent.lifecycle.Component;
import dev.leakwatch.agent.store.SeriesStore;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The running collectors, replaceable as a whole on reload: the new set is built first, then
 * the old runner stops and the new one starts. Stopping waits for runs in progress, so two
 * runs of one collector never overlap across a reload either.
 */
final class CollectorsComponent implements Component {
    private static final Logger LOG = Logger.getLogger(CollectorsComponent.class.getName());
    static final int WORKERS = 2;

    private final SeriesStore store;
    private final CollectorMetrics metrics;
    private CollectorRunner current;
    private List<CollectorSpec> currentSpecs;
    private boolean started;

    CollectorsComponent(SeriesStore store, CollectorMetrics metrics, List<CollectorSpec> specs) {
        this.store = store;
        this.metrics = metrics;
        this.current = new CollectorRunner(store, metrics, specs, WORKERS);
        this.currentSpecs = List.copyOf(specs);
    }

    @Override
    public String name() {
        return "collectors";
    }

    @Override
    public synchronized void start() {
        current.start();
        started = true;
    }

    @Override
    public void stop() throws InterruptedException {
        CollectorRunner runner;
        synchronized (this) {
            started = false;
            runner = current;
        }
        runner.stop();
    }

    /** Swaps in a new set of collectors. */
    synchronized void replace(List<CollectorSpec> specs) throws InterruptedException {
        CollectorRunner next = new CollectorRunner(store, metrics, specs, WORKERS);
        if (!started) {
            current = next;
            currentSpecs = List.copyOf(specs);
            return;
        }
        current.stop();
        try {
            next.start();
            current = next;
            currentSpecs = List.copyOf(specs);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot start the new collectors; restarting the previous ones", e);
            next.stop();
            current = new CollectorRunner(store, metrics, currentSpecs, WORKERS);
            current.start();
            throw e;
        }
    }

    synchronized boolean initialCollectionDone() {
        return current.initialCollectionDone();
    }

    synchronized List<String> collectorNames() {
        return current.collectorNames();
    }
}
