package dev.leakwatch.core.trend;

import dev.leakwatch.core.series.Sample;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The floor a resource never goes below: the minimum reading in each time bucket.
 *
 * <p>Why: heap read after a GC still carries whatever garbage that GC did not reclaim, caches
 * fill and clear, fds open and close with each request. None of that is a leak; what leaks is
 * what stays, and what stays is visible at the bottom. Taking the per-bucket minimum turns a
 * saw-tooth into a flat line while a leak lifts every minimum. A bucket should span at least one
 * full cycle of the benign pattern (for example one cache expiry period).
 *
 * <p>Buckets start at the earliest reading's time; each yields one sample at the time of its
 * minimum (the earliest such reading on a tie). Empty buckets yield nothing; readings whose value
 * is not finite are ignored.
 */
public final class LowerEnvelope {

    private LowerEnvelope() {}

    /**
     * The per-bucket minima of {@code readings} (any order), in time order.
     *
     * @throws IllegalArgumentException if {@code bucketMillis} is not positive
     */
    public static List<Sample> of(List<Sample> readings, long bucketMillis) {
        Objects.requireNonNull(readings, "readings");
        if (bucketMillis <= 0) {
            throw new IllegalArgumentException("bucketMillis must be positive, was " + bucketMillis);
        }
        long origin = Long.MAX_VALUE;
        for (Sample r : readings) {
            origin = Math.min(origin, r.timeMillis());
        }
        Map<Long, Sample> minima = new TreeMap<>();
        for (Sample r : readings) {
            if (!Double.isFinite(r.value())) {
                continue;
            }
            long bucket = Math.floorDiv(r.timeMillis() - origin, bucketMillis);
            minima.merge(bucket, r, LowerEnvelope::lower);
        }
        return List.copyOf(minima.values());
    }

    private static Sample lower(Sample a, Sample b) {
        if (a.value() != b.value()) {
            return a.value() < b.value() ? a : b;
        }
        return a.timeMillis() <= b.timeMillis() ? a : b;
    }
}
