package dev.leakwatch.core.heap;

/**
 * Decides whether a short series of readings of one quantity (a class's live bytes across class
 * histograms, a loader type's classes across class-loader statistics) grows steadily.
 *
 * <p>Implementation note: a class histogram is taken after a full GC, so it counts live objects only;
 * a leaking class gains at every capture while a healthy one moves up and down. With as few as three
 * captures a statistical trend test has no power, so the rule is structural: the last value exceeds
 * the first, no step falls by more than a small noise allowance, and at least two steps rise by a
 * meaningful share of the net growth. A one-time jump (a cache filled once) is a single rising step
 * and does not qualify; neither does a series that falls back.
 */
public final class SteadyGrowth {

    /** Readings needed by {@link #isSteadyGrowth(long[])}: two rising steps need three readings. */
    public static final int MIN_READINGS = 3;
    /** A step counts as rising when it adds more than this share of the net growth. */
    static final double RISE_SHARE_OF_NET = 0.10;
    /** A step may fall by this share of the net growth without breaking the series... */
    static final double NOISE_SHARE_OF_NET = 0.10;
    /** ...or by this share of the largest reading, whichever is larger (live sets jitter around a level). */
    static final double NOISE_SHARE_OF_LEVEL = 0.005;

    private SteadyGrowth() {}

    /** Whether the readings grow steadily: net growth, two rising steps, no drop beyond noise. */
    public static boolean isSteadyGrowth(long[] values) {
        return isSteadyGrowth(values, 2);
    }

    /**
     * Whether the readings grow steadily with at least {@code minRises} rising steps
     * (so at least {@code minRises + 1} readings).
     */
    public static boolean isSteadyGrowth(long[] values, int minRises) {
        if (minRises < 1) {
            throw new IllegalArgumentException("minRises must be >= 1, was " + minRises);
        }
        if (values.length < minRises + 1) {
            return false;
        }
        long net = values[values.length - 1] - values[0];
        if (net <= 0) {
            return false;
        }
        long level = 0;
        for (long value : values) {
            level = Math.max(level, value);
        }
        double allowedDrop = Math.max(net * NOISE_SHARE_OF_NET, level * NOISE_SHARE_OF_LEVEL);
        double minRise = net * RISE_SHARE_OF_NET;
        int rises = 0;
        for (int i = 1; i < values.length; i++) {
            long step = values[i] - values[i - 1];
            if (step < -allowedDrop) {
                return false;
            }
            if (step > minRise) {
                rises++;
            }
        }
        return rises >= minRises;
    }
}
