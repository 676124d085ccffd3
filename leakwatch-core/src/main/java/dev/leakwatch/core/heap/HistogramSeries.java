package dev.leakwatch.core.heap;

import dev.leakwatch.core.model.Culprit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Class histograms of one JVM over time, and the classes that grow across them.
 *
 * <p>Each histogram forces a full GC in the target, so a diagnosis takes few of them; at least
 * {@value #MIN_HISTOGRAMS} are needed before any class is named (see {@link SteadyGrowth} for the rule).
 * Same-named classes from different loaders are summed; a class absent from a histogram had no live
 * instance then and counts as zero.
 */
public final class HistogramSeries {

    /** Histograms needed before a class can be said to grow across them. */
    public static final int MIN_HISTOGRAMS = SteadyGrowth.MIN_READINGS;

    private final List<TimedHistogram> histograms;

    /** A series of histograms, in any order (they are sorted by time). */
    public HistogramSeries(List<TimedHistogram> histograms) {
        List<TimedHistogram> sorted = new ArrayList<>(histograms);
        sorted.sort(Comparator.comparingLong(TimedHistogram::timeMillis));
        this.histograms = List.copyOf(sorted);
    }

    public List<TimedHistogram> histograms() {
        return histograms;
    }

    public int size() {
        return histograms.size();
    }

    /** Whether there are enough histograms to name growing classes; if not, {@link #classGrowth} is empty. */
    public boolean hasEnoughData() {
        return histograms.size() >= MIN_HISTOGRAMS;
    }

    /** Milliseconds from the first to the last histogram, 0 with fewer than two. */
    public long spanMillis() {
        return histograms.size() < 2 ? 0 : last().timeMillis() - histograms.get(0).timeMillis();
    }

    /** Live bytes (all classes) gained from the first to the last histogram, 0 with fewer than two. */
    public long liveBytesGrowth() {
        return histograms.size() < 2 ? 0 : last().histogram().totalBytes() - histograms.get(0).histogram().totalBytes();
    }

    /** Live instances (all classes) gained from the first to the last histogram, 0 with fewer than two. */
    public long liveInstancesGrowth() {
        return histograms.size() < 2
                ? 0
                : last().histogram().totalInstances() - histograms.get(0).histogram().totalInstances();
    }

    /**
     * The classes whose live bytes grow steadily across the histograms, most bytes gained first.
     * JDK types are included and flagged ({@link ClassGrowth#jdkType()}).
     *
     * @param max at most this many classes
     * @return empty without {@value #MIN_HISTOGRAMS} histograms
     */
    public List<ClassGrowth> classGrowth(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        if (!hasEnoughData()) {
            return List.of();
        }
        List<Map<String, ClassHistogram.Entry>> byName = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (TimedHistogram timed : histograms) {
            Map<String, ClassHistogram.Entry> entries = timed.histogram().byClassName();
            byName.add(entries);
            names.addAll(entries.keySet());
        }
        List<ClassGrowth> growing = new ArrayList<>();
        for (String name : names) {
            long[] bytes = new long[byName.size()];
            for (int i = 0; i < bytes.length; i++) {
                ClassHistogram.Entry entry = byName.get(i).get(name);
                bytes[i] = entry == null ? 0 : entry.bytes();
            }
            if (SteadyGrowth.isSteadyGrowth(bytes)) {
                long firstInstances = instances(byName.get(0).get(name));
                long lastInstances = instances(byName.get(byName.size() - 1).get(name));
                growing.add(new ClassGrowth(name, bytes[bytes.length - 1] - bytes[0], lastInstances - firstInstances,
                        bytes[0], bytes[bytes.length - 1], JavaNames.isJdkType(name)));
            }
        }
        growing.sort(Comparator.comparingLong(ClassGrowth::bytesGrowth).reversed()
                .thenComparing(ClassGrowth::className));
        return List.copyOf(growing.subList(0, Math.min(max, growing.size())));
    }

    /** {@link #classGrowth(int)} as culprits, most bytes gained first. */
    public List<Culprit> growingClasses(int max) {
        return classGrowth(max).stream().map(ClassGrowth::toCulprit).toList();
    }

    private TimedHistogram last() {
        return histograms.get(histograms.size() - 1);
    }

    private static long instances(ClassHistogram.Entry entry) {
        return entry == null ? 0 : entry.instances();
    }
}
