package dev.leakwatch.core.fd;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * One fd listing of a process, reduced to the number of descriptors per group.
 *
 * @param timeMillis epoch milliseconds of the listing
 * @param counts     descriptors per group; groups with no descriptor are absent
 */
public record FdSample(long timeMillis, Map<FdGroup, Integer> counts) {

    public FdSample {
        counts = Map.copyOf(counts);
    }

    /** Classifies a listing; {@code sockets} must describe the process's sockets at the time of the listing. */
    public static FdSample of(long timeMillis, Collection<FdTarget> fds, SocketResolver sockets) {
        Map<FdGroup, Integer> counts = new HashMap<>();
        for (FdTarget fd : fds) {
            counts.merge(FdClassifier.classify(fd.link(), sockets), 1, Integer::sum);
        }
        return new FdSample(timeMillis, counts);
    }

    /** Descriptors in the listing. */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
