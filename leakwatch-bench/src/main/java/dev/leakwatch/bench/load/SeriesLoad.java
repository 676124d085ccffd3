package dev.leakwatch.bench.load;

import dev.leakwatch.agent.lifecycle.Component;
import dev.leakwatch.agent.lifecycle.LeakwatchThreads;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.WriteResult;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An agent component standing in for an ingest source: every interval it writes {@code perRun}
 * series of a {@link SyntheticSeries} population into the store. Run {@code r} writes the ids
 * {@code r * perRun ... r * perRun + perRun - 1}, modulo the pool: with pool = perRun the same
 * series are updated every run (steady active series); with a larger pool each run offers
 * series the store has not seen, so old ones go stale and expire (churn).
 */
final class SeriesLoad implements Component {
    private static final Logger LOG = Logger.getLogger(SeriesLoad.class.getName());

    private final SeriesStore store;
    private final SyntheticSeries population;
    private final int perRun;
    private final Duration interval;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private ScheduledExecutorService timer;

    SeriesLoad(SeriesStore store, SyntheticSeries population, int perRun, Duration interval) {
        if (perRun < 1) {
            throw new IllegalArgumentException("series per run must be at least 1, got " + perRun);
        }
        this.store = store;
        this.population = population;
        this.perRun = perRun;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "synthetic-load";
    }

    @Override
    public void start() {
        timer = new ScheduledThreadPoolExecutor(1, LeakwatchThreads.factory("synthetic-load"));
        timer.scheduleAtFixedRate(this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One run: writes the run's series; returns how many the store took (stored or folded). */
    long runOnce() {
        long run = runs.getAndIncrement();
        int pool = population.pool();
        long first = run * perRun;
        long now = System.currentTimeMillis();
        long taken = 0;
        for (int i = 0; i < perRun; i++) {
            int id = (int) ((first + i) % pool);
            if (store.set(population.metric(id), population.labels(id), population.value(id, run), now) != WriteResult.REFUSED) {
                taken++;
            }
        }
        written.addAndGet(perRun);
        return taken;
    }

    long runs() {
        return runs.get();
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "synthetic load run failed", e);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
        LOG.info(() -> "synthetic load: " + runs.get() + " runs, " + written.get() + " writes");
    }
}
