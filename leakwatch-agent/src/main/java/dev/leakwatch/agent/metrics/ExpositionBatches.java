package dev.leakwatch.agent.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the families of a scrape as they come, through the official writer, a batch of at
 * least {@link #BATCH_POINTS} data points per call (or one family, when it is larger). A host's
 * few hundred series go in one call, exactly as one writer call would write them; 100,000 series
 * in 100 families go in about 50, and each batch's snapshot objects are garbage as soon as it
 * is written, inside one young collection.
 */
final class ExpositionBatches implements Consumer<MetricSnapshot> {
    static final int BATCH_POINTS = 2_000;

    private final ExpositionFormatWriter writer;
    private final EscapingScheme escaping;
    private final ConcatenatedExposition out;
    private final List<MetricSnapshot> batch = new ArrayList<>();
    private int points;

    ExpositionBatches(ExpositionFormatWriter writer, EscapingScheme escaping, OutputStream target) {
        this.writer = writer;
        this.escaping = escaping;
        this.out = writer instanceof OpenMetricsTextFormatWriter
                ? ConcatenatedExposition.withTrailer(target, ConcatenatedExposition.OPENMETRICS_TRAILER)
                : ConcatenatedExposition.plain(target);
    }

    /** @throws UncheckedIOException when the response cannot be written (the scraper went away) */
    @Override
    public void accept(MetricSnapshot family) {
        batch.add(family);
        points += family.getDataPoints().size();
        if (points >= BATCH_POINTS) {
            try {
                writeBatch();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Writes what is left and ends the document. */
    void finish() throws IOException {
        writeBatch();
        out.finish();
    }

    private void writeBatch() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        // MetricSnapshots sorts a batch by name; the registry has made names unique.
        writer.write(out, new MetricSnapshots(batch), escaping);
        out.endOfCall();
        batch.clear();
        points = 0;
    }
}
