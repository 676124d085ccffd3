package dev.leakwatch.bench.store;

import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;

/** What the benchmarks ask of a series store, so that the agent's store and a Caffeine cache compete on equal terms. */
interface BenchStore {
    void set(MetricDescriptor metric, Labels labels, double value, long timeMillis);

    /** Reads every live series as a scrape would; returns how many. */
    int scrape();

    /** Periodic maintenance: the expiry sweep. */
    void maintain();

    long size();
}
