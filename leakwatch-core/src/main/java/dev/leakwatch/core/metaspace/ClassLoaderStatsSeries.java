package dev.leakwatch.core.metaspace;

import dev.leakwatch.core.heap.SteadyGrowth;
import dev.leakwatch.core.model.Culprit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Class-loader statistics of one JVM over time, and the loader types that grow across them.
 *
 * <p>A metaspace leak is almost always loaders that are created and never collected (a redeploy, a
 * script engine or a generated-proxy factory per request), each holding its classes. Per loader type,
 * the classes (hidden ones included) and the live instances are followed: with two snapshots any gain
 * counts; with three or more the gain must be steady ({@link SteadyGrowth}: two rising steps, no real
 * drop), so that loaders which come and go are not named. Taking statistics costs no GC, so the caller
 * can take them as often as it likes.
 */
public final class ClassLoaderStatsSeries {

    /** Snapshots needed before a loader type can be said to grow. */
    public static final int MIN_SNAPSHOTS = 2;

    private final List<TimedClassLoaderStats> snapshots;

    /** A series of snapshots, in any order (they are sorted by time). */
    public ClassLoaderStatsSeries(List<TimedClassLoaderStats> snapshots) {
        List<TimedClassLoaderStats> sorted = new ArrayList<>(snapshots);
        sorted.sort(Comparator.comparingLong(TimedClassLoaderStats::timeMillis));
        this.snapshots = List.copyOf(sorted);
    }

    public List<TimedClassLoaderStats> snapshots() {
        return snapshots;
    }

    /** Whether there are enough snapshots to name growing loader types; if not, {@link #loaderTypeGrowth} is empty. */
    public boolean hasEnoughData() {
        return snapshots.size() >= MIN_SNAPSHOTS;
    }

    /**
     * The loader types whose classes or instances grow, most classes gained first, then most instances.
     *
     * @param max at most this many types
     */
    public List<LoaderTypeGrowth> loaderTypeGrowth(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        if (!hasEnoughData()) {
            return List.of();
        }
        List<Map<String, ClassLoaderStats.TypeStats>> byType = new ArrayList<>();
        Set<String> types = new LinkedHashSet<>();
        for (TimedClassLoaderStats snapshot : snapshots) {
            Map<String, ClassLoaderStats.TypeStats> stats = snapshot.stats().byLoaderType();
            byType.add(stats);
            types.addAll(stats.keySet());
        }
        // Two snapshots allow one rising step; more must show two.
        int minRises = Math.min(2, snapshots.size() - 1);
        List<LoaderTypeGrowth> growing = new ArrayList<>();
        for (String type : types) {
            long[] classes = new long[byType.size()];
            long[] instances = new long[byType.size()];
            long[] chunkBytes = new long[byType.size()];
            for (int i = 0; i < classes.length; i++) {
                ClassLoaderStats.TypeStats stats = byType.get(i).get(type);
                classes[i] = stats == null ? 0 : stats.classes();
                instances[i] = stats == null ? 0 : stats.instances();
                chunkBytes[i] = stats == null ? 0 : stats.chunkBytes();
            }
            if (SteadyGrowth.isSteadyGrowth(classes, minRises) || SteadyGrowth.isSteadyGrowth(instances, minRises)) {
                int last = classes.length - 1;
                growing.add(new LoaderTypeGrowth(type, classes[last] - classes[0], instances[last] - instances[0],
                        chunkBytes[last] - chunkBytes[0], classes[last], instances[last]));
            }
        }
        growing.sort(Comparator.comparingLong(LoaderTypeGrowth::classesGrowth).reversed()
                .thenComparing(Comparator.comparingLong(LoaderTypeGrowth::instancesGrowth).reversed())
                .thenComparing(LoaderTypeGrowth::loaderType));
        return List.copyOf(growing.subList(0, Math.min(max, growing.size())));
    }

    /** {@link #loaderTypeGrowth(int)} as culprits. */
    public List<Culprit> growingLoaderTypes(int max) {
        return loaderTypeGrowth(max).stream().map(LoaderTypeGrowth::toCulprit).toList();
    }
}
