package dev.leakwatch.agent.watch;

import dev.leakwatch.agent.findings.WatchedProcess;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * How many captures may run: at most one per process within {@code perProcessInterval}, and at
 * most {@code maxPerHour} on the host in any rolling hour. Captures force full GCs and attach to
 * the target, so this is what keeps the watch low-touch. Both records are bounded: the per-process
 * one forgets captures older than the interval, the global one keeps at most {@code maxPerHour}
 * times. A reload changes the limits, not the records: captures already made count against the new
 * limits, so lowering a budget (or toggling the watch) cannot buy extra captures. Not thread-safe;
 * its {@link CaptureRunner} guards it.
 */
final class CaptureBudget {
    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private long perProcessMillis;
    private int maxPerHour;
    private final Map<WatchedProcess, Long> lastByProcess = new HashMap<>();
    private final Deque<Long> lastHour = new ArrayDeque<>();

    CaptureBudget(Duration perProcessInterval, int maxPerHour) {
        limits(perProcessInterval, maxPerHour);
    }

    /** New limits for the captures already recorded and those to come. */
    void limits(Duration perProcessInterval, int maxPerHour) {
        this.perProcessMillis = perProcessInterval.toMillis();
        this.maxPerHour = maxPerHour;
    }

    /** Why a capture of this process may not start now, or empty when it may. */
    Optional<SkipReason> check(WatchedProcess p, long nowMillis) {
        forgetOld(nowMillis);
        if (lastByProcess.containsKey(p)) {
            return Optional.of(SkipReason.PROCESS_BUDGET);
        }
        if (lastHour.size() >= maxPerHour) {
            return Optional.of(SkipReason.GLOBAL_BUDGET);
        }
        return Optional.empty();
    }

    /** Records a capture that started. */
    void spend(WatchedProcess p, long nowMillis) {
        lastByProcess.put(p, nowMillis);
        lastHour.addLast(nowMillis);
        // The bound. A spend follows a check that found room, so it trims nothing in practice: after a
        // lowered limit the older times stay (and refuse captures) until they leave the hour.
        while (lastHour.size() > maxPerHour) {
            lastHour.removeFirst();
        }
    }

    /** Processes with a capture still within their interval (for tests: the record stays bounded). */
    int trackedProcesses() {
        return lastByProcess.size();
    }

    private void forgetOld(long nowMillis) {
        for (Iterator<Long> it = lastByProcess.values().iterator(); it.hasNext(); ) {
            if (nowMillis - it.next() >= perProcessMillis) {
                it.remove();
            }
        }
        while (!lastHour.isEmpty() && nowMillis - lastHour.peekFirst() >= HOUR_MILLIS) {
            lastHour.removeFirst();
        }
    }
}
