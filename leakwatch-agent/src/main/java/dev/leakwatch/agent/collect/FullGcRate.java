package dev.leakwatch.agent.collect;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.OptionalDouble;

/**
 * Full collections per hour of one JVM, from its cumulative full-GC count sampled over the last
 * hour. Bounded: readings older than the window are dropped, and at most {@link #MAX_READINGS}
 * are kept whatever the sampling interval. No rate until five minutes of readings exist, so a
 * single early collection does not read as "twelve an hour".
 */
final class FullGcRate {
    static final long WINDOW_MILLIS = 3_600_000L;
    static final long MIN_SPAN_MILLIS = 300_000L;
    static final int MAX_READINGS = 1_024;

    private record Reading(long timeMillis, long count) {}

    private final ArrayDeque<Reading> readings = new ArrayDeque<>();

    /** Adds a reading and returns the rate per hour over the window, when there is enough history. */
    OptionalDouble update(long timeMillis, long fullGcCount) {
        Reading last = readings.peekLast();
        if (last != null && fullGcCount < last.count) {
            readings.clear(); // a new JVM under a reused pid, or a counter reset
        }
        readings.addLast(new Reading(timeMillis, fullGcCount));
        // Keep one reading at or before the window's start as the baseline.
        while (readings.size() > 2) {
            Iterator<Reading> it = readings.iterator();
            it.next();
            if (it.next().timeMillis > timeMillis - WINDOW_MILLIS) {
                break;
            }
            readings.removeFirst();
        }
        while (readings.size() > MAX_READINGS) {
            readings.removeFirst();
        }
        Reading first = readings.peekFirst();
        long span = timeMillis - first.timeMillis;
        if (span < MIN_SPAN_MILLIS) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((fullGcCount - first.count) * 3_600_000.0 / span);
    }

    int size() {
        return readings.size();
    }
}
