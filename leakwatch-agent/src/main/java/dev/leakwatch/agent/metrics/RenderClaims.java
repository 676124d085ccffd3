package dev.leakwatch.agent.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Who renders which changed large family during one scrape, when the rendering thread helps it
 * ({@link Prerenderer#assist}): the scrape walks the families from the front, the rendering
 * thread from the back, and each family goes to whoever claims it first. The scrape waits for a
 * family the other thread claimed (at most that one family's rendering) and splices what was
 * kept; the two meet in the middle, so a scrape that finds everything changed takes about half
 * as long on two cores. Without help ({@link #scrapeOnly()}) the scrape claims everything.
 */
final class RenderClaims {
    /** Longest a scrape waits for one family from the other thread before writing it itself. */
    private static final long WAIT_MILLIS = 2_000;
    private static final Object SCRAPE = new Object();

    private final ConcurrentHashMap<String, Object> owners;
    private volatile boolean over;

    private RenderClaims(boolean shared) {
        this.owners = shared ? new ConcurrentHashMap<>() : null;
    }

    /** Claims for a scrape the rendering thread helps. */
    static RenderClaims shared() {
        return new RenderClaims(true);
    }

    /** Claims for a scrape nobody helps: it renders every changed family itself. */
    static RenderClaims scrapeOnly() {
        return new RenderClaims(false);
    }

    /** For the scrape: true if it renders the family itself, false if the rendering thread has it. */
    boolean claimForScrape(String family) {
        if (owners == null) {
            return true;
        }
        Object owner = owners.putIfAbsent(family, SCRAPE);
        return owner == null || owner == SCRAPE;
    }

    /**
     * For the scrape, after {@link #claimForScrape} said no: waits until the rendering thread is
     * done with the family. False if it took too long or the wait was interrupted (the scrape then
     * writes the family itself; the interrupt stays set).
     */
    boolean awaitOther(String family) {
        Object owner = owners == null ? null : owners.get(family);
        if (!(owner instanceof CountDownLatch done)) {
            return true;
        }
        try {
            return done.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * For the rendering thread: a latch to count down once the family is rendered, or null if the
     * scrape has claimed it or is over.
     */
    CountDownLatch claimForOther(String family) {
        if (owners == null || over) {
            return null;
        }
        CountDownLatch done = new CountDownLatch(1);
        return owners.putIfAbsent(family, done) == null ? done : null;
    }

    /** The scrape is done: the rendering thread claims nothing more for it. */
    void scrapeOver() {
        over = true;
    }
}
