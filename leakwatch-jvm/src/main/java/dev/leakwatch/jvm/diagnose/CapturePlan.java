package dev.leakwatch.jvm.diagnose;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When in the window the expensive captures happen. Class histograms (each forces a full GC),
 * thread dumps and class-loader statistics are taken together at a few evenly spaced points:
 * the first after the warm-up (start-up allocation is not a leak), the last at the end, so the
 * growth they show spans as much of the window as possible.
 */
record CapturePlan(List<Duration> points) {
    /** The share of the window before the first capture. */
    static final double WARMUP_FRACTION = 0.1;

    CapturePlan {
        points = List.copyOf(points);
    }

    static CapturePlan of(DiagnoseRequest request) {
        int n = request.histograms();
        long total = request.duration().toMillis();
        long first = Math.max(request.interval().toMillis(), Math.round(total * WARMUP_FRACTION));
        List<Duration> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(Duration.ofMillis(first + Math.round((double) (total - first) * i / (n - 1))));
        }
        return new CapturePlan(points);
    }

    /** True if a capture point lies in (previous, now]. */
    boolean due(Duration previous, Duration now) {
        for (Duration p : points) {
            if (p.compareTo(previous) > 0 && p.compareTo(now) <= 0) {
                return true;
            }
        }
        return false;
    }
}
