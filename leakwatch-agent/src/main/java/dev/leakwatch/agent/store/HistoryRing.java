package dev.leakwatch.agent.store;

import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} samples of one series, oldest overwritten first. Two primitive
 * arrays rather than objects: 16 bytes a sample, no garbage per write. Not thread-safe; the
 * owning series synchronizes.
 */
final class HistoryRing {
    private final long[] times;
    private final double[] values;
    private int next;
    private int size;

    HistoryRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        times = new long[capacity];
        values = new double[capacity];
    }

    void add(long timeMillis, double value) {
        times[next] = timeMillis;
        values[next] = value;
        next = (next + 1) % times.length;
        if (size < times.length) {
            size++;
        }
    }

    int size() {
        return size;
    }

    int capacity() {
        return times.length;
    }

    /** Oldest first. */
    List<Sample> toList() {
        List<Sample> out = new ArrayList<>(size);
        int start = (next - size + times.length) % times.length;
        for (int i = 0; i < size; i++) {
            int at = (start + i) % times.length;
            out.add(new Sample(times[at], values[at]));
        }
        return out;
    }

    static long estimatedBytes(int capacity) {
        return 24 + 2 * (16 + 8L * capacity);
    }
}
