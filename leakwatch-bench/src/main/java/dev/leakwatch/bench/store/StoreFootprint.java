package dev.leakwatch.bench.store;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap per series of each store at 100,000 series, measured (used heap after full GCs, before
 * and after filling), next to the agent store's own estimate ({@code leakwatch_store_bytes}).
 *
 * <p>Run with a fixed heap and the serial collector for stable numbers:
 * {@code java -Xmx1g -XX:+UseSerialGC -cp <bench classpath> dev.leakwatch.bench.store.StoreFootprint}.
 */
public final class StoreFootprint {
    private StoreFootprint() {}

    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        for (String impl : new String[] {"leakwatch", "caffeine", "leakwatch", "caffeine"}) {
            measure(impl, series);
        }
    }

    private static void measure(String impl, int series) {
        Workload workload = new Workload(series);
        long before = usedAfterGc();
        BenchStore store = workload.create(impl, series * 2);
        workload.fill(store);
        long after = usedAfterGc();
        double perSeries = (after - before) / (double) series;
        String estimate = store instanceof LeakwatchBenchStore l
                ? String.format(" estimate %.0f B/series (%.0f%% of measured)",
                        l.store().stats().estimatedBytes() / (double) series,
                        100.0 * l.store().stats().estimatedBytes() / (after - before))
                : "";
        System.out.printf("%-10s %,d series: %.1f MB, %.0f B/series%s%n", impl, store.size(),
                (after - before) / 1e6, perSeries, estimate);
        if (store.size() != series) {
            throw new IllegalStateException(impl + " holds " + store.size() + " series, expected " + series);
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
