package dev.leakwatch.agent.metrics;

import dev.leakwatch.agent.lifecycle.LeakwatchThreads;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders the changed large families into the {@link RenderCache} shortly before the next scrape
 * is due, so that the scrape finds them current. Scrapers come at a steady interval (Prometheus'
 * {@code scrape_interval}); after each scrape one rendering is set for the same interval later,
 * less a margin of twice the recent renderings' duration plus 250 ms (at most a quarter of the
 * interval). "Recent" is a maximum that decays by a tenth per rendering: a margin set from the
 * last rendering alone alternated, as a rendering that overlapped its scrape took longer and
 * widened the next margin, which was then too narrow again the time after. At most one rendering per scrape, on one thread ({@code leakwatch-metrics-prerender}),
 * and none while the cache holds nothing: an agent without large families never wakes for it.
 * Series written inside the margin are rendered by the scrape itself, as without this.
 *
 * <p>Collectors write in bursts; a rendering that overlaps one leaves families it had already
 * rendered changed again. So after each rendering the large families are checked once more, and
 * while some changed meanwhile and there is still time before the scrape is due, the rendering
 * is repeated {@link #RETRY_NANOS} later (each repetition renders only what changed).
 */
final class Prerenderer {
    private static final Logger LOG = Logger.getLogger(Prerenderer.class.getName());
    static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long MAX_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(10);
    static final long BASE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final FamilyStream source;
    private final RenderCache cache;
    private final LongAdder runs = new LongAdder();
    private ScheduledThreadPoolExecutor timer;
    private ScheduledFuture<?> pending;
    private long previousScrapeNanos;
    private RenderCache.Format format;
    /** When the next scrape is due, by the last interval. */
    private long expectedScrapeNanos;
    /** A maximum of the renderings' durations that decays by a tenth per rendering. */
    private volatile long recentRunNanos;
    /** Touched only by the rendering thread. */
    private boolean warned;

    Prerenderer(FamilyStream source, RenderCache cache) {
        this.source = source;
        this.cache = cache;
    }

    synchronized void start() {
        timer = new ScheduledThreadPoolExecutor(1, LeakwatchThreads.factory("metrics-prerender"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** A scrape in {@code format} began at {@code startNanos} and is done: plans the next rendering. */
    synchronized void scraped(RenderCache.Format format, long startNanos) {
        long previous = previousScrapeNanos;
        previousScrapeNanos = startNanos;
        this.format = format;
        if (timer == null || previous == 0 || cache.isEmpty()) {
            return;
        }
        long interval = startNanos - previous;
        if (interval < MIN_INTERVAL_NANOS || interval > MAX_INTERVAL_NANOS) {
            return;
        }
        long margin = Math.min(interval / 4, 2 * recentRunNanos + BASE_MARGIN_NANOS);
        expectedScrapeNanos = startNanos + interval;
        long delay = expectedScrapeNanos - margin - System.nanoTime();
        if (pending != null) {
            pending.cancel(false);
        }
        if (delay > 0) {
            pending = timer.schedule(this::run, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** Renders every changed large family in the format of the last scrape. */
    void run() {
        RenderCache.Format f;
        synchronized (this) {
            f = format;
        }
        long start = System.nanoTime();
        try (SegmentRenderer renderer = cache.newRenderer()) {
            source.forEachFamily(new FamilySink() {
                @Override
                public void accept(MetricSnapshot family) {
                    // small or plain families are rendered by the scrape
                }

                @Override
                public void reusable(ReusableFamily family) {
                    if (family.size() >= RenderCache.MIN_POINTS) {
                        Segment segment = cache.segment(f, family, renderer);
                        if (segment != null) {
                            segment.release();
                        }
                    }
                }
            });
        } catch (RuntimeException e) {
            // Once as a warning: a source that keeps failing would otherwise log every interval.
            LOG.log(warned ? Level.FINE : Level.WARNING, "rendering the next scrape ahead failed; the scrape renders it", e);
            warned = true;
        }
        long took = System.nanoTime() - start;
        recentRunNanos = Math.max(took, recentRunNanos - recentRunNanos / 10);
        runs.increment();
        if (changedMeanwhile(f)) {
            retryIfTimeLeft(took);
        }
    }

    /** Whether a large family changed after this rendering read it. */
    private boolean changedMeanwhile(RenderCache.Format f) {
        boolean[] changed = {false};
        try {
            source.forEachFamily(new FamilySink() {
                @Override
                public void accept(MetricSnapshot family) {
                    // not kept
                }

                @Override
                public void reusable(ReusableFamily family) {
                    if (!changed[0] && family.size() >= RenderCache.MIN_POINTS && !cache.isCurrent(f, family)) {
                        changed[0] = true;
                    }
                }
            });
        } catch (RuntimeException e) {
            return false; // logged by the rendering
        }
        return changed[0];
    }

    private synchronized void retryIfTimeLeft(long took) {
        if (timer != null && System.nanoTime() + RETRY_NANOS + took < expectedScrapeNanos) {
            pending = timer.schedule(this::run, RETRY_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /** Renderings done since start. */
    long runs() {
        return runs.sum();
    }

    void stop() throws InterruptedException {
        ScheduledThreadPoolExecutor stopping;
        synchronized (this) {
            stopping = timer;
            timer = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            stopping.awaitTermination(5, TimeUnit.SECONDS);
        }
        cache.clear();
    }
}
