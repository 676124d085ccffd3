package dev.leakwatch.bench.store;

import dev.leakwatch.agent.store.FamilySnapshot;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreLimits;
import dev.leakwatch.agent.store.Ticker;

/** The agent's purpose-built store. */
final class LeakwatchBenchStore implements BenchStore {
    private final SeriesStore store;

    LeakwatchBenchStore(StoreLimits limits, Ticker ticker) {
        this.store = new SeriesStore(limits, ticker);
    }

    @Override
    public void set(MetricDescriptor metric, Labels labels, double value, long timeMillis) {
        store.set(metric, labels, value, timeMillis);
    }

    @Override
    public int scrape() {
        int n = 0;
        for (FamilySnapshot f : store.snapshot()) {
            n += f.points().size();
        }
        return n;
    }

    @Override
    public void maintain() {
        store.sweep();
    }

    @Override
    public long size() {
        return store.size();
    }

    SeriesStore store() {
        return store;
    }
}
