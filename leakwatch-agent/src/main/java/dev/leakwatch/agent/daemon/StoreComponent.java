package dev.leakwatch.agent.daemon;

import dev.leakwatch.agent.lifecycle.Component;
import dev.leakwatch.agent.lifecycle.PeriodicScheduler;
import dev.leakwatch.agent.lifecycle.TaskObserver;
import dev.leakwatch.agent.store.SeriesStore;
import java.time.Duration;

/** Owns the series store's periodic expiry sweep ({@code leakwatch-store}). */
final class StoreComponent implements Component {
    private final SeriesStore store;
    private final Duration sweepInterval;
    private final PeriodicScheduler scheduler;

    StoreComponent(SeriesStore store, Duration sweepInterval) {
        this.store = store;
        this.sweepInterval = sweepInterval;
        this.scheduler = new PeriodicScheduler("store", 1, TaskObserver.NONE);
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public void start() {
        scheduler.schedule("store_sweep", sweepInterval, sweepInterval, run -> store.sweep());
        scheduler.start();
    }

    @Override
    public void stop() throws InterruptedException {
        scheduler.stop();
    }
}
