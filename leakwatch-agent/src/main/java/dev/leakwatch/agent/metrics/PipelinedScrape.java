package dev.leakwatch.agent.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A large scrape in two stages on two threads: one builds the batches from the sources (reading
 * the store and making the client's snapshots, whose constructors sort and check every family),
 * the request's own thread writes them. Each stage is about half of a scrape's CPU, so on two
 * cores a scrape of 100,000 series takes about as long as the longer stage instead of both.
 * At most {@link #QUEUED} batches wait between the stages: memory stays at a few batches
 * whatever the scrape's size.
 */
final class PipelinedScrape {
    static final int QUEUED = 2;
    private static final List<MetricSnapshot> END = List.of();

    private PipelinedScrape() {}

    /**
     * Writes every family of {@code source} to {@code out}, built on {@code builder}.
     *
     * @return the data points written
     * @throws IOException when the response fails (the builder then stops too) or the building
     *     failed, so that a scrape is never cut short silently
     * @throws java.util.concurrent.RejectedExecutionException when the builder takes no more work
     */
    static long run(FamilyStream source, Executor builder, BatchWriter out) throws IOException {
        BlockingQueue<List<MetricSnapshot>> queue = new ArrayBlockingQueue<>(QUEUED);
        AtomicBoolean abandoned = new AtomicBoolean();
        CompletableFuture<Long> built = CompletableFuture.supplyAsync(() -> {
            ExpositionBatches batches = new ExpositionBatches(batch -> hand(queue, batch, abandoned));
            try {
                source.forEachFamily(batches);
                batches.flush();
                return batches.points();
            } finally {
                if (!abandoned.get()) {
                    hand(queue, END, abandoned);
                }
            }
        }, builder);
        try {
            for (List<MetricSnapshot> batch = queue.take(); batch != END; batch = queue.take()) {
                out.write(batch);
            }
        } catch (IOException | RuntimeException e) {
            abandoned.set(true);
            throw e;
        } catch (InterruptedException e) {
            abandoned.set(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("scrape interrupted");
        }
        try {
            return built.get();
        } catch (ExecutionException e) {
            throw new IOException("building the scrape failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("scrape interrupted");
        }
    }

    /** Queues a batch, giving up (and unwinding the sources) once the writer has gone. */
    private static void hand(BlockingQueue<List<MetricSnapshot>> queue, List<MetricSnapshot> batch,
            AtomicBoolean abandoned) {
        try {
            while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                if (abandoned.get()) {
                    // Unchecked I/O: the registry lets it through as the response's failure, not a source's.
                    throw new UncheckedIOException(new IOException("the scrape's response failed"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("scrape interrupted"));
        }
    }
}
