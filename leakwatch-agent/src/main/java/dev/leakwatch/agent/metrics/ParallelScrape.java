package dev.leakwatch.agent.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * A large scrape written by several threads: the request's thread reads the sources and makes
 * the batches (about a quarter of a scrape's CPU), render threads turn batches into text with the
 * official writer (the rest), and the request's thread sends the rendered batches in their order.
 * On two cores a scrape of 100,000 series then takes about half its CPU time instead of all of
 * it. At most {@link #IN_FLIGHT} batches are being rendered or wait to be sent (each about 150 KB
 * of text for 2,000 points, in buffers kept from scrape to scrape: {@link RenderBuffers}), so
 * memory stays at a few batches whatever the scrape's size, and little of it outlives a young
 * collection.
 */
final class ParallelScrape {
    static final int IN_FLIGHT = 3;
    /** Bytes to reserve per data point for a batch's text (most lines are 50-100 bytes). */
    private static final int BYTES_PER_POINT = 80;

    private final ExecutorService renderers;
    private final RenderBuffers buffers;
    private final ExpositionFormatWriter writer;
    private final EscapingScheme escaping;
    private final ConcatenatedExposition out;
    private final Deque<Future<ByteArrayOutputStream>> inFlight = new ArrayDeque<>();

    ParallelScrape(ExecutorService renderers, RenderBuffers buffers, ExpositionFormatWriter writer,
            EscapingScheme escaping, ConcatenatedExposition out) {
        this.renderers = renderers;
        this.buffers = buffers;
        this.writer = writer;
        this.escaping = escaping;
        this.out = out;
    }

    /**
     * Writes every family of {@code source}, in order.
     *
     * @return the data points written
     * @throws IOException when the response fails or a batch cannot be rendered: a scrape is never
     *     cut short silently
     */
    long run(FamilyStream source) throws IOException {
        ExpositionBatches batches = new ExpositionBatches(this::submit);
        try {
            source.forEachFamily(batches);
            batches.flush();
            while (!inFlight.isEmpty()) {
                sendOldest();
            }
        } catch (UncheckedIOException e) {
            cancelAll();
            throw e.getCause();
        } catch (RuntimeException | IOException e) {
            cancelAll();
            throw e;
        }
        return batches.points();
    }

    private void submit(List<MetricSnapshot> batch) {
        try {
            while (inFlight.size() >= IN_FLIGHT) {
                sendOldest();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the response failed: the registry lets it through
        }
        int points = batch.stream().mapToInt(f -> f.getDataPoints().size()).sum();
        Callable<ByteArrayOutputStream> render = () -> {
            ByteArrayOutputStream text = buffers.take(points * BYTES_PER_POINT);
            // MetricSnapshots sorts a batch by name; the registry has made names unique.
            writer.write(text, new MetricSnapshots(batch), escaping);
            return text;
        };
        Future<ByteArrayOutputStream> rendered;
        try {
            rendered = renderers.submit(render);
        } catch (RejectedExecutionException e) {
            // The server is stopping: render here rather than fail the scrape.
            FutureTask<ByteArrayOutputStream> here = new FutureTask<>(render);
            here.run();
            rendered = here;
        }
        inFlight.add(rendered);
    }

    private void sendOldest() throws IOException {
        Future<ByteArrayOutputStream> oldest = inFlight.removeFirst();
        ByteArrayOutputStream text;
        try {
            text = oldest.get();
        } catch (ExecutionException e) {
            throw new IOException("rendering the scrape failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("scrape interrupted");
        }
        text.writeTo(out);
        out.endOfCall();
        buffers.give(text);
    }

    private void cancelAll() {
        for (Future<ByteArrayOutputStream> f : inFlight) {
            f.cancel(false);
        }
        inFlight.clear();
    }
}
