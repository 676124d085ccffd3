package dev.leakwatch.agent.metrics;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One family's exposition text, compressed as a piece of a DEFLATE stream that can be spliced
 * into any other (see {@link SegmentRenderer}), with what a gzip trailer needs of the text.
 *
 * <p>Its array comes from a {@link SegmentPool} and goes back when the last holder lets go: the
 * {@link RenderCache} holds one reference while it keeps the segment, and every scrape writing it
 * holds one while it does ({@link #retain()}, {@link #release()}).
 */
final class Segment {
    private final byte[] data;
    private final int length;
    private final long crc;
    private final long textLength;
    private final SegmentPool pool;
    private final AtomicInteger references = new AtomicInteger(1);

    /**
     * @param data       the compressed text in {@code data[0, length)}: raw DEFLATE blocks, ending
     *                   byte-aligned after a full flush, with no final block and no reference to
     *                   data before them
     * @param crc        the CRC-32 of the text
     * @param textLength the text's length in bytes
     * @param pool       where the array goes back to; null for none
     */
    Segment(byte[] data, int length, long crc, long textLength, SegmentPool pool) {
        this.data = data;
        this.length = length;
        this.crc = crc;
        this.textLength = textLength;
        this.pool = pool;
    }

    byte[] data() {
        return data;
    }

    /** Bytes of compressed text in {@link #data()}. */
    int length() {
        return length;
    }

    long crc() {
        return crc;
    }

    long textLength() {
        return textLength;
    }

    /** Bytes held, as counted by the scrape cache. */
    long bytes() {
        return data.length + 64L;
    }

    /** One more holder; false when the segment was already let go (its array may be reused). */
    boolean retain() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** One holder less; the last returns the array to the pool. */
    void release() {
        int n = references.decrementAndGet();
        if (n == 0 && pool != null) {
            pool.give(data);
        } else if (n < 0) {
            throw new IllegalStateException("segment released more often than retained");
        }
    }
}
