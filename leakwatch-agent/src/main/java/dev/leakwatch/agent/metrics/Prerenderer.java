package dev.leakwatch.agent.metrics;

import dev.leakwatch.agent.lifecycle.LeakwatchThreads;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
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
 * and none after a scrape without large families: an agent without them never wakes for it.
 * Only this thread keeps renderings; a scrape writes what is not kept as it renders it.
 * Series written inside the margin are rendered by the scrape itself, as without this.
 *
 * <p>Collectors write in bursts, and a burst may come after the rendering or overlap it, leaving
 * families changed again. So the rendering is repeated every {@link #RETRY_NANOS} for as long as
 * it can still finish before the scrape is due; each repetition renders only what changed since
 * (usually nothing: a walk of the families' change marks).
 *
 * <p>What changed too late for the rendering ahead, a scrape renders itself, and this thread helps
 * it ({@link #assist}): when a scrape begins after one that met large families, the thread renders
 * the changed ones from the back of the walk while the scrape writes from the front
 * ({@link RenderClaims}). On two cores a scrape that finds every family changed then takes about
 * half as long. The help costs a wake-up per scrape, and only agents with large families.
 */
final class Prerenderer {
    private static final Logger LOG = Logger.getLogger(Prerenderer.class.getName());
    static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    static final long MAX_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(10);
    static final long BASE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final FamilyStream source;
    private final RenderCache cache;
    private final boolean assistScrapes;
    private final LongAdder runs = new LongAdder();
    private final LongAdder assisted = new LongAdder();
    private ScheduledThreadPoolExecutor timer;
    private ScheduledFuture<?> pending;
    private long previousScrapeNanos;
    private RenderCache.Format format;
    /** When the next scrape is due, by the last interval. */
    private long expectedScrapeNanos;
    /** Counts scrapes: a rendering repeats only within the cycle it was planned for. */
    private long cycle;
    /** A maximum of the renderings' durations that decays by a tenth per rendering. */
    private volatile long recentRunNanos;
    /** Whether the last scrape met families large enough to keep. */
    private boolean lastScrapeLarge;
    /** Touched only by the rendering thread. */
    private boolean warned;

    Prerenderer(FamilyStream source, RenderCache cache) {
        this(source, cache, true);
    }

    /** @param assistScrapes whether this thread helps a scrape render what changed ({@link #assist}) */
    Prerenderer(FamilyStream source, RenderCache cache, boolean assistScrapes) {
        this.source = source;
        this.cache = cache;
        this.assistScrapes = assistScrapes;
    }

    synchronized void start() {
        timer = new ScheduledThreadPoolExecutor(1, LeakwatchThreads.factory("metrics-prerender"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * A scrape in {@code format} began at {@code startNanos} and is done: plans the next rendering,
     * if the scrape met families large enough to keep.
     */
    synchronized void scraped(RenderCache.Format format, long startNanos, boolean largeFamilies) {
        long previous = previousScrapeNanos;
        previousScrapeNanos = startNanos;
        this.format = format;
        lastScrapeLarge = largeFamilies;
        cycle++;
        if (timer == null || previous == 0 || !largeFamilies) {
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

    /**
     * A scrape in {@code format} begins: the claims it renders by, shared with this thread (which
     * then renders changed families from the back) if the last scrape met large families.
     */
    synchronized RenderClaims assist(RenderCache.Format format) {
        if (timer == null || !assistScrapes || !lastScrapeLarge) {
            return RenderClaims.scrapeOnly();
        }
        RenderClaims claims = RenderClaims.shared();
        try {
            timer.execute(() -> renderFromBack(format, claims));
        } catch (RejectedExecutionException e) {
            return RenderClaims.scrapeOnly(); // stopping
        }
        return claims;
    }

    /** Renders the changed large families, last first, until it meets one the scrape claimed. */
    void renderFromBack(RenderCache.Format f, RenderClaims claims) {
        try {
            List<ReusableFamily> changed = changedFamilies(f);
            try (SegmentRenderer renderer = cache.newRenderer()) {
                for (int i = changed.size() - 1; i >= 0; i--) {
                    ReusableFamily family = changed.get(i);
                    CountDownLatch done = claims.claimForOther(family.prometheusName());
                    if (done == null) {
                        break; // the scrape got here first: what is left is behind it
                    }
                    try {
                        cache.render(f, family, renderer);
                        assisted.increment();
                    } finally {
                        done.countDown();
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(warned ? Level.FINE : Level.WARNING, "helping a scrape render failed; the scrape renders it", e);
            warned = true;
        }
    }

    /**
     * The large families with no current rendering kept in this format, in the walk's order (read
     * later, their stamps only err towards rendering again: see {@link dev.leakwatch.agent.store.ReadStamp}).
     */
    private List<ReusableFamily> changedFamilies(RenderCache.Format f) {
        List<ReusableFamily> changed = new ArrayList<>();
        source.forEachReusable(new FamilySink() {
            @Override
            public void accept(MetricSnapshot family) {
                // small or plain families are rendered by the scrape
            }

            @Override
            public void reusable(ReusableFamily family) {
                if (family.size() >= RenderCache.MIN_POINTS && !cache.isCurrent(f, family)) {
                    changed.add(family);
                }
            }
        });
        return changed;
    }

    /** Renders every changed large family in the format of the last scrape. */
    void run() {
        RenderCache.Format f;
        long cycle;
        synchronized (this) {
            f = format;
            cycle = this.cycle;
        }
        long start = System.nanoTime();
        int rendered = 0;
        try (SegmentRenderer renderer = cache.newRenderer()) {
            for (ReusableFamily family : changedFamilies(f)) {
                cache.render(f, family, renderer);
                rendered++;
            }
        } catch (RuntimeException e) {
            // Once as a warning: a source that keeps failing would otherwise log every interval.
            LOG.log(warned ? Level.FINE : Level.WARNING, "rendering the next scrape ahead failed; the scrape renders it", e);
            warned = true;
        }
        long took = System.nanoTime() - start;
        if (rendered > 0) { // a walk that found nothing changed says nothing of a rendering's time
            recentRunNanos = Math.max(took, recentRunNanos - recentRunNanos / 10);
            runs.increment();
        }
        retryIfTimeLeft(cycle, Math.max(took, recentRunNanos));
    }

    /**
     * Renders again {@link #RETRY_NANOS} later, in the same scrape cycle, while that can still
     * finish before the scrape is due.
     */
    private synchronized void retryIfTimeLeft(long runCycle, long took) {
        if (timer != null && runCycle == cycle && System.nanoTime() + RETRY_NANOS + took < expectedScrapeNanos) {
            pending = timer.schedule(this::run, RETRY_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /** Renderings that found something to render, since start. */
    long runs() {
        return runs.sum();
    }

    /** Families rendered while helping a scrape, since start. */
    long assistedFamilies() {
        return assisted.sum();
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
