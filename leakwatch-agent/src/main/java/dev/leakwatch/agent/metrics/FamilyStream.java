package dev.leakwatch.agent.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.function.Consumer;

/**
 * A metrics source that hands out its families one at a time, so that a scrape can write each
 * family and let it go before the next is built: a scrape of 100,000 series then never holds
 * all their snapshot objects at once (they outlived young collections and were promoted,
 * growing the old generation scrape after scrape).
 */
public interface FamilyStream {
    /** Passes every family to {@code sink}, one at a time. */
    void forEachFamily(Consumer<MetricSnapshot> sink);

    /**
     * The same families, those that can tell whether they changed since an earlier read as
     * {@link ReusableFamily}, so that a scrape can reuse what it rendered of them before. A source
     * without that ability gives every family as a snapshot.
     */
    default void forEachFamily(FamilySink sink) {
        forEachFamily((Consumer<MetricSnapshot>) sink);
    }

    /**
     * At least the reusable families, for a reader that wants nothing else (the rendering ahead,
     * which looks every 100 ms while a scrape is near): a source may skip building the rest.
     */
    default void forEachReusable(FamilySink sink) {
        forEachFamily(sink);
    }
}
