package dev.leakwatch.jvm.diagnose;

import java.time.Duration;

/**
 * What to watch and for how long.
 *
 * @param pid            the process
 * @param duration       the window (default {@link #DEFAULT_DURATION})
 * @param interval       time between sampling rounds (default {@link #DEFAULT_INTERVAL})
 * @param maxHistograms  upper bound on class histograms, each of which forces a full GC in the
 *                       target; {@code 0} means "choose": 3 for windows up to 3 minutes, one more
 *                       per further minute, at most {@link #MAX_HISTOGRAMS}
 */
public record DiagnoseRequest(long pid, Duration duration, Duration interval, int maxHistograms) {
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(120);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** Fewer than three histograms cannot show growth "across at least three"; more than six is needless cost. */
    public static final int MIN_HISTOGRAMS = 3;
    public static final int MAX_HISTOGRAMS = 6;

    public DiagnoseRequest {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
        if (duration.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("duration must be at least 10s, was " + duration.toSeconds() + "s");
        }
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("interval must be at least 100ms, was " + interval.toMillis() + "ms");
        }
        if (interval.multipliedBy(4).compareTo(duration) > 0) {
            throw new IllegalArgumentException("interval " + interval.toSeconds() + "s leaves fewer than 4 samples in "
                    + duration.toSeconds() + "s; shorten --interval or lengthen --duration");
        }
        if (maxHistograms != 0 && (maxHistograms < MIN_HISTOGRAMS || maxHistograms > MAX_HISTOGRAMS)) {
            throw new IllegalArgumentException("histograms must be between " + MIN_HISTOGRAMS + " and " + MAX_HISTOGRAMS
                    + " (or 0 to choose), was " + maxHistograms);
        }
    }

    public static DiagnoseRequest of(long pid) {
        return new DiagnoseRequest(pid, DEFAULT_DURATION, DEFAULT_INTERVAL, 0);
    }

    /** The number of class histograms this window takes. */
    public int histograms() {
        if (maxHistograms != 0) {
            return maxHistograms;
        }
        long extraMinutes = Math.max(0, duration.toMinutes() - 3);
        return (int) Math.min(MAX_HISTOGRAMS, MIN_HISTOGRAMS + extraMinutes);
    }
}
