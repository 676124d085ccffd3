package dev.leakwatch.agent.metrics;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Byte arrays for {@link Segment}s, kept for reuse when a segment is let go. Segments outlive
 * many young collections (a scrape interval), so each would be promoted; as every large family
 * is rendered anew each interval, their old arrays were a megabyte of old-generation garbage per
 * interval at 100,000 series, and the serial collector grew the old generation rather than
 * collect it (the agent's RSS rose 30 MiB in eight minutes). Reused arrays are promoted once.
 *
 * <p>Sizes are rounded up to a multiple of 1 KiB up to 64 KiB (a family's rendering keeps about
 * the same size from one interval to the next, so a fine rounding wastes little and still
 * reuses), and to a power of two above. Idle arrays are kept up to {@link #MAX_IDLE_BYTES} in
 * all, beyond which a returned array is left to the collector.
 */
final class SegmentPool {
    static final long MAX_IDLE_BYTES = 8L * 1024 * 1024;
    private static final int STEP = 1024;
    private static final int FINE_LIMIT = 64 * 1024;
    private static final int MAX_POOLED = 1 << 30;

    private final Map<Integer, ArrayDeque<byte[]>> idle = new ConcurrentHashMap<>();
    private final AtomicLong idleBytes = new AtomicLong();

    /** An array of at least {@code length} bytes (its content is whatever it last held). */
    byte[] take(int length) {
        int size = roundedSize(length);
        if (size < 0) {
            return new byte[length];
        }
        ArrayDeque<byte[]> sized = idle.get(size);
        byte[] reused = null;
        if (sized != null) {
            synchronized (sized) {
                reused = sized.pollFirst();
            }
        }
        if (reused != null) {
            idleBytes.addAndGet(-reused.length);
            return reused;
        }
        return new byte[size];
    }

    /** Takes back an array from {@link #take} that nothing reads any more. */
    void give(byte[] array) {
        if (roundedSize(array.length) != array.length || idleBytes.get() + array.length > MAX_IDLE_BYTES) {
            return;
        }
        idleBytes.addAndGet(array.length);
        ArrayDeque<byte[]> sized = idle.computeIfAbsent(array.length, s -> new ArrayDeque<>());
        synchronized (sized) {
            sized.addFirst(array);
        }
    }

    /** Bytes in idle arrays. */
    long idleBytes() {
        return idleBytes.get();
    }

    /** The pooled size for a length; -1 when too large to pool. */
    static int roundedSize(int length) {
        if (length <= FINE_LIMIT) {
            return Math.max(STEP, (length + STEP - 1) / STEP * STEP);
        }
        if (length > MAX_POOLED) {
            return -1;
        }
        return Integer.highestOneBit(length - 1) << 1;
    }
}
