package dev.leakwatch.agent.watch;

import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The heap signal of a G1 JVM: the lowest old-generation occupancy since a marking cycle, from
 * the readings the collectors already store (old generation used, and the cumulative counts of
 * G1's concurrent-cycle pauses and full collections). No attach, no extra collection.
 *
 * <p>Implementation note. With G1, full collections are rare and old regions are reclaimed only
 * by the mixed collections that follow a concurrent marking cycle. Between two cycles the old
 * generation only fills (young collections promote into it, live or not), so "old used after a
 * young GC" climbs for a healthy service until the next cycle: measured, a bounded cache under
 * churn ({@code WarmupThenPlateau}) climbs 0.45 MB/s for three minutes, as fast as a 30 MB/min
 * leak, until its first cycle drops it from 124 MB to 72 MB. Only a cycle tells the two apart.
 * After a cycle's remark and cleanup pauses (each counted in {@code sun.gc.collector.2}, "G1
 * concurrent cycle pauses") the mixed collections evacuate the old regions with the most garbage;
 * the lowest reading before the next cycle is then the live set as of the marking plus what G1
 * left: garbage in regions too full of live data to be worth evacuating
 * ({@code G1MixedGCLiveThresholdPercent}), at most {@code G1HeapWastePercent} of the heap in
 * candidate regions, and objects promoted since the marking started. That residue does not grow
 * with time in a healthy service, so a floor that keeps rising from cycle to cycle is live data
 * that stays: a leak. A full collection is a boundary too (its result is the live set itself).
 *
 * <p>An <em>epoch</em> is the time between two such boundaries: the concurrent-cycle pause count
 * halved (remark and cleanup are two pauses of one cycle, which a reading may see apart) plus the
 * full-collection count changes. The value at reading {@code i} is the minimum of the old
 * generation over the readings from the start of the second epoch before {@code i}'s own (or, if
 * earlier, the start of the epoch that contained {@code t(i) - lookback}) up to {@code i}: so the
 * promotions since the last cycle never raise it, and a live set that rises and falls between
 * cycles (a cache cleared every 30 s, a batch loaded every 20 s) shows its low points, not the
 * phase at which the last cycle caught it. Readings before the first boundary get a value once
 * the first whole epoch is over: each the lowest reading from it to that epoch's end. Before a
 * cycle the old generation only fills, so that is the reading itself where it lies below what the
 * cycle came down to, else the cycle's floor: a fair bound, since the reading includes every
 * object promoted by then, live or not. Without it a G1 JVM has no heap signal until a cycle has
 * run and then needs the detector's minimum of readings after it; with it, the readings taken
 * while the old generation filled towards the first cycle count as soon as that cycle has told
 * how much of the filling stayed. Until the first boundary is read there is no value at all:
 * nothing in the counters bounds the live set from above tightly. A counter that goes backwards (another JVM
 * under the same pid) starts afresh.
 *
 * <p>Two floors of a healthy JVM differ by up to {@link #residueAllowance}, and by as much as its
 * live set swings when that is large (a cache that cycles catch full or empty), which the floor
 * shows by falling ({@link #largestFall}) or by jumping once when readings that caught it low
 * leave the lookback ({@link #largestStep}); a leak's floor does not fall and rises reading after
 * reading. So a trend on them is alarming only when it grows by more than the three together
 * across the window (see {@link WindowAssessor}).
 * Measured on recorded fixtures (test resources {@code g1/}): a 60 MB/min leak on a 256 MB heap
 * has its first cycle at 100 s and is suspected after 171 to 206 s with 15 s readings; the
 * benign fixtures are never suspected over 12 to 15 minutes, their significant trends growing by
 * at most 81 % of what is allowed (a cache cleared every 30 s read at a fixed phase). A leak too slow to fill the old generation
 * to G1's initiating occupancy (45 % of the heap by default) has no cycle and so no signal.
 *
 * <p>Reference: the phases and their order are those of the HotSpot G1 tuning guide, "Garbage-First
 * Garbage Collector" (Java SE 17 HotSpot Virtual Machine Garbage Collection Tuning Guide, chapter 9).
 */
final class G1OldGenFloor {
    /**
     * Least time each value looks back over: twice the period of a benign batch measured (20 s),
     * and more than the 15 s between two readings at the default interval.
     */
    static final long LOOKBACK_MILLIS = 45_000;
    /**
     * Whole epochs each value looks back over besides its own: with one, a cache cleared every
     * 30 s ({@code SawtoothCache}) grew by 88 % of the residue allowance in a significant trend on
     * its recording; with two, by 40 %, and a 60 MB/min leak is suspected 0 to 15 s later.
     */
    static final int LOOKBACK_EPOCHS = 2;
    /** {@code G1HeapWastePercent}'s default: reclaimable garbage G1 leaves in candidate regions, of the heap. */
    static final double HEAP_WASTE_FRACTION = 0.05;
    /** 100 - {@code G1MixedGCLiveThresholdPercent}'s default: garbage in regions too live to evacuate. */
    static final double LIVE_REGION_GARBAGE_FRACTION = 0.15;

    private G1OldGenFloor() {}

    /**
     * How much two floors of a healthy G1 JVM can differ with the same live data: what the mixed
     * collections may leave, {@code G1HeapWastePercent} (5 %) of the heap in candidate regions plus
     * up to 15 % of the regions not evacuated because they are more than
     * {@code G1MixedGCLiveThresholdPercent} (85 %) live (at most the whole floor). Fragmentation
     * moves the latter as a service settles: measured, a 150 MB reference data set refreshed in
     * place ({@code LargeStableHeap}) has its floor climb from 171 MB to 184 MB over its first
     * two minutes, and a cache cleared every 30 s ({@code SawtoothCache}) moves it by the cache's size.
     *
     * @param heapMax the maximum heap, if known (else the floor stands in for it)
     * @param level   the floor at the start of the window
     */
    static double residueAllowance(OptionalDouble heapMax, double level) {
        return HEAP_WASTE_FRACTION * heapMax.orElse(level) + LIVE_REGION_GARBAGE_FRACTION * Math.max(0, level);
    }

    /** The largest rise from one reading to the next (0 for a series that never rises). */
    static double largestStep(List<Sample> readings) {
        double step = 0;
        for (int i = 1; i < readings.size(); i++) {
            step = Math.max(step, readings.get(i).value() - readings.get(i - 1).value());
        }
        return step;
    }

    /** The largest fall from an earlier reading to a later one (0 for a series that never falls). */
    static double largestFall(List<Sample> readings) {
        double peak = Double.NEGATIVE_INFINITY;
        double fall = 0;
        for (Sample s : readings) {
            peak = Math.max(peak, s.value());
            fall = Math.max(fall, peak - s.value());
        }
        return fall;
    }

    /**
     * The floor at each old-generation reading that has one (see the class comment), time-ordered.
     *
     * @param oldUsed           old generation in use, time-ordered
     * @param concurrentPauses  cumulative G1 concurrent-cycle pauses (remark, cleanup), time-ordered
     * @param fullCollections   cumulative full collections, time-ordered (may be empty)
     * @param lookbackMillis    least time each value looks back over, &gt;= 0
     * @param lookbackEpochs    whole epochs before its own each value looks back over, &gt;= 0
     */
    static List<Sample> of(List<Sample> oldUsed, List<Sample> concurrentPauses, List<Sample> fullCollections,
            long lookbackMillis, int lookbackEpochs) {
        if (lookbackMillis < 0 || lookbackEpochs < 0) {
            throw new IllegalArgumentException("lookbacks must be >= 0, were " + lookbackMillis + " ms and "
                    + lookbackEpochs + " epochs");
        }
        int n = oldUsed.size();
        long[] cycle = cycles(oldUsed, concurrentPauses, fullCollections);
        double[] value = new double[n];
        Arrays.fill(value, Double.NaN);
        int runBegin = 0;
        for (int i = 1; i <= n; i++) {
            // A run: the readings of one JVM with counters (a counter going backwards means another JVM).
            if (i == n || cycle[i] < 0 || cycle[i - 1] < 0 || cycle[i] < cycle[i - 1]) {
                if (cycle[runBegin] >= 0) {
                    floorsOfRun(oldUsed, cycle, runBegin, i, lookbackMillis, lookbackEpochs, value);
                }
                runBegin = i;
            }
        }
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(value[i])) {
                out.add(new Sample(oldUsed.get(i).timeMillis(), value[i]));
            }
        }
        return out;
    }

    /** Fills {@code value[from, to)}, the readings of one run, where it has a floor. */
    private static void floorsOfRun(List<Sample> oldUsed, long[] cycle, int from, int to, long lookbackMillis,
            int lookbackEpochs, double[] value) {
        List<Integer> starts = new ArrayList<>();
        int reach = from;
        for (int i = from; i < to; i++) {
            if (i > from && cycle[i] > cycle[i - 1]) {
                if (starts.isEmpty()) {
                    reach = i;
                }
                starts.add(i);
            }
            if (starts.isEmpty()) {
                continue;
            }
            long t = oldUsed.get(i).timeMillis() - lookbackMillis;
            while (reach < i && oldUsed.get(reach + 1).timeMillis() <= t) {
                reach++;
            }
            int epochOfReach = from;
            for (int s : starts) {
                if (s <= reach) {
                    epochOfReach = s;
                }
            }
            int byEpochs = starts.get(Math.max(0, starts.size() - 1 - lookbackEpochs));
            value[i] = min(oldUsed, Math.min(epochOfReach, byEpochs), i);
        }
        if (starts.size() >= 2) {
            // Before the first cycle: each reading bounded by what the first whole epoch came down to.
            for (int i = from; i < starts.get(0); i++) {
                value[i] = min(oldUsed, i, starts.get(1) - 1);
            }
        }
    }

    private static double min(List<Sample> readings, int from, int toInclusive) {
        double min = Double.POSITIVE_INFINITY;
        for (int j = from; j <= toInclusive; j++) {
            min = Math.min(min, readings.get(j).value());
        }
        return min;
    }

    /**
     * The cycle number at each old reading: concurrent pauses halved plus full collections, each
     * counter taken at its latest reading not after the old reading; -1 while a counter has none.
     */
    private static long[] cycles(List<Sample> oldUsed, List<Sample> concurrent, List<Sample> full) {
        long[] out = new long[oldUsed.size()];
        int c = -1;
        int f = -1;
        for (int i = 0; i < out.length; i++) {
            long t = oldUsed.get(i).timeMillis();
            while (c + 1 < concurrent.size() && concurrent.get(c + 1).timeMillis() <= t) {
                c++;
            }
            while (f + 1 < full.size() && full.get(f + 1).timeMillis() <= t) {
                f++;
            }
            if (c < 0) {
                out[i] = -1;
                continue;
            }
            long fullCount = f < 0 ? 0 : (long) full.get(f).value();
            out[i] = (long) concurrent.get(c).value() / 2 + fullCount;
        }
        return out;
    }
}
