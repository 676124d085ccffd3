package dev.leakwatch.agent.metrics;

import dev.leakwatch.agent.store.ReadStamp;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The rendered text of the large families of the last scrapes, compressed ({@link Segment}),
 * each with the stamp of the read it was rendered from: a scrape serves a family's segment as
 * long as the family says it has not changed since, and writes it as it renders it otherwise.
 * Rendering 100,000 series with the official writer costs a scrape about 100 ms of CPU as C1
 * code; the {@link Prerenderer} renders changed families shortly before the next scrape is due,
 * so the scrape itself mostly splices compressed bytes (what is not kept current, the scrape
 * writes as it renders it).
 *
 * <p>Bounded: only families of at least {@link #MIN_POINTS} series are kept (the host's
 * hundreds of small families cost less to render than to track), at most {@link #MAX_BYTES}
 * in all (beyond it families are rendered and not kept), and a family not served by the last
 * scrape of its format is dropped, as is a format not asked for in {@link #IDLE_FORMAT_NANOS}.
 * {@link #bytes()} is exported as {@code leakwatch_scrape_cache_bytes}.
 */
final class RenderCache {
    static final int MIN_POINTS = 64;
    static final long MAX_BYTES = 32L * 1024 * 1024;
    static final long IDLE_FORMAT_NANOS = 10L * 60 * 1_000_000_000L;

    /** What a scrape writes: the official writer and the escaping scheme asked for. */
    record Format(ExpositionFormatWriter writer, EscapingScheme escaping) {
        String key() {
            return writer.getContentType() + ";" + escaping.name();
        }
    }

    private record Entry(Segment segment, ReadStamp stamp) {}

    private static final class Formatted {
        final Map<String, Entry> families = new ConcurrentHashMap<>();
        volatile long lastScrapeNanos = System.nanoTime();
    }

    private final Map<String, Formatted> formats = new ConcurrentHashMap<>();
    private final SegmentPool pool = new SegmentPool();
    private final AtomicLong bytes = new AtomicLong();
    private final LongAdder reused = new LongAdder();
    private final LongAdder rendered = new LongAdder();
    /** One rendering at a time, should a rendering ahead be asked for while one runs. */
    private final ReentrantLock rendering = new ReentrantLock();

    /**
     * Renders the family in this format and keeps the rendering (unless the cache is full), in
     * place of the one kept before; nothing when the family has no live points. Only the
     * rendering ahead calls this, one rendering at a time.
     */
    void render(Format format, ReusableFamily family, SegmentRenderer renderer) {
        Formatted cached = formats.computeIfAbsent(format.key(), k -> new Formatted());
        String name = family.prometheusName();
        rendering.lock();
        try {
            // The old rendering goes first: its array, unless a scrape is still sending it, is
            // the one the new rendering takes (no second set of arrays kept idle).
            remove(cached, name);
            ReusableFamily.Read read = family.read();
            if (read == null) {
                return;
            }
            Segment segment = renderer.render(format.writer(), format.escaping(), read.snapshot());
            rendered.increment();
            keep(cached, name, new Entry(segment, read.stamp())); // the segment's one reference, the cache's
        } finally {
            rendering.unlock();
        }
    }

    /**
     * The kept segment of the family in this format if it is current, retained for the caller
     * (who must release it); null otherwise.
     */
    Segment currentSegment(Format format, ReusableFamily family) {
        Formatted cached = formats.get(format.key());
        return cached == null ? null : current(cached, family.prometheusName(), family);
    }

    /** Counts a family a scrape rendered without keeping it. */
    void renderedWithoutKeeping() {
        rendered.increment();
    }

    /** Whether a current rendering of the family is kept in this format. */
    boolean isCurrent(Format format, ReusableFamily family) {
        Formatted cached = formats.get(format.key());
        Entry entry = cached == null ? null : cached.families.get(family.prometheusName());
        return entry != null && family.unchangedSince(entry.stamp());
    }

    /** The kept segment, retained for the caller, if it is still current. */
    private Segment current(Formatted cached, String name, ReusableFamily family) {
        Entry entry = cached.families.get(name);
        if (entry != null && family.unchangedSince(entry.stamp()) && entry.segment().retain()) {
            reused.increment();
            return entry.segment();
        }
        return null;
    }

    /** After a scrape in this format: drops its families the scrape did not serve, and formats long unused. */
    void scraped(Format format, Set<String> served) {
        long now = System.nanoTime();
        Formatted cached = formats.get(format.key());
        if (cached != null) {
            cached.lastScrapeNanos = now;
            for (String name : cached.families.keySet()) {
                if (!served.contains(name)) {
                    remove(cached, name);
                }
            }
        }
        formats.entrySet().removeIf(e -> {
            if (now - e.getValue().lastScrapeNanos <= IDLE_FORMAT_NANOS) {
                return false;
            }
            e.getValue().families.keySet().forEach(n -> remove(e.getValue(), n));
            return true;
        });
    }

    /** Drops everything (no scrape expected any more). */
    void clear() {
        formats.values().forEach(f -> f.families.keySet().forEach(n -> remove(f, n)));
        formats.clear();
    }

    /** A renderer drawing its arrays from this cache's pool; the caller closes it. */
    SegmentRenderer newRenderer() {
        return new SegmentRenderer(pool);
    }

    /** Bytes in arrays kept for reuse, not holding a segment now. */
    long idleBytes() {
        return pool.idleBytes();
    }

    /** Bytes held by the kept segments. */
    long bytes() {
        return bytes.get();
    }

    /** Families served from a kept segment, since start. */
    long reused() {
        return reused.sum();
    }

    /** Families rendered because nothing current was kept, since start. */
    long rendered() {
        return rendered.sum();
    }

    private void keep(Formatted cached, String name, Entry entry) {
        Entry old = cached.families.get(name);
        long room = MAX_BYTES - bytes.get() + (old == null ? 0 : old.segment().bytes());
        if (entry.segment().bytes() > room) {
            remove(cached, name);
            entry.segment().release();
            return;
        }
        Entry replaced = cached.families.put(name, entry);
        bytes.addAndGet(entry.segment().bytes() - (replaced == null ? 0 : replaced.segment().bytes()));
        if (replaced != null) {
            replaced.segment().release();
        }
    }

    private void remove(Formatted cached, String name) {
        Entry old = cached.families.remove(name);
        if (old != null) {
            bytes.addAndGet(-old.segment().bytes());
            old.segment().release();
        }
    }
}
