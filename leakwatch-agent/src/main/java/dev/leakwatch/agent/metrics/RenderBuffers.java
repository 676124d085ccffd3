package dev.leakwatch.agent.metrics;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The text buffers of rendered batches, kept from scrape to scrape. A buffer lives from its
 * batch's rendering until it is sent, long enough to outlive a young collection; made anew for
 * every batch, they were copied and promoted scrape after scrape and grew the old generation
 * (about 1 MB a young collection with a 8 MB young generation). Kept, a few buffers sit in the
 * old generation for good. A buffer grown past {@link #MAX_KEPT_BYTES} (a single very large
 * family) is not kept.
 */
final class RenderBuffers {
    static final int MAX_KEPT_BYTES = 1 << 20;

    private final BlockingQueue<ByteArrayOutputStream> free;

    RenderBuffers(int kept) {
        this.free = new ArrayBlockingQueue<>(kept);
    }

    /** An empty buffer, kept or new. */
    ByteArrayOutputStream take(int expectedBytes) {
        ByteArrayOutputStream buffer = free.poll();
        if (buffer == null) {
            return new ByteArrayOutputStream(expectedBytes);
        }
        buffer.reset();
        return buffer;
    }

    /** Returns a buffer whose text has been sent. */
    void give(ByteArrayOutputStream buffer) {
        if (buffer.size() <= MAX_KEPT_BYTES) {
            free.offer(buffer);
        }
    }

    int kept() {
        return free.size();
    }
}
