package dev.leakwatch.bench.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.SeriesKey;
import dev.leakwatch.agent.store.StoreLimits;
import dev.leakwatch.agent.store.Ticker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * The same job on Caffeine: one cache keyed by series, bounded by maximumSize and expiring after
 * write, maintenance on the calling thread (the agent would not add a thread for it). A scrape
 * groups entries by metric as the exposition needs. Semantics differ where it matters: at the
 * bound Caffeine evicts an existing series, where the agent's store refuses the new one.
 */
final class CaffeineBenchStore implements BenchStore {
    /** A series' latest value; replaced (not mutated) on write so that expireAfterWrite sees the write. */
    private record Cell(MetricDescriptor metric, double value, long timeMillis) {}

    private final Cache<SeriesKey, Cell> cache;

    CaffeineBenchStore(StoreLimits limits, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(limits.maxSeries())
                .expireAfterWrite(limits.ttl())
                .ticker(ticker::nanos)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public void set(MetricDescriptor metric, Labels labels, double value, long timeMillis) {
        cache.put(new SeriesKey(metric.name(), labels), new Cell(metric, value, timeMillis));
    }

    @Override
    public int scrape() {
        Map<String, List<Cell>> families = new HashMap<>();
        cache.asMap().forEach((k, c) -> families.computeIfAbsent(k.metric(), m -> new ArrayList<>()).add(c));
        int n = 0;
        for (List<Cell> cells : families.values()) {
            n += cells.size();
        }
        return n;
    }

    @Override
    public void maintain() {
        cache.cleanUp();
    }

    @Override
    public long size() {
        return cache.estimatedSize();
    }
}
