package dev.leakwatch.agent.metrics;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.Deflater;

/**
 * Raw deflaters at {@link Deflater#BEST_SPEED}, kept between scrapes. A deflater's native state is
 * about a quarter of a megabyte; made and freed for every scrape, it left the C heap of each
 * request thread fragmented between the JVM's trims. At most {@link #IDLE} are kept idle.
 */
final class Deflaters {
    static final int IDLE = 2;
    /** Keeps nothing: every deflater is new and ended after use. */
    static final Deflaters NONE = new Deflaters(0);

    private final ArrayBlockingQueue<Deflater> idle;

    Deflaters() {
        this(IDLE);
    }

    private Deflaters(int capacity) {
        this.idle = capacity == 0 ? null : new ArrayBlockingQueue<>(capacity);
    }

    Deflater take() {
        Deflater d = idle == null ? null : idle.poll();
        return d != null ? d : new Deflater(Deflater.BEST_SPEED, true);
    }

    /** Takes back a deflater that nothing uses any more (reset here), or ends it when enough are kept. */
    void give(Deflater d) {
        d.reset();
        if (idle == null || !idle.offer(d)) {
            d.end();
        }
    }

    /** Ends the idle deflaters (at stop). */
    void clear() {
        if (idle != null) {
            Deflater d;
            while ((d = idle.poll()) != null) {
                d.end();
            }
        }
    }
}
