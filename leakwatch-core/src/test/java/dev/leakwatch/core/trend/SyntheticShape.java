package dev.leakwatch.core.trend;

import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * Synthetic series of the shapes a leak detector must tell apart, each generated from a seeded
 * {@link Random}. Readings come every 5 s, as {@code leakwatch diagnose} samples, unless a shape
 * says otherwise. Growth rates use decimal megabytes (1 MB = 10^6 B, slightly less than a MiB, so
 * the targets are not flattered) and limits are what {@code -Xmx256m} means (256 MiB).
 */
enum SyntheticShape {

    /** Heap lower envelope growing 1 MB/min over a 2-minute window, +/- 0.5 MB jitter, -Xmx256m. */
    HEAP_1MB_PER_MIN(Resource.HEAP, Decision.LEAK) {
        @Override
        Case generate(Random random) {
            return heap(every(TWO_MINUTES, t -> 80 * MIB + MB * t / 60 + jitter(random, 0.5 * MB)));
        }
    },
    /**
     * A slow leak: 250 KB/min over 5 minutes with +/- 1 MB jitter on the envelope, -Xmx256m, read
     * every 2.5 s. At this noise, 5-minute windows need about 120 readings for a reliable LEAK.
     */
    HEAP_250KB_PER_MIN_NOISY(Resource.HEAP, Decision.LEAK) {
        @Override
        Case generate(Random random) {
            return heap(every(FIVE_MINUTES, 2.5, t -> 80 * MIB + 250 * KB * t / 60 + jitter(random, MB)));
        }
    },
    /**
     * The same slow noisy leak read every 5 s (60 readings): at the default significance the
     * evidence suffices for LEAK only about 80% of the time, SUSPECT most of the rest.
     */
    HEAP_250KB_PER_MIN_NOISY_EVERY_5S(Resource.HEAP, Decision.LEAK) {
        @Override
        Case generate(Random random) {
            return heap(every(FIVE_MINUTES, t -> 80 * MIB + 250 * KB * t / 60 + jitter(random, MB)));
        }

        @Override
        boolean decidedAtEverySeed() {
            return false;
        }
    },
    /** About one thread leaked every 5 s (creation times jittered), plus a worker pool coming and going. */
    THREADS_ONE_PER_5S(Resource.THREADS, Decision.LEAK) {
        @Override
        Case generate(Random random) {
            double[] created = arrivals(random, 5, 24);
            return new Case(resource(), every(TWO_MINUTES, t -> 40 + countBefore(created, t) + workers(random, 2)),
                    OptionalDouble.empty());
        }
    },
    /** About one fd leaked every 5 s, plus request sockets opening and closing, ulimit -n 65536. */
    FDS_ONE_PER_5S(Resource.FDS, Decision.LEAK) {
        @Override
        Case generate(Random random) {
            double[] opened = arrivals(random, 5, 24);
            return new Case(resource(), every(TWO_MINUTES, t -> 150 + countBefore(opened, t) + random.nextInt(7)),
                    OptionalDouble.of(65536));
        }
    },
    /** Start-up fills the heap (caches, JIT, classes) for the first half of the window, then it stays. */
    WARMUP_THEN_PLATEAU(Resource.HEAP, Decision.NO_LEAK) {
        @Override
        Case generate(Random random) {
            double tau = 8 + 4 * random.nextDouble();
            return heap(every(TWO_MINUTES, t -> 40 * MIB + 60 * MIB * (1 - Math.exp(-t / tau)) + jitter(random, 0.5 * MB)));
        }
    },
    /** The same over 5 minutes with a slower start-up, reaching well beyond the warm-up exclusion. */
    SLOW_WARMUP_THEN_PLATEAU(Resource.HEAP, Decision.NO_LEAK) {
        @Override
        Case generate(Random random) {
            double tau = 20 + 10 * random.nextDouble();
            return heap(every(FIVE_MINUTES, t -> 40 * MIB + 100 * MIB * (1 - Math.exp(-t / tau)) + jitter(random, MB)));
        }
    },
    /**
     * A cache that fills for a minute and is cleared, read after each GC for 10 minutes: the raw
     * readings climb 40 MiB every minute, their lower envelope (1-minute buckets) is flat.
     */
    SAWTOOTH_CACHE(Resource.HEAP, Decision.NO_LEAK) {
        @Override
        Case generate(Random random) {
            double phase = 60 * random.nextDouble();
            List<Sample> readings = every(10 * 60, t -> 100 * MIB + 40 * MIB * (((t + phase) % 60) / 60)
                    + jitter(random, 0.25 * MB));
            return heap(LowerEnvelope.of(readings, 60_000));
        }
    },
    /** A big heap (200 of 256 MiB) that does not grow, with +/- 2 MB of noise, over 5 minutes. */
    LARGE_STABLE_HEAP(Resource.HEAP, Decision.NO_LEAK) {
        @Override
        Case generate(Random random) {
            return heap(every(FIVE_MINUTES, t -> 200 * MIB + jitter(random, 2 * MB)));
        }
    },
    /** A batch every 20 s runs 10 extra threads for one sample; the rest is a steady pool. */
    PERIODIC_BATCHES(Resource.THREADS, Decision.NO_LEAK) {
        @Override
        Case generate(Random random) {
            int phase = random.nextInt(4);
            List<Sample> series = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                series.add(sample(i * 5.0, 50 + workers(random, 1) + (i % 4 == phase ? 10 : 0)));
            }
            return new Case(resource(), series, OptionalDouble.empty());
        }
    },
    /** A pool grows to its bound (50 threads) within the first half of the window, then stays. */
    POOL_GROWS_TO_BOUND(Resource.THREADS, Decision.NO_LEAK) {
        @Override
        Case generate(Random random) {
            double full = 40 + 20 * random.nextDouble();
            return new Case(resource(), every(TWO_MINUTES, t -> Math.min(50, 10 + Math.floor(40 * t / full))
                    + (random.nextDouble() < 0.2 ? workers(random, 1) : 0)), OptionalDouble.empty());
        }
    },
    /** Fds open and close with requests: the count jumps by up to 10 around a constant. */
    FD_CHURN(Resource.FDS, Decision.NO_LEAK) {
        @Override
        Case generate(Random random) {
            return new Case(resource(), every(TWO_MINUTES, t -> 200 + random.nextInt(21) - 10), OptionalDouble.of(65536));
        }
    },
    /** Exactly the same reading every time. */
    CONSTANT(Resource.HEAP, Decision.NO_LEAK) {
        @Override
        Case generate(Random random) {
            return heap(every(TWO_MINUTES, t -> 100 * MIB));
        }
    },
    /** Memory being released: -1 MB/min with jitter. */
    DECREASING(Resource.HEAP, Decision.NO_LEAK) {
        @Override
        Case generate(Random random) {
            return heap(every(TWO_MINUTES, t -> 150 * MIB - MB * t / 60 + jitter(random, 0.5 * MB)));
        }
    },
    /** Gaussian noise (sigma 1 MB) around a constant level. */
    PURE_NOISE(Resource.HEAP, Decision.NO_LEAK) {
        @Override
        Case generate(Random random) {
            return heap(every(TWO_MINUTES, t -> 100 * MIB + MB * random.nextGaussian()));
        }
    };

    static final double KB = 1e3;
    static final double MB = 1e6;
    static final double MIB = 1024 * 1024;
    static final long START_MILLIS = 1_767_225_600_000L;
    static final int TWO_MINUTES = 120;
    static final int FIVE_MINUTES = 300;
    static final double HEAP_LIMIT = 256 * MIB;

    private final Resource resource;
    private final Decision expected;

    SyntheticShape(Resource resource, Decision expected) {
        this.resource = resource;
        this.expected = expected;
    }

    Resource resource() {
        return resource;
    }

    Decision expected() {
        return expected;
    }

    abstract Case generate(Random random);

    /** Whether the evidence is strong enough that every seed must give the expected decision. */
    boolean decidedAtEverySeed() {
        return true;
    }

    /** One generated window and the limit that goes with it. */
    record Case(Resource resource, List<Sample> series, OptionalDouble limit) {}

    private static Case heap(List<Sample> series) {
        return new Case(Resource.HEAP, series, OptionalDouble.of(HEAP_LIMIT));
    }

    /** Readings every 5 s for {@code seconds} (the last one 5 s before the end), value as a function of seconds. */
    static List<Sample> every(int seconds, DoubleUnaryOperator value) {
        return every(seconds, 5, value);
    }

    static List<Sample> every(int seconds, double stepSeconds, DoubleUnaryOperator value) {
        List<Sample> series = new ArrayList<>();
        for (int i = 0; i * stepSeconds < seconds; i++) {
            double t = i * stepSeconds;
            series.add(sample(t, value.applyAsDouble(t)));
        }
        return series;
    }

    static Sample sample(double seconds, double value) {
        return new Sample(START_MILLIS + Math.round(seconds * 1000), value);
    }

    /** Uniform in [-amplitude, +amplitude]. */
    static double jitter(Random random, double amplitude) {
        return (2 * random.nextDouble() - 1) * amplitude;
    }

    /** Threads of a pool that come and go: an integer in [-spread, +spread], most often near 0. */
    static double workers(Random random, int spread) {
        int sum = 0;
        for (int i = 0; i < 2 * spread; i++) {
            sum += random.nextBoolean() ? 1 : 0;
        }
        return sum - spread;
    }

    /** About one event every {@code intervalSeconds}: the k-th at k * interval, jittered by +/- half an interval. */
    static double[] arrivals(Random random, double intervalSeconds, int count) {
        double[] times = new double[count];
        for (int k = 0; k < count; k++) {
            times[k] = (k + 1) * intervalSeconds + jitter(random, intervalSeconds / 2);
        }
        return times;
    }

    static int countBefore(double[] times, double t) {
        int count = 0;
        for (double time : times) {
            if (time <= t) {
                count++;
            }
        }
        return count;
    }
}
