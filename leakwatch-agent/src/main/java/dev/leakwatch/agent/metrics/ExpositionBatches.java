package dev.leakwatch.agent.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups the families of a scrape, as they come, into batches of at least {@link #BATCH_POINTS}
 * data points (or one family, when it is larger), each written by one call of the official
 * writer ({@link BatchWriter}). A host's few hundred series make one batch, written exactly as
 * one writer call would write them; 100,000 series in 100 families make about 50, and each
 * batch's snapshot objects are garbage as soon as it is written, inside one young collection.
 */
final class ExpositionBatches implements Consumer<MetricSnapshot> {
    static final int BATCH_POINTS = 2_000;

    private final Consumer<List<MetricSnapshot>> next;
    private List<MetricSnapshot> batch = new ArrayList<>();
    private int points;
    private long total;

    /** @param next takes each full batch (a list it may keep) */
    ExpositionBatches(Consumer<List<MetricSnapshot>> next) {
        this.next = next;
    }

    @Override
    public void accept(MetricSnapshot family) {
        batch.add(family);
        int n = family.getDataPoints().size();
        points += n;
        total += n;
        if (points >= BATCH_POINTS) {
            flush();
        }
    }

    /** Hands over the last, partial batch. */
    void flush() {
        if (!batch.isEmpty()) {
            List<MetricSnapshot> full = batch;
            batch = new ArrayList<>();
            points = 0;
            next.accept(full);
        }
    }

    /** Data points seen so far. */
    long points() {
        return total;
    }
}
