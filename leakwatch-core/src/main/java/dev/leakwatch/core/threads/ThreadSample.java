package dev.leakwatch.core.threads;

import java.util.Collection;
import java.util.Map;

/**
 * The threads of a process at one moment, reduced to the number of threads per group.
 *
 * @param timeMillis epoch milliseconds of the snapshot
 * @param groups     threads per group; empty groups are absent
 */
public record ThreadSample(long timeMillis, Map<ThreadStackGroup, Integer> groups) {

    public ThreadSample {
        groups = Map.copyOf(groups);
    }

    /** Groups a snapshot of threads with {@link ThreadGrouper}. */
    public static ThreadSample of(long timeMillis, Collection<ThreadSnapshot> threads) {
        return new ThreadSample(timeMillis, ThreadGrouper.group(threads));
    }

    /** Threads in the sample. */
    public int total() {
        return groups.values().stream().mapToInt(Integer::intValue).sum();
    }
}
