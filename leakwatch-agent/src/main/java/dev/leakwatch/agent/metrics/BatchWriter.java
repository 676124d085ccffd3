package dev.leakwatch.agent.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Writes batches of families with the official writer, one call each, as one document. */
final class BatchWriter {
    private final ExpositionFormatWriter writer;
    private final EscapingScheme escaping;
    private final ConcatenatedExposition out;

    BatchWriter(ExpositionFormatWriter writer, EscapingScheme escaping, OutputStream target) {
        this.writer = writer;
        this.escaping = escaping;
        this.out = writer instanceof OpenMetricsTextFormatWriter
                ? ConcatenatedExposition.withTrailer(target, ConcatenatedExposition.OPENMETRICS_TRAILER)
                : ConcatenatedExposition.plain(target);
    }

    void write(List<MetricSnapshot> batch) throws IOException {
        // MetricSnapshots sorts a batch by name; the registry has made names unique.
        writer.write(out, new MetricSnapshots(batch), escaping);
        out.endOfCall();
    }

    /** Ends the document. */
    void finish() throws IOException {
        out.finish();
    }
}
