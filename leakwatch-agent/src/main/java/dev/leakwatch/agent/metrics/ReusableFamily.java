package dev.leakwatch.agent.metrics;

import dev.leakwatch.agent.store.ReadStamp;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * A family that can say whether it changed since an earlier read, so that a scrape can serve
 * what it rendered of it then (see {@link RenderCache}).
 */
public interface ReusableFamily {
    /** The name the family is exposed under (unique within a scrape). */
    String prometheusName();

    /** Series held, a hint of the rendering's size. */
    int size();

    /** True if a read that gave {@code stamp} still holds. */
    boolean unchangedSince(ReadStamp stamp);

    /** Reads the family; null when it has no live points or the exposition refuses it. */
    Read read();

    /** A read: the family's snapshot and the stamp that tells later whether it still holds. */
    record Read(MetricSnapshot snapshot, ReadStamp stamp) {}
}
