package dev.leakwatch.core.trend;

import java.util.ArrayList;
import java.util.List;

/** Thins a list to a bounded size by even spacing, keeping the first and last elements. */
final class Subsample {

    private Subsample() {}

    static <T> List<T> evenly(List<T> items, int max) {
        int n = items.size();
        if (n <= max) {
            return items;
        }
        List<T> kept = new ArrayList<>(max);
        for (int k = 0; k < max; k++) {
            // Index k*(n-1)/(max-1), rounded down: strictly increasing because n > max.
            kept.add(items.get((int) ((long) k * (n - 1) / (max - 1))));
        }
        return kept;
    }
}
