package dev.leakwatch.agent.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Renders one family with the official writer into a {@link Segment}: the text (without
 * OpenMetrics' {@code # EOF}, which only the document's end carries) compressed at
 * {@link Deflater#BEST_SPEED} by a fresh raw deflater and ended with a full flush. A full flush
 * ends on a byte boundary and forgets the history, so the segment neither depends on what
 * precedes it nor is depended on by what follows: segments and other deflate output can be
 * concatenated into one stream (as {@code pigz} joins the pieces it compresses in parallel).
 * Not thread-safe; {@link #close()} frees the deflater's native memory.
 */
final class SegmentRenderer implements AutoCloseable {
    private final SegmentPool pool;
    /** Made at the first rendering: a walk that renders nothing allocates no native memory. */
    private Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final Bytes compressed = new Bytes(8 * 1024);
    private final byte[] buffer = new byte[8 * 1024];
    private long length;

    SegmentRenderer(SegmentPool pool) {
        this.pool = pool;
    }

    /** A new segment (one reference, the caller's). */
    Segment render(ExpositionFormatWriter writer, EscapingScheme escaping, MetricSnapshot family) {
        if (deflater == null) {
            deflater = new Deflater(Deflater.BEST_SPEED, true);
        }
        deflater.reset();
        crc.reset();
        compressed.reset();
        length = 0;
        OutputStream text = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                crc.update(b, off, len);
                length += len;
                deflater.setInput(b, off, len);
                while (!deflater.needsInput()) {
                    drain(Deflater.NO_FLUSH);
                }
            }
        };
        ConcatenatedExposition document = writer instanceof OpenMetricsTextFormatWriter
                ? ConcatenatedExposition.withTrailer(text, ConcatenatedExposition.OPENMETRICS_TRAILER)
                : ConcatenatedExposition.plain(text);
        try {
            writer.write(document, MetricSnapshots.of(family), escaping);
            document.endOfCall();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writes to memory do not fail
        }
        // Full flush until the deflater has nothing left (a full buffer may hide more).
        while (drain(Deflater.FULL_FLUSH) == buffer.length) {
            // keep draining
        }
        byte[] data = pool.take(compressed.size());
        compressed.copyTo(data);
        return new Segment(data, compressed.size(), crc.getValue(), length, pool);
    }

    private int drain(int flush) {
        int n = deflater.deflate(buffer, 0, buffer.length, flush);
        compressed.write(buffer, 0, n);
        return n;
    }

    @Override
    public void close() {
        if (deflater != null) {
            deflater.end();
        }
    }

    /** A growing buffer that copies into a given array, without the copy {@code toByteArray} makes. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes(int size) {
            super(size);
        }

        void copyTo(byte[] target) {
            System.arraycopy(buf, 0, target, 0, count);
        }
    }
}
