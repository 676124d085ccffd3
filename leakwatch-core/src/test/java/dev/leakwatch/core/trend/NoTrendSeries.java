package dev.leakwatch.core.trend;

import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Random series without any trend: i.i.d. noise of a random kind (uniform, Gaussian, heavy-tailed,
 * integer counts) and size around a random level, over a random number of readings every 5 s.
 * Whatever the detector says about them beyond NO_LEAK is a false alarm.
 */
final class NoTrendSeries {

    private static final long START_MILLIS = 1_767_225_600_000L;
    private static final double MIB = 1024 * 1024;

    private NoTrendSeries() {}

    static SyntheticShape.Case generate(Random random) {
        int n = 24 + random.nextInt(97);
        return switch (random.nextInt(4)) {
            case 0 -> bytes(random, n, () -> 2 * random.nextDouble() - 1);
            case 1 -> bytes(random, n, random::nextGaussian);
            case 2 -> bytes(random, n, () -> heavyTailed(random));
            default -> counts(random, n);
        };
    }

    /** Heap-like: a level of 16 to 240 MiB, noise of 0.1% to 3% of it, -Xmx256m. */
    private static SyntheticShape.Case bytes(Random random, int n, java.util.function.DoubleSupplier unitNoise) {
        double level = (16 + 224 * random.nextDouble()) * MIB;
        double amplitude = level * (0.001 + 0.029 * random.nextDouble());
        List<Sample> series = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            series.add(new Sample(START_MILLIS + i * 5_000L, level + amplitude * unitNoise.getAsDouble()));
        }
        return new SyntheticShape.Case(Resource.HEAP, series, OptionalDouble.of(256 * MIB));
    }

    /** Thread- or fd-like: a level of 10 to 500, integer noise of up to +/- 10. */
    private static SyntheticShape.Case counts(Random random, int n) {
        Resource resource = random.nextBoolean() ? Resource.THREADS : Resource.FDS;
        int level = 10 + random.nextInt(491);
        int spread = 1 + random.nextInt(10);
        List<Sample> series = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            series.add(new Sample(START_MILLIS + i * 5_000L, level + random.nextInt(2 * spread + 1) - spread));
        }
        OptionalDouble limit = resource == Resource.FDS ? OptionalDouble.of(65536) : OptionalDouble.empty();
        return new SyntheticShape.Case(resource, series, limit);
    }

    /** Student-t-like with 2 degrees of freedom: mostly small, now and then huge. */
    private static double heavyTailed(Random random) {
        double z = random.nextGaussian();
        double chi2 = Math.pow(random.nextGaussian(), 2) + Math.pow(random.nextGaussian(), 2);
        return z / Math.sqrt(chi2 / 2);
    }
}
